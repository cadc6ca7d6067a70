/**
 * What an incident page shows for its timeline chart: the Gantt source, and the SVG from the cache
 * when the build rendered it (else the page renders the source in the browser). The diagrams
 * integration registers each chart's source and cache key for the build (registry.ts); without it
 * (dev) the page computes them from the same data.
 */
import { buildGantt, type GanttChart, type GanttPostmortem } from '../gantt.ts';
import { isCached, readCached, renderIdFor } from './cache.ts';
import { diagramKey, GANTT_OPTIONS, RENDER_SETTINGS, STYLE_PROBE_SOURCE } from './config.ts';
import { getRegistry, type ChartPlan } from './registry.ts';
import { safeId, themedSvg } from './svg.ts';
import { formatDuration } from '../../format/time.ts';

/** Set by the diagrams integration for every build (see src/integrations/diagrams.ts). */
export interface DiagramsBuildConfig {
  /** `off`: no charts at all (HINDSIGHT_DIAGRAMS=off). */
  enabled: boolean;
  cacheDir: string;
  mermaidVersion: string;
  /** URL of the module that draws charts in the browser when the build could not (clientRenderScript). */
  clientRenderModule: string;
}

export interface TimelineChartData {
  /** Base for the ids on the page. */
  id: string;
  source: string;
  /** What the chart leaves out (the table has it). */
  untimed: number;
  outside: number;
  title: string;
  description: string;
  /** Rendered at build: one inline SVG with the light and dark palettes. Absent: render `source` in the browser. */
  svg?: string;
}

/** One sentence about the chart for screen readers (the table below has every detail). */
export function describeChart(pm: GanttPostmortem, chart: Pick<GanttChart, 'charted'>): string {
  const minutes = (d: Date) => formatDuration((d.getTime() - pm.started.getTime()) / 60000);
  const timed = chart.charted;
  const misleading = pm.timeline.filter((e) => e.at && e.misleading).length;
  return [
    `Gantt chart of ${timed} timed event${timed === 1 ? '' : 's'} by phase, times in ${pm.timezone}.`,
    pm.detected ? `Detected after ${minutes(pm.detected)}.` : '',
    pm.mitigated ? `Mitigated after ${minutes(pm.mitigated)}.` : '',
    `Resolved after ${minutes(pm.resolved)}.`,
    misleading ? `${misleading} misleading lead${misleading === 1 ? '' : 's'} in red.` : '',
    'The timeline table has every event.',
  ]
    .filter(Boolean)
    .join(' ');
}

const gridColors = {
  light: (RENDER_SETTINGS.light.themeVariables as { gridColor: string }).gridColor,
  dark: (RENDER_SETTINGS.dark.themeVariables as { gridColor: string }).gridColor,
};

const darkKeys: Record<string, string> = {};
/** Cache key of the shared dark rendering (the dark palette of every chart), once per Mermaid version. */
const darkStyleKey = (config: DiagramsBuildConfig) => (darkKeys[config.mermaidVersion] ??= diagramKey(STYLE_PROBE_SOURCE, 'dark', config.mermaidVersion));
let darkSvg: { path: string; svg: string } | undefined;
/** The shared dark rendering, read once per build (every page uses it). */
function darkStyle(cacheDir: string, key: string): string | undefined {
  const path = `${cacheDir}\u0000${key}`;
  if (darkSvg?.path === path) return darkSvg.svg;
  const svg = readCached(cacheDir, key);
  if (svg) darkSvg = { path, svg };
  return svg;
}

/** The chart plan for a postmortem: from the diagrams integration of this build, else computed. */
export function chartPlan(postmortemId: string, pm: GanttPostmortem, config: DiagramsBuildConfig): ChartPlan {
  const planned = getRegistry()?.charts.get(postmortemId);
  if (planned) return planned;
  const chart = buildGantt(pm, GANTT_OPTIONS);
  return { source: chart.source, key: diagramKey(chart.source, 'light', config.mermaidVersion), charted: chart.charted, untimed: chart.untimed, outside: chart.outside };
}

/**
 * What an incident page's chart depends on, for page reuse (src/lib/site/page-reuse.ts): the cache
 * keys of its rendering and of the dark palette; the page is final only once both are in the cache
 * (else it carries the chart's source for the browser to draw).
 */
export function timelineChartInputs(postmortemId: string, pm: GanttPostmortem, config: DiagramsBuildConfig): { keys: string[]; ready: () => boolean } {
  if (!config.enabled) return { keys: [], ready: () => true };
  const keys = [chartPlan(postmortemId, pm, config).key, darkStyleKey(config)];
  return { keys, ready: () => keys.every((key) => isCached(config.cacheDir, key)) };
}

export async function timelineChartData(postmortemId: string, pm: GanttPostmortem, config: DiagramsBuildConfig): Promise<TimelineChartData | undefined> {
  if (!config.enabled) return undefined;
  const plan = chartPlan(postmortemId, pm, config);
  const id = `timeline-chart-${safeId(postmortemId)}`;
  const title = `Timeline of “${pm.title}”`;
  const description = describeChart(pm, plan);
  const darkKey = darkStyleKey(config);
  // While the batch still renders, wait for this page's diagram only.
  const registry = getRegistry();
  if (registry) await Promise.all([registry.ready(plan.key), registry.ready(darkKey)]);
  const light = readCached(config.cacheDir, plan.key);
  const dark = darkStyle(config.cacheDir, darkKey);
  const svg =
    light && dark
      ? themedSvg(light, { renderId: renderIdFor(plan.key), id: `${id}-svg`, title, description, gridColor: gridColors, dark: { svg: dark, renderId: renderIdFor(darkKey) } })
      : undefined;
  return { id, source: plan.source, untimed: plan.untimed, outside: plan.outside, title, description, svg };
}

/** The module that renders charts in the browser when the build could not (no Chromium); `clientModule` is mermaid's ES module. */
export function clientRenderScript(clientModule: string): string {
  const settings = JSON.stringify(RENDER_SETTINGS);
  return `import mermaid from ${JSON.stringify(clientModule)};
const S=${settings};
for (const f of document.querySelectorAll('.timeline-chart[data-client-render]')) {
  const src=f.querySelector('pre.mermaid').textContent;
  for (const t of ['light','dark']) {
    mermaid.initialize(S[t]);
    const {svg}=await mermaid.render(f.id+'-'+t,src);
    const box=f.querySelector('.timeline-chart-'+t);
    box.innerHTML=svg;
    box.firstElementChild.style.color=S[t].themeVariables.gridColor;
  }
  f.querySelector('pre.mermaid').hidden=true;
}`;
}
