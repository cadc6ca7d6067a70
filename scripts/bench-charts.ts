/**
 * Measures build-time chart rendering alone: N synthetic postmortems' Gantt sources (the bench's
 * generator, the site's GANTT_OPTIONS) rendered cold by the build's renderer (Chromium start
 * included), `--repeat` times. Prints, per run and as medians: wall ms per chart and the CPU ms per
 * chart of Chromium's whole process tree (read from /proc before the browser closes), plus a
 * digest of every SVG, so that a change to the renderer can be checked to draw the same bytes.
 *
 *   node scripts/bench-charts.ts [--count 300] [--repeat 3] [--pages N] [--profile]
 *
 * `--profile` adds Chromium's own accounting per chart (CDP `Performance.getMetrics`: script,
 * layout, style recalculation, task time) from one extra run.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildGantt } from '../src/lib/charts/gantt.ts';
import { findChromium } from '../src/lib/charts/renderer/chromium.ts';
import { GANTT_OPTIONS, mermaidDist } from '../src/lib/charts/renderer/config.ts';
import { openRenderPage, startRenderer, type RenderJob } from '../src/lib/charts/renderer/render.ts';
import { postmortemSchema } from '../src/lib/format/schema.ts';
import { syntheticPostmortem } from './synthetic.ts';
import { cpuTicksOf, processTree, TICKS_PER_SECOND } from './proc.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '300' },
    repeat: { type: 'string', default: '3' },
    pages: { type: 'string' },
    seed: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const repeat = Number(values.repeat);
const pages = values.pages === undefined ? undefined : Number(values.pages);
const root = process.cwd();

const executablePath = await findChromium();
if (!executablePath) {
  console.error('bench-charts: no Chromium found (CHROMIUM_PATH, Playwright’s browser, /usr/bin/chromium)');
  process.exit(1);
}

const jobs: RenderJob[] = Array.from({ length: count }, (_, i) => {
  const { data } = syntheticPostmortem(i, Number(values.seed));
  const source = buildGantt(postmortemSchema.parse(data), GANTT_OPTIONS).source;
  return { id: `bench${i}`, source, theme: 'light' };
});

/** CPU ms (user + system) used so far by this process's descendants (Chromium's tree: Node has no other children), exited ones included. */
function childrenCpuMs(): number {
  let ticks = 0;
  for (const pid of processTree(process.pid).slice(1)) ticks += cpuTicksOf(pid, { withExitedChildren: true }) ?? 0;
  return (ticks * 1000) / TICKS_PER_SECOND;
}

interface Run {
  wallMs: number;
  cpuMs: number;
  digest: string;
  failed: number;
}

async function run(): Promise<Run> {
  const started = performance.now();
  const renderer = await startRenderer(executablePath!, mermaidDist(root), pages);
  const svgs: string[] = new Array(jobs.length);
  let failed = 0;
  try {
    await renderer.render(jobs, (first, results) =>
      results.forEach((r, i) => {
        if (r.ok) svgs[first + i] = r.svg;
        else {
          failed++;
          svgs[first + i] = `error: ${r.error}`;
        }
      }),
    );
    const wallMs = performance.now() - started;
    const cpuMs = childrenCpuMs();
    const digest = createHash('sha256').update(svgs.join('\u0000')).digest('hex').slice(0, 16);
    return { wallMs, cpuMs, digest, failed };
  } finally {
    await renderer.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const perChart = (ms: number) => (ms / count).toFixed(2);

// Task lines: indented, with the `:` that starts a task's data.
const tasks = jobs.reduce((n, j) => n + (j.source.match(/^\s+[^%\n][^\n]*:/gm)?.length ?? 0), 0);
console.log(`bench-charts: ${count} charts (${(tasks / count).toFixed(1)} bars each on average), ${repeat} cold runs, pages ${pages ?? 'default'}`);
const runs: Run[] = [];
for (let i = 0; i < repeat; i++) {
  const r = await run();
  runs.push(r);
  console.log(`run ${i + 1}: wall ${perChart(r.wallMs)} ms/chart, chromium cpu ${perChart(r.cpuMs)} ms/chart, svg digest ${r.digest}${r.failed ? `, ${r.failed} failed` : ''}`);
}
console.log(`median: wall ${perChart(median(runs.map((r) => r.wallMs)))} ms/chart, chromium cpu ${perChart(median(runs.map((r) => r.cpuMs)))} ms/chart`);
if (new Set(runs.map((r) => r.digest)).size > 1) console.log('warning: runs drew different SVGs');

if (values.profile) {
  // One more run in a page of our own, with Chromium's metrics before and after.
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../src/lib/charts/renderer/chromium.ts');
  const { RENDER_SETTINGS, RENDER_WIDTH } = await import('../src/lib/charts/renderer/config.ts');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: RENDER_WIDTH + 64, height: 800 } });
  const page = await openRenderPage(context, mermaidDist(root));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  await page.evaluate(
    async ({ jobs, settings }) => {
      window.mermaid.initialize(settings);
      const host = document.getElementById('host')!;
      for (const { id, source } of jobs) {
        await window.mermaid.render(id, source, host);
        host.replaceChildren();
      }
    },
    { jobs: jobs.map(({ id, source }) => ({ id, source })), settings: RENDER_SETTINGS.light },
  );
  const after = await metrics();
  for (const name of ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'LayoutCount', 'RecalcStyleCount']) {
    const d = after[name]! - before[name]!;
    console.log(`${name}: ${name.endsWith('Count') ? (d / count).toFixed(1) : ((d * 1000) / count).toFixed(2) + ' ms'} per chart`);
  }
  await browser.close();
}
