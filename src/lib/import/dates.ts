/**
 * Dates, clock times and durations as people write them in postmortems, and "moments": a date
 * and/or time with its zone, found in a line of text.
 *
 * Dates: `2024-06-05`, `June 5, 2024`, `Jun 5th`, `5 June 2024`, `Wednesday, 5th of June`,
 * `05/06/2024` (month first unless `dayFirst`, or unless the first number is over 12),
 * `05.06.2024` (day first). Times: `14:00`, `14:00:30`, `9:15 PM`, `6PM`, `01:00AM`, `14h30`,
 * `1400 UTC`, `noon`; `~01:30` and `around 01:30` are approximate.
 */
import { parseDateTime } from '../format/time.ts';
import { findZones, zoneForOffset, type ZoneRef } from './zones.ts';

export interface CalendarDate {
  year?: number;
  month: number;
  day: number;
}

export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
}

export interface Span {
  index: number;
  end: number;
}

export interface FoundDate extends Span {
  date: CalendarDate;
  /** Both numbers could be the month (`05/06/2024`): read as the options said. */
  ambiguous?: string;
}

export interface FoundTime extends Span {
  time: ClockTime;
  approximate: boolean;
}

export interface DateOptions {
  /** `05/06/2024` is 5 June rather than May 6. */
  dayFirst?: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?';
const monthNumber = (name: string) => MONTHS[name.slice(0, 3).toLowerCase()]!;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const validDate = (d: CalendarDate) => d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysIn(d.year ?? 2024, d.month);
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

const DATE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray, o: DateOptions) => Omit<FoundDate, keyof Span> | undefined }[] = [
  {
    // 2024-06-05, 2024/6/5, 2024.06.05 (also the date of an ISO datetime)
    re: /(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/g,
    read: (m) => ({ date: { year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) } }),
  },
  {
    // 05/06/2024, 5-6-24, 05.06.2024
    re: /(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)/g,
    read: (m, o) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const year = fullYear(m[4]!);
      let dayFirst = m[2] === '.' || Boolean(o.dayFirst);
      if (a > 12 && b <= 12) dayFirst = true;
      else if (b > 12 && a <= 12) dayFirst = false;
      const date = dayFirst ? { year, month: b, day: a } : { year, month: a, day: b };
      const ambiguous =
        a <= 12 && b <= 12 && a !== b && m[2] !== '.' && !o.dayFirst
          ? `the date ${m[0]} was read month first (${isoDate(date)}); pass --day-first if it is day first`
          : undefined;
      return { date, ...(ambiguous ? { ambiguous } : {}) };
    },
  },
  {
    // June 5, 2024 · Jun 5th · Wednesday, June 5 2024 · June 5th, '24
    re: new RegExp(`\\b${WEEKDAY}${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d|:)(?:,?\\s+(\\d{4})(?!\\d|:\\d))?`, 'gi'),
    read: (m) => ({ date: { month: monthNumber(m[1]!), day: Number(m[2]), ...(m[3] ? { year: Number(m[3]) } : {}) } }),
  },
  {
    // 5 June 2024 · 5th of June · Wed 5 Jun
    re: new RegExp(`\\b${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH}\\b\\.?(?:,?\\s+(\\d{4})(?!\\d|:\\d))?`, 'gi'),
    read: (m) => ({ date: { month: monthNumber(m[2]!), day: Number(m[1]), ...(m[3] ? { year: Number(m[3]) } : {}) } }),
  },
];

/** Every calendar date in `text`, in order, without overlaps. */
export function findDates(text: string, options: DateOptions = {}): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, read } of DATE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const value = read(m as RegExpExecArray, options);
      if (!value || !validDate(value.date)) continue;
      const span = { index: m.index, end: m.index + m[0].length };
      if (found.some((f) => span.index < f.end && span.end > f.index)) continue;
      found.push({ ...value, ...span });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const APPROX = String.raw`(~\s*|≈\s*|\b(?:approx(?:\.|imately)?|around|about|circa|ca\.|roughly|near)\s+)?`;
const MERIDIEM = String.raw`(?:\s*([ap])\.?\s?m\b\.?)`;
const TIME_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => ClockTime | undefined }[] = [
  {
    // 14:00, 14:00:30, 9:15 PM, 01:00AM, 14h30
    re: new RegExp(String.raw`${APPROX}(?<![\d:.])([01]?\d|2[0-3])(?::|h(?=[0-5]\d))([0-5]\d)(?::([0-5]\d))?(?![\d]|:\d)${MERIDIEM}?`, 'gi'),
    read: (m) => withMeridiem(Number(m[2]), Number(m[3]), Number(m[4] ?? 0), m[5]),
  },
  {
    // 6PM, 6 p.m.
    re: new RegExp(String.raw`${APPROX}(?<![\d:.])(1[0-2]|0?[1-9])${MERIDIEM}`, 'gi'),
    read: (m) => withMeridiem(Number(m[2]), 0, 0, m[3]),
  },
  {
    // 1400 UTC, 1400Z, 1400 hrs
    re: new RegExp(String.raw`${APPROX}(?<![\d:.])([01]\d|2[0-3])([0-5]\d)(?=\s*(?:hrs?\b|hours\b|h\b|Z\b|UTC\b|GMT\b))`, 'g'),
    read: (m) => ({ hour: Number(m[2]), minute: Number(m[3]), second: 0 }),
  },
  {
    re: new RegExp(String.raw`${APPROX}\b(noon|midday|midnight)\b`, 'gi'),
    read: (m) => ({ hour: /midnight/i.test(m[2]!) ? 0 : 12, minute: 0, second: 0 }),
  },
];

function withMeridiem(hour: number, minute: number, second: number, meridiem: string | undefined): ClockTime | undefined {
  if (!meridiem || hour > 12) return { hour, minute, second };
  if (hour === 0) return undefined;
  const pm = meridiem.toLowerCase() === 'p';
  return { hour: (hour % 12) + (pm ? 12 : 0), minute, second };
}

/** Every clock time in `text` that is not part of a date, in order. */
export function findTimes(text: string, dates: Span[] = []): FoundTime[] {
  const found: FoundTime[] = [];
  for (const { re, read } of TIME_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const time = read(m as RegExpExecArray);
      if (!time) continue;
      const span = { index: m.index, end: m.index + m[0].length };
      const overlaps = (s: Span) => span.index < s.end && span.end > s.index;
      if (found.some(overlaps) || dates.some(overlaps)) continue;
      found.push({ time, approximate: Boolean(m[1]), ...span });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** An unknown time as written in timelines: `??:??`, `XX:XX`, `--:--`, `?`. */
export const UNKNOWN_TIME = /^(?:\?{1,2}\s*:\s*\?{1,2}|[xX]{1,2}:[xX]{2}|-{1,2}:-{2}|\?+|unknown|tbd|n\/a)(?=[\s:|\-–—)\]*_]|$)/i;

/** Minutes in a duration as written: `90 minutes`, `1h 30m`, `1 h 13 m`, `2.5 hours`, `an hour and a half`. */
export function parseDuration(text: string): number | undefined {
  const t = text.toLowerCase();
  if (/\ban hour and a half\b/.test(t)) return 90;
  if (/\bhalf an hour\b/.test(t)) return 30;
  const m = /(?:(\d+(?:\.\d+)?|an?)\s*(?:days?|d)\b\s*,?\s*(?:and\s*)?)?(?:(\d+(?:\.\d+)?|an?)\s*(?:hours?|hrs?|h)\b\s*,?\s*(?:and\s*)?)?(?:(\d+)\s*(?:minutes?|mins?|m)\b)?/g;
  for (const match of t.matchAll(m)) {
    if (!match[0].trim() || (!match[1] && !match[2] && !match[3])) continue;
    const num = (s: string | undefined) => (s === undefined ? 0 : /^an?$/.test(s) ? 1 : Number(s));
    const minutes = num(match[1]) * 1440 + num(match[2]) * 60 + num(match[3]);
    if (minutes > 0) return Math.round(minutes);
  }
  return undefined;
}

/** Prose that states how long the incident lasted: "lasted 37 minutes", "down for just under 7 hours". */
const DURATION_PROSE =
  /\b(?:lasted|lasting|for a total of|a total of|outage of|downtime of|down for|unavailable for|degraded for|over a period of|duration of|for(?= (?:about|approximately|around|roughly|nearly|almost|just (?:under|over)|over|under|more than|less than)?\s*(?:\d|an? |half)))\s+(?:about |approximately |around |roughly |nearly |almost |just (?:under|over) |over |under |more than |less than |~)?((?:\d+(?:\.\d+)?|an?|half an?)\s*(?:days?|hours?|hrs?|h|minutes?|mins?|m)\b(?:\s*(?:and\s*)?(?:a half|\d+\s*(?:minutes?|mins?|m)\b))?)/i;

export function findDurationInProse(text: string): number | undefined {
  const m = DURATION_PROSE.exec(text);
  return m ? parseDuration(m[1]!) : undefined;
}

export const isoDate = (d: CalendarDate) =>
  `${d.year ?? '????'}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export const addDays = (d: Required<CalendarDate>, days: number): Required<CalendarDate> => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};

/** The absolute instant of a wall-clock date and time in a zone. */
export function toInstant(date: Required<CalendarDate>, time: ClockTime, zone: ZoneRef): Date {
  if (zone.fixedOffset !== undefined) {
    return new Date(Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute, time.second) - zone.fixedOffset * 60000);
  }
  const p = (n: number) => String(n).padStart(2, '0');
  const parsed = parseDateTime(`${date.year}-${p(date.month)}-${p(date.day)}T${p(time.hour)}:${p(time.minute)}:${p(time.second)}`, zone.zone);
  return (parsed as { date: Date }).date;
}

/** A point in time as found in a line: any of date, time and zone. */
export interface Moment extends Span {
  date?: CalendarDate;
  time?: ClockTime;
  zone?: ZoneRef;
  approximate: boolean;
  ambiguous?: string;
}

/**
 * The moments in a line: each time with the date written before it (or right after it, as in
 * "14:00 on June 5") and the zone written right after it, or the line's only zone.
 * Dates without a time are moments too. A zone written once at the end of a range
 * ("14:00 – 15:30 UTC", "… 05:45 AM (UTC)") applies to every time on the line.
 */
export function findMoments(text: string, options: DateOptions = {}): Moment[] {
  const moments: Moment[] = [];
  // ISO datetimes first: their offset is exact and their parts must not be read again.
  const iso: Span[] = [];
  const allZones = findZones(text);
  for (const m of text.matchAll(ISO_DATETIME)) {
    const span = { index: m.index, end: m.index + m[0].length };
    // "2024-03-01 08:30 GMT+03:00": a zone written right after a datetime without an offset.
    const after = m[7] ? undefined : allZones.find((z) => z.index >= span.end && /^[\s(]*$/.test(text.slice(span.end, z.index)));
    if (after) span.end = after.end;
    iso.push(span);
    const moment: Moment = {
      ...span,
      date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
      time: { hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) },
      approximate: false,
    };
    if (m[7]) moment.zone = m[7].toUpperCase() === 'Z' ? zoneForOffset(0, 'Z') : zoneForOffset(offsetMinutes(m[7]), m[7]);
    else if (after) moment.zone = after.zone;
    if (validDate(moment.date!)) moments.push(moment);
  }
  const dates = findDates(text, options).filter((d) => !iso.some((s) => overlaps(s, d)));
  const zones = allZones.filter((z) => !iso.some((s) => overlaps(s, z)));
  // Offsets written after a time ("10:00 +02:00") are zones, not times.
  for (const m of text.matchAll(/(?<=\d\s?)\+(\d{2}):?(\d{2})(?!\d)/g)) {
    if (!iso.some((s) => overlaps(s, { index: m.index, end: m.index + 1 }))) {
      zones.push({ zone: zoneForOffset(offsetMinutes(m[0]), m[0]), index: m.index, end: m.index + m[0].length });
    }
  }
  zones.sort((a, b) => a.index - b.index);
  const times = findTimes(text, [...dates, ...iso, ...zones]);
  const usedDates = new Set<FoundDate>();
  const lineZone = new Set(zones.map((z) => `${z.zone.zone}|${z.zone.fixedOffset}`)).size === 1 ? zones[0]!.zone : undefined;
  for (const [i, t] of times.entries()) {
    const prevEnd = i > 0 ? times[i - 1]!.end : 0;
    const nextStart = times[i + 1]?.index ?? text.length;
    // A date just after the time ("14:00 on June 5", "9:15 PM PST on July 10"), else the date
    // before it and after the previous time ("June 5, 2024, 14:00").
    let date = dates.find(
      (d) => d.index >= t.end && d.index < nextStart && !usedDates.has(d) && /^\s*(?:\(?[A-Z]{2,5}\)?|[A-Z]{3}[+-]\d{1,2}(?::?\d{2})?)?[\s,]*(?:on|,)?\s*$/.test(text.slice(t.end, d.index).replace(/^\s*on\b/i, ' on')),
    );
    date ??= [...dates].reverse().find((d) => d.end <= t.index && d.index >= prevEnd && !usedDates.has(d));
    if (date) usedDates.add(date);
    const zone = zones.find((z) => z.index >= t.end && z.index < nextStart && /^[\s(,[]*$/.test(text.slice(t.end, z.index)));
    const moment: Moment = { index: date ? Math.min(date.index, t.index) : t.index, end: zone ? zone.end : t.end, time: t.time, approximate: t.approximate };
    if (date) {
      moment.date = date.date;
      if (date.ambiguous) moment.ambiguous = date.ambiguous;
    }
    if (zone) moment.zone = zone.zone;
    else if (lineZone) moment.zone = lineZone;
    moments.push(moment);
  }
  for (const d of dates) {
    if (usedDates.has(d)) continue;
    moments.push({ index: d.index, end: d.end, date: d.date, approximate: false, ...(d.ambiguous ? { ambiguous: d.ambiguous } : {}) });
  }
  return moments.sort((a, b) => a.index - b.index);
}

const ISO_DATETIME = /(?<!\d)(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s?(Z\b|[+-]\d{2}:?\d{2}(?!\d))?/g;
const overlaps = (a: Span, b: Span) => a.index < b.end && a.end > b.index;
const offsetMinutes = (text: string) => {
  const m = /([+-])(\d{2}):?(\d{2})/.exec(text)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};

/** A start and end written in prose: "from 14:00 to 15:30 UTC", "began at 9:15 PM … restored at 10:02 PM". */
export function findProseRange(text: string, options: { dayFirst: boolean }): { start?: Moment; end?: Moment } {
  for (const line of text.split('\n')) {
    const range = /\b(?:from|between)\s+([^.;]{3,60}?)\s+(?:to|until|till|and|through)\s+([^.;]{3,60})/i.exec(line);
    if (range) {
      const a = findMoments(range[1]!, options).find((m) => m.time);
      const b = findMoments(range[2]!, options).find((m) => m.time);
      if (a && b) {
        // "From 3:31 to 6:02 pm": the meridiem written once applies to both ends.
        if (a.time && b.time && !/\b[ap]\.?\s?m\b/i.test(range[1]!) && /\bp\.?\s?m\b/i.test(range[2]!) && a.time.hour < 12 && a.time.hour + 12 <= b.time.hour) {
          a.time = { ...a.time, hour: a.time.hour + 12 };
        }
        const zone = b.zone ?? a.zone;
        const date = a.date ?? findMoments(line, options).find((m) => m.date)?.date;
        return { start: { ...a, ...(a.zone || !zone ? {} : { zone }), ...(date ? { date } : {}) }, end: { ...b, ...(b.zone || !zone ? {} : { zone }) } };
      }
    }
  }
  let start: Moment | undefined;
  let end: Moment | undefined;
  for (const line of text.split('\n')) {
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      const m = findMoments(sentence, options).find((x) => x.time);
      if (!m) continue;
      const date = m.date ?? findMoments(sentence, options).find((x) => x.date)?.date;
      const moment = { ...m, ...(date ? { date } : {}) };
      const startVerb = /\b(?:began|started|start(?:ing)?|beginning|first (?:noticed|reported|detected)|went down|occurred|kicked off)\b/i.exec(sentence);
      const endVerb = /\b(?:resolved|restored|recovered|ended|back (?:up|online|to normal)|fixed|mitigated|processing again|working again)\b/i.exec(sentence);
      if (!start && startVerb) start = moment;
      if (!end && endVerb) {
        // "began at 3:10 … restored at 10:02": the time after the end verb, if there is one.
        const times = findMoments(sentence, options).filter((x) => x.time);
        const after = times.find((x) => x.index > endVerb.index) ?? (startVerb ? undefined : times[0]);
        if (after && after !== m) end = { ...after, ...(after.date ? {} : date ? { date } : {}), ...(after.zone || !m.zone ? {} : { zone: m.zone }) };
        else if (after && !startVerb) end = moment;
      }
    }
  }
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}
