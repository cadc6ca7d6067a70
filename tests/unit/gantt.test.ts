/**
 * Timeline → Mermaid Gantt source. Every source is checked with Mermaid's own parser (the gantt
 * grammar runs in Node; rendering needs a browser and is covered by the build tests), and the
 * parsed tasks are compared with the data: names, sections, start and end times.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import mermaid from 'mermaid';
import { postmortemSchema, type PostmortemInput } from '../../src/lib/format/schema.ts';
import { validatePostmortemSource } from '../../src/lib/format/content-files.ts';
import { buildGantt, chooseAxis, crossesOffsetChange, mermaidText, renderZone, shorten, timelineToGantt, DEFAULT_MAX_LABEL_LENGTH } from '../../src/lib/charts/gantt.ts';

// Mermaid reads the wall-clock times in the process zone; the build's renderer runs in UTC too.
beforeAll(() => {
  process.env.TZ = 'UTC';
});

const SEED = 'tests/fixtures/site/postmortems/2024-06-05-checkout-db-slowdown.mdx';

const base = (): PostmortemInput => ({
  title: 'Checkout slow',
  summary: 'Slow.',
  severity: 'SEV2',
  services: ['checkout'],
  timezone: 'UTC',
  started: '2024-06-05T14:00:00Z',
  detected: '2024-06-05T14:05:00Z',
  mitigated: '2024-06-05T14:30:00Z',
  resolved: '2024-06-05T15:00:00Z',
  impact: { summary: 'Slow pages.' },
  cause: { category: 'database', summary: 'A full table scan.' },
  resolution: 'Rolled back.',
  timeline: [
    { at: '2024-06-05T14:00:00Z', event: 'Alert', kind: 'detect' },
    { at: '2024-06-05T15:00:00Z', event: 'Fixed', kind: 'resolve' },
  ],
});
const pm = (patch: Partial<PostmortemInput> = {}) => postmortemSchema.parse({ ...base(), ...patch });

interface ParsedTask {
  section: string;
  /** The name as shown (Mermaid's entities decoded). */
  name: string;
  start: string;
  end: string;
  milestone: boolean;
  crit: boolean;
  active: boolean;
}

/** Mermaid's placeholders for `#58;`-style entities, decoded to the characters they show. */
const decode = (text: string) => text.replace(/\uFB02°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code))).trim();
/** `2024-06-05 14:00` for a Date parsed by Mermaid in the process zone (UTC). */
const wall = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** Parses with Mermaid (throws on a syntax error) and returns what it understood. */
async function parse(source: string) {
  expect(await mermaid.parse(source)).toMatchObject({ diagramType: 'gantt' });
  const api = (mermaid as unknown as { mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: GanttDb }> } }).mermaidAPI;
  const { db } = await api.getDiagramFromText(source);
  const tasks: ParsedTask[] = db.getTasks().map((t) => ({
    section: t.section,
    name: decode(t.task),
    start: wall(t.startTime),
    end: wall(t.endTime),
    milestone: Boolean(t.milestone),
    crit: Boolean(t.crit),
    active: Boolean(t.active),
  }));
  return { tasks, axisFormat: db.getAxisFormat(), tickInterval: db.getTickInterval(), todayMarker: db.getTodayMarker(), db };
}
interface GanttDb {
  getTasks(): { section: string; task: string; startTime: Date; endTime: Date; milestone?: boolean; crit?: boolean; active?: boolean }[];
  getAxisFormat(): string;
  getTickInterval(): string;
  getTodayMarker(): string;
}
const named = (tasks: ParsedTask[], name: string) => {
  const task = tasks.find((t) => t.name === name);
  if (!task) throw new Error(`no task named ${JSON.stringify(name)} in ${JSON.stringify(tasks.map((t) => t.name))}`);
  return task;
};

describe('timelineToGantt', () => {
  it('turns the seed incident into a chart (snapshot), 14:00–15:30 UTC', async () => {
    const { data, problems } = validatePostmortemSource(SEED, readFileSync(SEED, 'utf8'));
    expect(problems).toEqual([]);
    const source = timelineToGantt(data!);
    expect(source).toMatchSnapshot();
    const { tasks, todayMarker, axisFormat, tickInterval } = await parse(source);
    expect(todayMarker).toBe('off');
    expect(axisFormat).toBe('%H:%M');
    expect(tickInterval).toBe('10minute');
    expect(named(tasks, 'Impact 1 h 30 min')).toMatchObject({ section: 'Impact', start: '2024-06-05 14:00', end: '2024-06-05 15:30', active: true });
    expect(named(tasks, 'Detected +0 min')).toMatchObject({ milestone: true, start: '2024-06-05 14:00' });
    expect(named(tasks, 'Resolved +1 h 30 min')).toMatchObject({ milestone: true, start: '2024-06-05 15:30' });
    // The untimed trigger entry is left out; the misleading leads are crit, nothing else is.
    expect(tasks.filter((t) => t.section === 'Trigger')).toEqual([]);
    expect(tasks.filter((t) => t.crit).map((t) => t.start)).toEqual(['2024-06-05 14:15', '2024-06-05 14:50']);
    // A bar lasts until `until`, or the next entry; an entry with no length is a milestone.
    expect(tasks.find((t) => t.start === '2024-06-05 14:15' && t.crit)?.end).toBe('2024-06-05 14:30');
    expect(tasks.find((t) => t.start === '2024-06-05 14:50')?.end).toBe('2024-06-05 15:00');
    expect(tasks.find((t) => t.section === 'Resolution')).toMatchObject({ milestone: true, start: '2024-06-05 15:30' });
    expect(Math.min(...tasks.map((t) => Date.parse(`${t.start}Z`)))).toBe(Date.parse('2024-06-05T14:00Z'));
    expect(Math.max(...tasks.map((t) => Date.parse(`${t.end}Z`)))).toBe(Date.parse('2024-06-05T15:30Z'));
  });

  it('puts sections in phase order and only the phases that occur', async () => {
    const source = timelineToGantt(
      pm({
        timeline: [
          { at: '2024-06-05T13:50:00Z', event: 'Deploy', kind: 'trigger' },
          { at: '2024-06-05T14:00:00Z', event: 'Status page updated', kind: 'communicate' },
          { at: '2024-06-05T14:05:00Z', event: 'Alert', kind: 'detect' },
          { at: '2024-06-05T14:10:00Z', event: 'Paged DBA', kind: 'escalate' },
          { at: '2024-06-05T14:20:00Z', event: 'Looked at graphs', kind: 'investigate' },
          { at: '2024-06-05T14:30:00Z', event: 'Rolled back', kind: 'mitigate' },
          { at: '2024-06-05T14:40:00Z', event: 'A note' },
          { at: '2024-06-05T15:00:00Z', event: 'Closed', kind: 'resolve' },
        ],
      }),
    );
    const { tasks } = await parse(source);
    expect([...new Set(tasks.map((t) => t.section))]).toEqual(['Impact', 'Trigger', 'Detection', 'Investigation', 'Escalation', 'Mitigation', 'Resolution', 'Communication', 'Notes']);
    expect(named(tasks, 'Deploy')).toMatchObject({ start: '2024-06-05 13:50', end: '2024-06-05 14:00' });
    expect(named(tasks, 'Impact 30 min')).toMatchObject({ start: '2024-06-05 14:00', end: '2024-06-05 14:30' });
  });

  it('charts a multi-day incident with day labels and a coarser tick', async () => {
    const source = timelineToGantt(
      pm({
        started: '2024-03-01T08:00:00Z',
        detected: '2024-03-01T20:00:00Z',
        mitigated: '2024-03-03T09:00:00Z',
        resolved: '2024-03-05T17:00:00Z',
        timeline: [
          { at: '2024-03-01T08:00:00Z', event: 'Disk fills', kind: 'trigger' },
          { at: '2024-03-01T20:00:00Z', event: 'Customer ticket', kind: 'detect' },
          { at: '2024-03-02T10:00:00Z', event: 'Blamed the CDN', kind: 'investigate', misleading: true, until: '2024-03-02T18:00:00Z' },
          { at: '2024-03-03T09:00:00Z', event: 'Disk expanded', kind: 'mitigate' },
          { at: '2024-03-05T17:00:00Z', event: 'Closed', kind: 'resolve' },
        ],
      }),
    );
    const { tasks, axisFormat, tickInterval } = await parse(source);
    expect(axisFormat).toBe('%b %d');
    expect(tickInterval).toBe('1day');
    expect(named(tasks, 'Blamed the CDN')).toMatchObject({ crit: true, start: '2024-03-02 10:00', end: '2024-03-02 18:00' });
    expect(named(tasks, 'Disk expanded')).toMatchObject({ start: '2024-03-03 09:00', end: '2024-03-05 17:00' });
    expect(named(tasks, 'Impact 2 d 1 h')).toMatchObject({ start: '2024-03-01 08:00', end: '2024-03-03 09:00' });
  });

  it('keeps dates on the axis when the incident crosses midnight', async () => {
    const source = timelineToGantt(
      pm({
        started: '2024-06-05T23:40:00Z',
        detected: '2024-06-05T23:50:00Z',
        mitigated: undefined,
        resolved: '2024-06-06T00:30:00Z',
        timeline: [
          { at: '2024-06-05T23:50:00Z', event: 'Alert', kind: 'detect' },
          { at: '2024-06-06T00:10:00Z', event: 'Failover', kind: 'mitigate' },
          { at: '2024-06-06T00:30:00Z', event: 'Closed', kind: 'resolve' },
        ],
      }),
    );
    const { tasks, axisFormat, tickInterval } = await parse(source);
    expect(axisFormat).toBe('%b %d %H:%M');
    expect(tickInterval).toBe('10minute');
    expect(named(tasks, 'Alert')).toMatchObject({ start: '2024-06-05 23:50', end: '2024-06-06 00:10' });
    expect(named(tasks, 'Impact 50 min')).toMatchObject({ start: '2024-06-05 23:40', end: '2024-06-06 00:30' });
    expect(tasks.some((t) => t.name.startsWith('Mitigated'))).toBe(false);
  });

  it('draws times as wall-clock times in the postmortem zone, without offsets', async () => {
    const data = pm({
      timezone: 'Asia/Kolkata',
      started: '2024-06-05T14:00:00Z',
      detected: '2024-06-05 19:35',
      mitigated: '2024-06-05T14:30:00+00:00',
      resolved: '2024-06-05T15:00:00Z',
      timeline: [
        { at: '2024-06-05T14:00:00Z', event: 'Alert', kind: 'detect' },
        { at: '2024-06-05 20:00', event: 'Fixed', kind: 'resolve', until: '2024-06-05T14:45:00Z' },
      ],
    });
    const source = timelineToGantt(data);
    expect(source).not.toMatch(/Z\b|[+-]\d\d:\d\d(?:,|$)/m);
    const { tasks } = await parse(source);
    expect(named(tasks, 'Alert')).toMatchObject({ start: '2024-06-05 19:30', end: '2024-06-05 20:00' });
    expect(named(tasks, 'Fixed')).toMatchObject({ start: '2024-06-05 20:00', end: '2024-06-05 20:15' });
    expect(named(tasks, 'Detected +5 min')).toMatchObject({ start: '2024-06-05 19:35' });
    // Independent of the zone the build runs in.
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(timelineToGantt(data)).toBe(source);
    } finally {
      process.env.TZ = 'UTC';
    }
  });

  /** Parses in `zone`, as the renderer draws a source that asks for one (`%% timezone`). */
  async function parseIn(zone: string, source: string) {
    process.env.TZ = zone;
    try {
      return await parse(source);
    } finally {
      process.env.TZ = 'UTC';
    }
  }
  const utc = (iso: string) => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

  it('draws a chart across a DST change that turns the clocks back in the postmortem zone, with absolute times', async () => {
    // 01:30 EDT, then 01:10 EST (an hour later): wall-clock times would run backwards.
    const source = timelineToGantt(
      pm({
        timezone: 'America/New_York',
        started: '2024-11-03T05:30:00Z',
        detected: undefined,
        mitigated: undefined,
        resolved: '2024-11-03T06:40:00Z',
        timeline: [
          { at: '2024-11-03T05:30:00Z', event: 'Cron job runs twice', kind: 'trigger' },
          { at: '2024-11-03T06:10:00Z', event: 'Duplicate charges noticed', kind: 'detect' },
          { at: '2024-11-03T06:40:00Z', event: 'Refunded', kind: 'resolve' },
        ],
      }),
    );
    expect(renderZone(source)).toBe('America/New_York');
    expect(source).toContain(`Cron job runs twice :e1, ${Date.parse('2024-11-03T05:30:00Z')}, ${Date.parse('2024-11-03T06:10:00Z')}`);
    const { tasks } = await parseIn('America/New_York', source);
    // Every bar at its real instants (the table's times), in order, with its real length.
    expect(named(tasks, 'Cron job runs twice')).toMatchObject({ start: utc('2024-11-03T05:30:00Z'), end: utc('2024-11-03T06:10:00Z') });
    expect(named(tasks, 'Duplicate charges noticed')).toMatchObject({ start: utc('2024-11-03T06:10:00Z'), end: utc('2024-11-03T06:40:00Z') });
    for (const t of tasks) expect(t.end >= t.start, t.name).toBe(true);
  });

  it('draws a chart across a DST change that moves the clocks forward with bars of their real length', async () => {
    // 01:30 EST, then 03:10 EDT: 40 minutes, not the 100 that wall-clock times would draw.
    const source = timelineToGantt(
      pm({
        timezone: 'America/New_York',
        started: '2024-03-10T06:30:00Z',
        detected: undefined,
        mitigated: undefined,
        resolved: '2024-03-10T07:40:00Z',
        timeline: [
          { at: '2024-03-10T06:30:00Z', event: 'Batch starts', kind: 'trigger' },
          { at: '2024-03-10T07:10:00Z', event: 'Batch fails', kind: 'detect' },
          { at: '2024-03-10T07:40:00Z', event: 'Batch rerun', kind: 'resolve' },
        ],
      }),
    );
    const { tasks } = await parseIn('America/New_York', source);
    expect(named(tasks, 'Batch starts')).toMatchObject({ start: utc('2024-03-10T06:30:00Z'), end: utc('2024-03-10T07:10:00Z') });
  });

  it('keeps absolute times readable by Mermaid in any zone (a copied source still draws)', async () => {
    const source = timelineToGantt(
      pm({
        timezone: 'Europe/London',
        started: '2024-10-27T00:30:00Z',
        detected: undefined,
        mitigated: undefined,
        resolved: '2024-10-27T01:40:00Z',
        timeline: [{ at: '2024-10-27T00:30:00Z', event: 'Start', kind: 'trigger' }],
      }),
    );
    expect(renderZone(source)).toBe('Europe/London');
    for (const zone of ['UTC', 'Asia/Tokyo']) {
      const { tasks } = await parseIn(zone, source);
      expect(named(tasks, 'Start')).toMatchObject({ start: utc('2024-10-27T00:30:00Z'), end: utc('2024-10-27T01:40:00Z') });
    }
  });

  it('makes hostile author text safe: it shows as written and injects nothing', async () => {
    const hostile = [
      'Fix: rollback; #1 :crit, x, 2024-01-01',
      '<script>alert(1)</script>',
      'title Not a title',
      'Section 2 of the runbook',
      'click here: http://example.com',
      '2024-01-01 was the date',
      '%% not a comment',
      'a%b 50% done',
      'excludes weekends',
      'todayMarker on',
      'accTitle: x',
      '"quoted" and `ticked`',
      '#58; already an entity &amp; &lt;b&gt;',
      '%%{init: {"theme": "forest"}}%%',
      'back\\slash {braces}',
      'gantt',
      'ﬂ°°58¶ß placeholder lookalikes',
    ];
    const source = timelineToGantt(
      pm({
        timeline: hostile.map((event, i) => ({ at: `2024-06-05T14:${String(i * 3).padStart(2, '0')}:00Z`, event, kind: 'investigate' as const })),
      }),
    );
    expect(source).not.toContain('<script>');
    expect(source).not.toContain('%%');
    const { tasks } = await parse(source);
    const events = tasks.filter((t) => t.section === 'Investigation');
    expect(events.map((t) => t.name)).toEqual(hostile);
    expect(tasks.filter((t) => t.crit)).toEqual([]);
    expect(new Set(tasks.map((t) => t.section))).toEqual(new Set(['Impact', 'Investigation']));
    // Each event is one task line: nothing split a line or added one.
    expect(source.split('\n').filter((l) => l.startsWith('    '))).toHaveLength(hostile.length + 4);
  });

  it('shortens very long events (the table keeps the full text) and flattens line breaks', async () => {
    const long = `Rolled back ${'the deploy and then some more words '.repeat(10)}end`;
    const source = timelineToGantt(pm({ timeline: [{ at: '2024-06-05T14:00:00Z', event: long, kind: 'mitigate' }, { at: '2024-06-05T14:10:00Z', event: 'Two\nlines\r\nhere', kind: 'note' }] }));
    const { tasks } = await parse(source);
    const shown = tasks.find((t) => t.section === 'Mitigation')!.name;
    expect(shown.endsWith('…')).toBe(true);
    expect(Array.from(shown).length).toBeLessThanOrEqual(DEFAULT_MAX_LABEL_LENGTH);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
    expect(named(tasks, 'Two lines here').section).toBe('Notes');
  });

  it('charts a single entry', async () => {
    const source = timelineToGantt(pm({ detected: undefined, mitigated: undefined, timeline: [{ at: '2024-06-05T14:20:00Z', event: 'Only one', kind: 'note' }] }));
    const { tasks } = await parse(source);
    expect(tasks.map((t) => t.name)).toEqual(['Impact 1 h', 'Resolved +1 h', 'Only one']);
    // The last entry lasts until resolved.
    expect(named(tasks, 'Only one')).toMatchObject({ start: '2024-06-05 14:20', end: '2024-06-05 15:00', milestone: false });
  });

  it('leaves untimed entries out, keeping the bars of the timed ones', async () => {
    const source = timelineToGantt(
      pm({
        timeline: [
          { event: 'Some time before: a config change', kind: 'trigger' },
          { at: '2024-06-05T14:00:00Z', event: 'Alert', kind: 'detect' },
          { event: 'Someone restarted a pod (time unknown)', kind: 'mitigate' },
          { at: '2024-06-05T14:40:00Z', event: 'Fixed', kind: 'resolve' },
        ],
      }),
    );
    const { tasks } = await parse(source);
    expect(tasks.map((t) => t.name)).not.toContain('Someone restarted a pod (time unknown)');
    expect(tasks.filter((t) => t.section !== 'Impact').map((t) => t.name)).toEqual(['Alert', 'Fixed']);
    expect(named(tasks, 'Alert').end).toBe('2024-06-05 14:40');
    // Only untimed entries: the impact window and milestones are still drawn.
    const none = await parse(timelineToGantt(pm({ timeline: [{ event: 'No times recorded' }] })));
    expect(none.tasks.map((t) => t.section)).toEqual(['Impact', 'Impact', 'Impact', 'Impact']);
  });

  it('leaves out entries far outside the incident, so it is not squeezed into a sliver', async () => {
    const data = pm({
      timeline: [
        { at: '2024-05-12T00:00:00Z', event: 'Latent bug shipped weeks before', kind: 'note', approximate: true },
        { at: '2024-06-05T13:30:00Z', event: 'Config pushed', kind: 'trigger' },
        { at: '2024-06-05T14:00:00Z', event: 'Alert', kind: 'detect' },
        { at: '2024-06-05T15:00:00Z', event: 'Fixed', kind: 'resolve' },
        { at: '2024-06-06T09:00:00Z', event: 'Permanent fix deployed', kind: 'mitigate' },
      ],
    });
    const chart = buildGantt(data);
    expect(chart).toMatchObject({ charted: 3, untimed: 0, outside: 2 });
    const { tasks, tickInterval } = await parse(chart.source);
    expect(tasks.map((t) => t.name)).not.toContain('~ Latent bug shipped weeks before');
    expect(tasks.map((t) => t.name)).not.toContain('Permanent fix deployed');
    // The last drawn entry ends at resolved, not at the next (left-out) entry.
    expect(named(tasks, 'Fixed')).toMatchObject({ milestone: true, start: '2024-06-05 15:00' });
    expect(named(tasks, 'Config pushed')).toMatchObject({ start: '2024-06-05 13:30', end: '2024-06-05 14:00' });
    expect(tickInterval).toBe('10minute');
  });

  it('draws a bar too short to see as a milestone', async () => {
    const data = pm({
      started: '2024-06-05T00:00:00Z',
      detected: undefined,
      mitigated: undefined,
      resolved: '2024-06-06T00:00:00Z',
      timeline: [
        { at: '2024-06-05T00:00:00Z', event: 'Wipe runs', kind: 'trigger' },
        { at: '2024-06-05T00:01:00Z', event: 'Restore starts', kind: 'mitigate' },
      ],
    });
    const { tasks } = await parse(timelineToGantt(data));
    expect(named(tasks, 'Wipe runs').milestone).toBe(true);
    expect(named(tasks, 'Restore starts')).toMatchObject({ milestone: false, end: '2024-06-06 00:00' });
  });

  it('marks approximate times with ~', async () => {
    const { tasks } = await parse(timelineToGantt(pm({ timeline: [{ at: '2024-06-05T14:00:00Z', event: 'Guess', approximate: true }] })));
    expect(tasks.at(-1)!.name).toBe('~ Guess');
  });

  it('is deterministic: the same input gives the same text', () => {
    const a = timelineToGantt(pm());
    const b = timelineToGantt(pm());
    expect(a).toBe(b);
    expect(a).not.toContain('undefined');
  });

  it('always parses, whatever the text (seeded random events)', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'B', ' ', ':', ';', '#', '%', '"', "'", '<', '>', '&', '{', '}', '\\', '\n', '-', '1', '2024-01-01', 'title ', 'section ', 'click ', '%%', '#58;', 'ﬂ°', '¶ß', 'é', '🔥', ','];
    for (let round = 0; round < 25; round++) {
      const events = Array.from({ length: 8 }, () => {
        const length = 1 + Math.floor(random() * 40);
        return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('').trim() || 'x';
      });
      const source = timelineToGantt(pm({ timeline: events.map((event, i) => ({ at: `2024-06-05T14:${String(i * 5).padStart(2, '0')}:00Z`, event })) }));
      const { tasks } = await parse(source);
      expect(tasks.filter((t) => t.section === 'Notes').map((t) => t.name), source).toEqual(events.map((e) => shorten(e)));
    }
  });
});

describe('chooseAxis', () => {
  const at = (iso: string) => Date.parse(`${iso}Z`);
  it.each([
    ['2024-06-05T14:00', '2024-06-05T14:08', '1minute', '%H:%M'],
    ['2024-06-05T14:00', '2024-06-05T15:30', '10minute', '%H:%M'],
    ['2024-06-05T09:00', '2024-06-05T17:00', '1hour', '%H:%M'],
    ['2024-06-05T22:00', '2024-06-06T02:00', '1hour', '%b %d %H:%M'],
    ['2024-06-05T00:00', '2024-06-07T00:00', '12hour', '%b %d %H:%M'],
    ['2024-06-01T00:00', '2024-06-09T00:00', '1day', '%b %d'],
    ['2024-07-19T00:00', '2024-08-06T00:00', '1week', '%b %d'],
    ['2024-06-01T00:00', '2024-07-20T00:00', '1week', '%b %d'],
    ['2024-01-01T00:00', '2024-09-01T00:00', '1month', '%b %Y'],
    ['2023-12-20T00:00', '2024-01-10T00:00', '1week', '%Y-%m-%d'],
  ])('%s → %s: every %s as %s', (from, to, tickInterval, axisFormat) => {
    expect(chooseAxis(at(from), at(to))).toEqual({ tickInterval, axisFormat });
  });
  it('only uses intervals Mermaid accepts', () => {
    for (let minutes = 1; minutes < 60 * 24 * 365 * 8; minutes = Math.ceil(minutes * 1.3)) {
      expect(chooseAxis(0, minutes * 60000).tickInterval).toMatch(/^[1-9][0-9]*(millisecond|second|minute|hour|day|week|month)$/);
    }
  });
});

describe('text and time helpers', () => {
  it('mermaidText never returns syntax', () => {
    expect(mermaidText('Fix: rollback; #1')).toBe('Fix#58; rollback#59; #35;1');
    expect(mermaidText('title x')).toBe('#116;itle x');
    expect(mermaidText('   ')).toBe('(no text)');
  });
  it('finds a change of offset among instants, and the zone a source asks to be drawn in', () => {
    expect(crossesOffsetChange('Europe/Berlin', [new Date('2024-06-05T12:00:00Z'), new Date('2024-06-06T12:00:00Z')])).toBe(false);
    expect(crossesOffsetChange('America/New_York', [new Date('2024-11-03T05:30:00Z'), new Date('2024-11-03T06:10:00Z')])).toBe(true);
    expect(renderZone('gantt\n  dateFormat YYYY-MM-DD HH:mm\n')).toBeUndefined();
    expect(renderZone('gantt\n  %% timezone Europe/Berlin\n')).toBe('Europe/Berlin');
  });
});
