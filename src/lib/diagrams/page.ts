/**
 * What an incident page shows for its timeline chart: the Gantt source, and the rendered light and
 * dark SVGs from the cache when the build rendered them (else the page renders the source in the
 * browser). The cache key is recomputed from the same data, so pages need no manifest.
 */
import { timelineToGantt, type GanttPostmortem } from '../gantt.ts';
import { readCached, renderIdFor } from './cache.ts';
import { diagramKey, RENDER_SETTINGS } from './config.ts';
import { postProcessSvg, safeId } from './svg.ts';
import { formatDuration } from '../time.ts';

/** Set by the diagrams integration for every build (see src/integrations/diagrams.ts). */
export interface DiagramsBuildConfig {
  /** `off`: no charts at all (HINDSIGHT_DIAGRAMS=off). */
  enabled: boolean;
  cacheDir: string;
  mermaidVersion: string;
  /** URL of mermaid's ES module for the client-side fallback. */
  clientModule: string;
}

export interface TimelineChartData {
  /** Base for the ids on the page. */
  id: string;
  source: string;
  title: string;
  description: string;
  /** Rendered at build: inline SVGs. Absent: render `source` in the browser. */
  svg?: { light: string; dark: string };
}

/** One sentence about the chart for screen readers (the table below has every detail). */
export function describeChart(pm: GanttPostmortem): string {
  const minutes = (d: Date) => formatDuration((d.getTime() - pm.started.getTime()) / 60000);
  const timed = pm.timeline.filter((e) => e.at).length;
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

export function timelineChartData(postmortemId: string, pm: GanttPostmortem, config: DiagramsBuildConfig): TimelineChartData | undefined {
  if (!config.enabled) return undefined;
  const source = timelineToGantt(pm);
  const id = `timeline-chart-${safeId(postmortemId)}`;
  const title = `Timeline of “${pm.title}”`;
  const description = describeChart(pm);
  const svgs: Partial<Record<'light' | 'dark', string>> = {};
  for (const theme of ['light', 'dark'] as const) {
    const key = diagramKey(source, theme, config.mermaidVersion);
    const svg = readCached(config.cacheDir, key);
    const color = (RENDER_SETTINGS[theme].themeVariables as { gridColor?: string } | undefined)?.gridColor;
    if (svg) svgs[theme] = postProcessSvg(svg, { renderId: renderIdFor(key), id: `${id}-${theme}`, title, description, color });
  }
  return { id, source, title, description, svg: svgs.light && svgs.dark ? { light: svgs.light, dark: svgs.dark } : undefined };
}

/** The inline module that renders a chart in the browser when the build could not (no Chromium). */
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
