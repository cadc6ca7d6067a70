/**
 * Charts across a daylight-saving change, drawn by the build's renderer in Chromium: every bar
 * starts at the axis tick that carries its time as the timeline table shows it (local wall-clock
 * time, the repeated or skipped hour included), and bars keep their real lengths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postmortemSchema, type PostmortemInput } from '../../src/lib/format/schema.ts';
import { formatTime } from '../../src/lib/format/time.ts';
import { timelineToGantt } from '../../src/lib/charts/gantt.ts';
import { findChromium } from '../../src/lib/charts/renderer/chromium.ts';
import { mermaidDist } from '../../src/lib/charts/renderer/config.ts';
import { startRenderer, type Renderer } from '../../src/lib/charts/renderer/render.ts';
import { ROOT } from '../support/build-site.ts';

const chromium = await findChromium();
const mustRun = process.env.CI === 'true';
if (!chromium && !mustRun) console.log('charts-dst.test.ts: no Chromium found (CHROMIUM_PATH, Playwright, /usr/bin/chromium): skipping');

const ZONE = 'America/New_York';
const incident = (started: string, resolved: string, timeline: PostmortemInput['timeline']) =>
  postmortemSchema.parse({
    title: 'Across a DST change',
    summary: 'Clocks changed during the incident.',
    severity: 'SEV3',
    services: ['billing'],
    timezone: ZONE,
    started,
    resolved,
    impact: { summary: 'Duplicate jobs.' },
    cause: { category: 'software-bug', summary: 'A scheduler read wall-clock time.' },
    resolution: 'Fixed the scheduler.',
    timeline,
  });

// Autumn: 01:30 EDT → 01:10 EST (the hour 01:00–02:00 happens twice). Spring: 01:30 EST → 03:15 EDT.
const fallBack = incident('2024-11-03T05:30:00Z', '2024-11-03T06:40:00Z', [
  { at: '2024-11-03T05:30:00Z', event: 'Cron job runs twice', kind: 'trigger' },
  { at: '2024-11-03T06:10:00Z', event: 'Duplicate charges noticed', kind: 'detect' },
  { at: '2024-11-03T06:40:00Z', event: 'Refunded', kind: 'resolve' },
]);
const springForward = incident('2024-03-10T06:30:00Z', '2024-03-10T07:45:00Z', [
  { at: '2024-03-10T06:30:00Z', event: 'Batch starts', kind: 'trigger' },
  { at: '2024-03-10T07:15:00Z', event: 'Batch fails', kind: 'detect' },
  { at: '2024-03-10T07:45:00Z', event: 'Batch rerun', kind: 'resolve' },
]);

interface Drawn {
  ticks: { label: string; x: number }[];
  bars: Map<string, { x: number; width: number }>;
}

/**
 * Tick labels with their x (in the chart's coordinates: the axis group is shifted by the left
 * padding), and each task bar's x and width (`<svg id>-e1`, `-e2`… are the timeline entries).
 */
function readSvg(svg: string): Drawn {
  const axisShift = Number(/<g class="grid" transform="translate\(([\d.]+),/.exec(svg)?.[1] ?? NaN);
  const ticks = [...svg.matchAll(/<g class="tick"[^>]*transform="translate\(([\d.]+),0\)"><line[^>]*><\/line><text[^>]*>([^<]+)<\/text>/g)].map((m) => ({ x: axisShift + Number(m[1]), label: m[2]! }));
  const bars = new Map<string, { x: number; width: number }>();
  for (const rect of svg.matchAll(/<rect\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(rect[0])?.[1];
    const entry = /-(e\d+)$/.exec(attr('id') ?? '')?.[1];
    if (entry) bars.set(entry, { x: Number(attr('x')), width: Number(attr('width')) });
  }
  return { ticks, bars };
}

describe.skipIf(!chromium && !mustRun)('charts across a DST change', () => {
  let renderer: Renderer;
  const drawn = new Map<string, Drawn>();

  beforeAll(async () => {
    renderer = await startRenderer(chromium!, mermaidDist(ROOT));
    // A UTC chart between the two checks that the zone is set per chart, not left over.
    const sources = { fallBack: timelineToGantt(fallBack), utc: timelineToGantt({ ...fallBack, timezone: 'UTC' }), springForward: timelineToGantt(springForward) };
    const names = Object.keys(sources) as (keyof typeof sources)[];
    await renderer.render(
      names.map((name) => ({ id: `dst-${name}`, source: sources[name], theme: 'light' as const })),
      (first, results) =>
        results.forEach((result, i) => {
          if (!result.ok) throw new Error(result.error);
          drawn.set(names[first + i]!, readSvg(result.svg));
        }),
    );
  });
  afterAll(() => renderer?.close());

  /** The bar of timeline entry `index` starts on a tick labelled with its local time. */
  const expectBarOnTick = (chart: Drawn, index: number, pm: typeof fallBack) => {
    const at = pm.timeline[index]!.at!;
    const bar = chart.bars.get(`e${index + 1}`)!;
    expect(bar, `bar e${index + 1}`).toBeDefined();
    const tick = chart.ticks.find((t) => Math.abs(t.x - bar.x) <= 1);
    expect(tick?.label, `tick under ${pm.timeline[index]!.event}`).toBe(formatTime(at, pm.timezone));
  };

  it('labels the times after the clocks go back as the table does (01:10 EST, not 02:10)', () => {
    const chart = drawn.get('fallBack')!;
    expect(chart.ticks.map((t) => t.label)).toEqual(expect.arrayContaining(['01:30', '01:50', '01:00', '01:10']));
    expectBarOnTick(chart, 0, fallBack);
    expectBarOnTick(chart, 1, fallBack);
    // 40 minutes and 30 minutes of real time.
    const [a, b] = [chart.bars.get('e1')!, chart.bars.get('e2')!];
    expect(a.width / b.width).toBeCloseTo(40 / 30, 1);
  });

  it('labels the times after the clocks go forward as the table does, and keeps real lengths', () => {
    const chart = drawn.get('springForward')!;
    expect(chart.ticks.map((t) => t.label)).toEqual(expect.arrayContaining(['01:30', '01:45', '03:00', '03:15']));
    expectBarOnTick(chart, 0, springForward);
    expectBarOnTick(chart, 1, springForward);
    // 45 minutes and 30 minutes of real time (wall-clock times would draw 105 and 30).
    const [a, b] = [chart.bars.get('e1')!, chart.bars.get('e2')!];
    expect(a.width / b.width).toBeCloseTo(45 / 30, 1);
  });

  it('draws a chart without a zone line in UTC', () => {
    const chart = drawn.get('utc')!;
    expectBarOnTick(chart, 1, { ...fallBack, timezone: 'UTC' });
  });
});
