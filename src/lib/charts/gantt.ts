/**
 * A postmortem's timeline as Mermaid Gantt source. Pure and deterministic: the same postmortem
 * gives the same text, byte for byte (it is also the diagram cache key).
 *
 * - One section per phase (the `kind` of the entries), in the order an incident unfolds, after an
 *   "Impact" section with the impact window (started → mitigated, else resolved) and the
 *   detected / mitigated / resolved milestones.
 * - Each timed entry is a bar until its `until`, else until the next timed entry (the last one:
 *   until `resolved`); an entry with no length (or too short to see) is a milestone. Misleading
 *   leads are `crit`. Untimed entries, and entries far outside the incident (`chartWindow`), are
 *   left out: the table lists them.
 * - Times are wall-clock times in the postmortem's zone, WITHOUT an offset: Mermaid draws a
 *   datetime with an offset in the renderer's own zone. The renderer runs in UTC, so a wall-clock
 *   time is drawn as written, and the source draws the same anywhere.
 * - Unless the zone's offset changes inside the chart (a DST change): wall-clock times would run
 *   backwards (autumn) or jump an hour (spring), so bars and axis could not both match the table.
 *   Then times are absolute (Unix milliseconds, `dateFormat x`) and the source starts with a
 *   `%% timezone <zone>` line: the renderer draws that chart in the postmortem's zone
 *   (`renderZone`), where Mermaid's time axis labels each instant with its local time, the
 *   repeated or skipped hour included. (Not ISO times with offsets: Mermaid parses end times
 *   strictly against its own zone's offset, and in any other zone such a chart never finishes.)
 * - All author text goes through `mermaidText`: no colon, `;`, `#`, `%`, quote, `<`, `>` or line
 *   break reaches Mermaid raw; a leading keyword is defused; long events are shortened (the table
 *   keeps the full text).
 */
import type { Postmortem, TimelineEntry, TimelineKind } from '../format/schema.ts';
import { formatDuration, zoneOffsetMinutes } from '../format/time.ts';

export type GanttPostmortem = Pick<Postmortem, 'title' | 'timezone' | 'started' | 'detected' | 'mitigated' | 'resolved' | 'timeline'>;

export interface GanttOptions {
  /** Longest task label, in characters (code points) before the ellipsis. */
  maxLabelLength?: number;
}

/** Section names, in the order sections appear. */
export const PHASE_SECTIONS: readonly [TimelineKind, string][] = [
  ['trigger', 'Trigger'],
  ['detect', 'Detection'],
  ['investigate', 'Investigation'],
  ['escalate', 'Escalation'],
  ['mitigate', 'Mitigation'],
  ['resolve', 'Resolution'],
  ['communicate', 'Communication'],
  ['note', 'Notes'],
];

export const DEFAULT_MAX_LABEL_LENGTH = 52;

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Characters written as Mermaid entities (`#58;`). Mermaid turns `#…;` into HTML entities in the
 * SVG, so these show as themselves. `:` ends a task name, `;` and `#` end task data, `%` starts
 * comments and directives, `<`/`>` would be markup in the copied source, quotes start strings in
 * other diagram types; U+FB02 and `¶` are Mermaid's own entity placeholders.
 */
const ENTITY_CHARS = new Set([':', ';', '#', '%', '"', '`', '<', '>', '\\', '{', '}', '\uFB02', '¶']);

/** Words that mean something to the Gantt lexer at the start of a line (it is case-insensitive). */
const LEADING_KEYWORD =
  /^(?:gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|section|acctitle|accdescr|accdescription|href|call|click|displaymode|\d)/i;

/** Collapses whitespace and control characters, shortens to `max` code points with an ellipsis. */
export function shorten(text: string, max = DEFAULT_MAX_LABEL_LENGTH): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/gu, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, Math.max(1, max - 1)).join('');
  // Prefer a word boundary when one is near the end.
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length * 0.7 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/u, '')}…`;
}

/**
 * Author text as safe Mermaid text for a task name, section or accessibility title: one line,
 * nothing that Mermaid reads as syntax. Never empty.
 */
export function mermaidText(text: string, max = DEFAULT_MAX_LABEL_LENGTH): string {
  const short = shorten(text, max) || '(no text)';
  let out = '';
  for (const ch of short) out += ENTITY_CHARS.has(ch) ? `#${ch.codePointAt(0)};` : ch;
  // A task name starting with a keyword (or a digit: dates) is eaten by the lexer: write the
  // first character as an entity. It still shows as itself.
  if (LEADING_KEYWORD.test(out)) out = `#${out.codePointAt(0)};${out.slice(String.fromCodePoint(out.codePointAt(0)!).length)}`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Time

const pad = (n: number) => String(n).padStart(2, '0');

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * `zoneOffsetMinutes`, memoised per zone and quarter hour (offsets are whole quarter hours and
 * change only on quarter-hour boundaries): Intl formatting is most of the cost of a chart otherwise.
 */
function offsetMinutes(zone: string, ms: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const key = `${zone} ${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 100_000) offsets.clear();
    offset = zoneOffsetMinutes(zone, bucket * QUARTER_HOUR);
    offsets.set(key, offset);
  }
  return offset;
}

/** Wall-clock time of an instant in `zone`, as milliseconds on a UTC axis. */
const wallClock = (zone: string, d: Date) => d.getTime() + offsetMinutes(zone, d.getTime()) * 60000;

/** Whether the zone's offset differs between any of `instants` (a DST change inside the chart). */
export function crossesOffsetChange(zone: string, instants: readonly Date[]): boolean {
  const offsetsSeen = new Set(instants.map((d) => offsetMinutes(zone, d.getTime())));
  return offsetsSeen.size > 1;
}

/** The comment that asks the renderer to draw a chart in a zone (see the module comment). */
const ZONE_LINE = /^[ \t]*%% timezone ([A-Za-z0-9_+\-/]+)[ \t]*$/m;

/** The zone a diagram source asks to be drawn in (`%% timezone <zone>`), if any. */
export function renderZone(source: string): string | undefined {
  return ZONE_LINE.exec(source)?.[1];
}

const formatWall = (ms: number, seconds: boolean) => {
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return seconds ? `${base}:${pad(d.getUTCSeconds())}` : base;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Tick intervals Mermaid accepts (`^[1-9][0-9]*(millisecond|second|minute|hour|day|week|month)$`),
 * each dividing the next larger unit evenly so that ticks stay evenly spaced.
 */
const TICKS: readonly [string, number][] = [
  ['1minute', MINUTE],
  ['2minute', 2 * MINUTE],
  ['5minute', 5 * MINUTE],
  ['10minute', 10 * MINUTE],
  ['15minute', 15 * MINUTE],
  ['30minute', 30 * MINUTE],
  ['1hour', HOUR],
  ['2hour', 2 * HOUR],
  ['3hour', 3 * HOUR],
  ['6hour', 6 * HOUR],
  ['12hour', 12 * HOUR],
  ['1day', DAY],
  // No `2day`: d3 counts days within the month, so ticks every 2 days meet at month ends (Jul 31, Aug 01).
  ['1week', 7 * DAY],
  ['2week', 14 * DAY],
  ['1month', 30 * DAY],
  ['3month', 91 * DAY],
  ['6month', 182 * DAY],
];

export interface Axis {
  axisFormat: string;
  tickInterval: string;
}

/**
 * Axis labels and tick interval for a chart from `startMs` to `endMs` (wall-clock on a UTC axis):
 * the finest interval that gives at most 10 ticks (7 when labels carry a date and a time).
 */
export function chooseAxis(startMs: number, endMs: number): Axis {
  const span = Math.max(endMs - startMs, MINUTE);
  const sameDay = new Date(startMs).toISOString().slice(0, 10) === new Date(endMs).toISOString().slice(0, 10);
  const sameYear = new Date(startMs).getUTCFullYear() === new Date(endMs).getUTCFullYear();
  for (const [tickInterval, ms] of TICKS) {
    const subDay = ms < DAY;
    const maxTicks = subDay && !sameDay ? 7 : 10;
    if (span / ms > maxTicks) continue;
    if (subDay) return { tickInterval, axisFormat: sameDay ? '%H:%M' : '%b %d %H:%M' };
    if (ms < 30 * DAY) return { tickInterval, axisFormat: sameYear ? '%b %d' : '%Y-%m-%d' };
    return { tickInterval, axisFormat: '%b %Y' };
  }
  // Longer than ~5 years: Mermaid has no `year` interval.
  return { tickInterval: '12month', axisFormat: '%Y' };
}

// ---------------------------------------------------------------------------------------------
// The chart

interface Task {
  label: string;
  tags: string[];
  id: string;
  start: Date;
  end: Date;
}

/**
 * The stretch of time the chart shows: the incident (started → resolved) with a margin of its own
 * length (at least an hour) on each side. Entries outside it (a deploy weeks before, a fix shipped
 * days later) would squeeze the incident into a sliver: they stay in the table only.
 */
export function chartWindow(pm: Pick<GanttPostmortem, 'started' | 'resolved'>): { from: number; to: number } {
  const margin = Math.max(pm.resolved.getTime() - pm.started.getTime(), HOUR);
  return { from: pm.started.getTime() - margin, to: pm.resolved.getTime() + margin };
}

type TimedEntry = TimelineEntry & { at: Date };

/**
 * The entries drawn, with their bar ends: `until`, else the next drawn entry, else `resolved`
 * (an entry with no length is a milestone).
 */
function chartedEntries(pm: GanttPostmortem) {
  const window = chartWindow(pm);
  const timed = pm.timeline
    .map((entry, index) => ({ entry, index }))
    .filter((t): t is { entry: TimedEntry; index: number } => t.entry.at !== undefined);
  const inside = timed.filter(({ entry }) => entry.at.getTime() >= window.from && entry.at.getTime() <= window.to);
  const charted = inside.map(({ entry, index }, i) => {
    const next = inside[i + 1]?.entry.at ?? pm.resolved;
    const end = entry.until ?? (next.getTime() > entry.at.getTime() ? next : entry.at);
    return { entry, index, end };
  });
  return { charted, untimed: pm.timeline.length - timed.length, outside: timed.length - inside.length };
}

export interface GanttChart {
  /** The Mermaid source. */
  source: string;
  /** Timeline entries drawn as bars or milestones. */
  charted: number;
  /** Entries without a time (table only). */
  untimed: number;
  /** Timed entries far outside the incident (table only): see `chartWindow`. */
  outside: number;
}

/** Bars shorter than this share of the chart's span are drawn as milestones (a bar would be invisible). */
const MIN_BAR_SHARE = 0.006;

/**
 * Mermaid Gantt source for a postmortem's timeline. Theme and size are render settings, not part
 * of the source, so the text people copy works anywhere.
 */
export function timelineToGantt(pm: GanttPostmortem, options: GanttOptions = {}): string {
  return buildGantt(pm, options).source;
}

/** The Gantt source and what was left out of it. */
export function buildGantt(pm: GanttPostmortem, options: GanttOptions = {}): GanttChart {
  const max = options.maxLabelLength ?? DEFAULT_MAX_LABEL_LENGTH;
  const { charted: entries, untimed, outside } = chartedEntries(pm);
  const impactEnd = pm.mitigated ?? pm.resolved;
  const instants = [pm.started, pm.resolved, impactEnd, ...(pm.detected ? [pm.detected] : []), ...entries.flatMap((e) => [e.entry.at, e.end])];
  const absolute = crossesOffsetChange(pm.timezone, instants);
  const withSeconds = instants.some((d) => d.getUTCSeconds() !== 0 || d.getUTCMilliseconds() !== 0);
  const since = (d: Date) => formatDuration((d.getTime() - pm.started.getTime()) / MINUTE);
  const spanMs = Math.max(...instants.map((d) => d.getTime())) - Math.min(...instants.map((d) => d.getTime()));
  const tiny = (from: Date, to: Date) => to.getTime() - from.getTime() < spanMs * MIN_BAR_SHARE;

  const task = (label: string, tags: string[], id: string, start: Date, end: Date): Task => ({ label, tags, id, start, end });
  const milestone = (label: string, id: string, at: Date) => task(label, ['milestone'], id, at, at);

  const impactLabel = mermaidText(`Impact ${formatDuration((impactEnd.getTime() - pm.started.getTime()) / MINUTE)}`, max);
  const impact: Task[] = [task(impactLabel, ['active', ...(tiny(pm.started, impactEnd) ? ['milestone'] : [])], 'impact', pm.started, impactEnd)];
  if (pm.detected) impact.push(milestone(mermaidText(`Detected +${since(pm.detected)}`, max), 'detected', pm.detected));
  if (pm.mitigated) impact.push(milestone(mermaidText(`Mitigated +${since(pm.mitigated)}`, max), 'mitigated', pm.mitigated));
  impact.push(milestone(mermaidText(`Resolved +${since(pm.resolved)}`, max), 'resolved', pm.resolved));

  const sections: [string, Task[]][] = [['Impact', impact]];
  for (const [kind, name] of PHASE_SECTIONS) {
    const tasks = entries
      .filter((e) => e.entry.kind === kind)
      .map(({ entry, index, end }) => {
        const label = mermaidText(`${entry.approximate ? '~ ' : ''}${entry.event}`, max);
        const tags = [...(entry.misleading ? ['crit'] : []), ...(tiny(entry.at, end) ? ['milestone'] : [])];
        return task(label, tags, `e${index + 1}`, entry.at, end);
      });
    if (tasks.length) sections.push([name, tasks]);
  }

  const all = sections.flatMap(([, tasks]) => tasks);
  const wall = (d: Date) => wallClock(pm.timezone, d);
  const axis = chooseAxis(Math.min(...all.map((t) => wall(t.start))), Math.max(...all.map((t) => wall(t.end))));
  const time = (d: Date) => (absolute ? String(d.getTime()) : formatWall(wall(d), withSeconds));
  const lines = [
    'gantt',
    ...(absolute ? [`  %% timezone ${pm.timezone}`] : []),
    `  dateFormat ${absolute ? 'x' : withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm'}`,
    `  axisFormat ${axis.axisFormat}`,
    `  tickInterval ${axis.tickInterval}`,
    '  todayMarker off',
  ];
  for (const [name, tasks] of sections) {
    lines.push(`  section ${name}`);
    for (const t of tasks) {
      lines.push(`    ${t.label} :${[...t.tags, t.id, time(t.start), time(t.end)].join(', ')}`);
    }
  }
  return { source: `${lines.join('\n')}\n`, charted: entries.length, untimed, outside };
}
