/**
 * Time handling for postmortems: datetimes are written either with an offset (absolute) or
 * without one (wall-clock time in the postmortem's IANA `timezone`). Everything downstream works
 * with absolute instants (Date) and formats them back in the postmortem's zone.
 */
import { getAllTimezones } from 'countries-and-timezones';

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** True when `zone` is an IANA time zone this runtime knows (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(zone: string): boolean {
  try {
    zoneFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone name with the zone it links to (`aliasOf`) when it is a link, like `US/Pacific`. */
const IANA_ZONES = getAllTimezones({ deprecated: true });
const ZONES_BY_LOWER_CASE = new Map(Object.keys(IANA_ZONES).map((name) => [name.toLowerCase(), name]));
const OFFSET_ZONE = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** The canonical name for a zone IANA knows under another name (a link or another letter case). */
function canonicalZone(name: string): string | undefined {
  const known = IANA_ZONES[name as keyof typeof IANA_ZONES] ?? IANA_ZONES[ZONES_BY_LOWER_CASE.get(name.toLowerCase()) as keyof typeof IANA_ZONES];
  if (!known) return undefined;
  const target = known.aliasOf ?? known.name;
  // `UTC` is a link to `Etc/UTC` in IANA, and the name this format uses by default.
  return target === 'Etc/UTC' ? 'UTC' : target;
}

/**
 * Why `zone` is not a canonical IANA time zone name, suggesting the canonical one, or undefined when
 * it is one (`UTC` and `Etc/UTC` both). Offsets (`+05:00`), legacy names (`EST5EDT`, `US/Pacific`)
 * and other letter cases (`utc`) work in JavaScript but are not zones a reader can look up, and
 * offsets know no DST.
 */
export function timeZoneProblem(zone: string): string | undefined {
  const canonical = canonicalZone(zone);
  if ((canonical === zone || zone === 'Etc/UTC') && isValidTimeZone(zone)) return undefined;
  const quoted = JSON.stringify(zone);
  if (canonical) return `${quoted} is not a canonical IANA time zone name; use "${canonical}"`;
  const offset = OFFSET_ZONE.exec(zone.trim());
  if (offset) {
    const hours = Number(offset[2]);
    const whole = !offset[3] || offset[3] === '00';
    const etc = hours === 0 ? 'UTC' : `Etc/GMT${offset[1] === '+' ? '-' : '+'}${hours}`;
    return `${quoted} is an offset, not an IANA time zone; use the zone of the place (like "Europe/Berlin"), which knows its daylight saving time${whole && hours <= 14 ? `, or "${etc}" for a fixed offset (IANA inverts the sign)` : ''}`;
  }
  return `unknown IANA time zone ${quoted}; expected a zone like "UTC" or "Europe/Berlin"`;
}

/** Offset of `zone` from UTC at instant `utcMs`, in minutes (east positive). */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  return offsetOf(wallClockParts(new Date(utcMs), zone), utcMs);
}

/** The offset from UTC, in minutes, of a wall-clock reading of the instant `utcMs`. */
function offsetOf(parts: WallClock, utcMs: number): number {
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Formatters per zone, made once (making one costs far more than formatting with it; incident pages
 * read the clock hundreds of times): the wall-clock fields, and the same with the zone's short name
 * (naming the zone costs extra, so only readings that show it ask for it). Throw a RangeError for a
 * zone the runtime does not know.
 */
const clockFormatters = { plain: new Map<string, Intl.DateTimeFormat>(), named: new Map<string, Intl.DateTimeFormat>() };
function zoneFormatter(zone: string, named = false): Intl.DateTimeFormat {
  const formatters = clockFormatters[named ? 'named' : 'plain'];
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      ...(named ? { timeZoneName: 'short' } : {}),
    });
    formatters.set(zone, fmt);
  }
  return fmt;
}

/** The wall-clock reading of `date` in `zone`; with `named`, also the zone's short name at that instant. */
function readClock(date: Date, zone: string, named = false): WallClock & { zoneName: string } {
  const out: Record<string, number> = {};
  let zoneName = zone;
  for (const p of zoneFormatter(zone, named).formatToParts(date)) {
    if (p.type === 'timeZoneName') zoneName = p.value;
    else if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour!,
    minute: out.minute!,
    second: out.second!,
    zoneName,
  };
}

/** The wall-clock reading of `date` in `zone`. */
export function wallClockParts(date: Date, zone: string): WallClock {
  const { year, month, day, hour, minute, second } = readClock(date, zone);
  return { year, month, day, hour, minute, second };
}

/** Years are written with four digits, from 1000 (`Date.UTC` would read 0050 as 1950). */
const MIN_YEAR = 1000;
const yearReason = (text: string) => `expected a year from ${MIN_YEAR} to 9999, got ${JSON.stringify(text)}`;

export type ParsedDateTime = { ok: true; date: Date } | { ok: false; reason: string };

/**
 * Parses an ISO 8601 datetime. With an offset it is absolute; without one it is read as
 * wall-clock time in `zone` (the zone must be valid; callers check it first).
 */
export function parseDateTime(text: string, zone: string): ParsedDateTime {
  const m = ISO_DATETIME.exec(text.trim());
  if (!m) {
    return { ok: false, reason: `expected an ISO 8601 datetime like 2024-06-05T14:00:00Z, got ${JSON.stringify(text)}` };
  }
  const [, y, mo, d, h, mi, s = '0', frac = '0', offset] = m;
  if (Number(y) < MIN_YEAR) return { ok: false, reason: yearReason(text) };
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  const wallAsUtc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], ms);
  const check = new Date(wallAsUtc);
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    fields[3] > 23 ||
    fields[4] > 59 ||
    fields[5] > 59
  ) {
    return { ok: false, reason: `not a real date or time: ${JSON.stringify(text)}` };
  }
  if (offset) {
    if (offset.toUpperCase() === 'Z') return { ok: true, date: new Date(wallAsUtc) };
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    return { ok: true, date: new Date(wallAsUtc - minutes * 60000) };
  }
  // Wall-clock time in `zone`: guess with the offset at that moment, then correct once for DST.
  let guess = wallAsUtc - zoneOffsetMinutes(zone, wallAsUtc) * 60000;
  guess = wallAsUtc - zoneOffsetMinutes(zone, guess) * 60000;
  return { ok: true, date: new Date(guess) };
}

/** Parses a calendar date `YYYY-MM-DD`. */
export function parseDate(text: string): ParsedDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m && Number(m[1]) < MIN_YEAR) return { ok: false, reason: yearReason(text) };
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !date || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1) {
    return { ok: false, reason: `expected a date like 2024-06-30, got ${JSON.stringify(text)}` };
  }
  return { ok: true, date };
}

const pad = (n: number) => String(n).padStart(2, '0');

const dateText = (p: WallClock) => `${p.year}-${pad(p.month)}-${pad(p.day)}`;
const timeText = (p: WallClock) => `${pad(p.hour)}:${pad(p.minute)}`;
function isoText(p: WallClock, offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const suffix = offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${dateText(p)}T${timeText(p)}:${pad(p.second)}${suffix}`;
}

/** `2024-06-05 14:00` in `zone`. */
export function formatDateTime(date: Date, zone: string): string {
  const p = wallClockParts(date, zone);
  return `${dateText(p)} ${timeText(p)}`;
}

/** `14:00` in `zone`. */
export function formatTime(date: Date, zone: string): string {
  return timeText(wallClockParts(date, zone));
}

/** `2024-06-05` in `zone`. */
export function formatDate(date: Date, zone: string): string {
  return dateText(wallClockParts(date, zone));
}

/** The zone's short name at that instant (`UTC`, `PDT`, `GMT+3`). */
export function zoneAbbreviation(date: Date, zone: string): string {
  return readClock(date, zone, true).zoneName;
}

/** ISO 8601 with the zone's offset, for `<time datetime>` (`2024-06-05T14:00:00+03:00`). */
export function isoInZone(date: Date, zone: string): string {
  const p = wallClockParts(date, zone);
  return isoText(p, offsetOf(p, date.getTime()));
}

/** Every way a page shows one instant in `zone`, from a single reading of the clock. */
export function momentInZone(date: Date, zone: string): { date: string; time: string; dateTime: string; iso: string; zoneName: string } {
  const p = readClock(date, zone, true);
  return { date: dateText(p), time: timeText(p), dateTime: `${dateText(p)} ${timeText(p)}`, iso: isoText(p, offsetOf(p, date.getTime())), zoneName: p.zoneName };
}

/**
 * Human duration from minutes: `45 min`, `1 h 30 min`, `3 d 2 h`. Rounds once to the unit shown,
 * then splits, so a rounded-up part carries (47.75 h is `2 d`, not `1 d 24 h`).
 */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  const hours = Math.round(m / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${d} d ${h} h` : `${d} d`;
}
