/**
 * Time zones as legacy postmortems write them: abbreviations (`PDT`, `EAT`, `IST`), offsets
 * (`GMT+3`, `UTC-4`, `GMT+03:00`), long names (`Pacific Time`) and IANA names (`Europe/Berlin`).
 *
 * An abbreviation is read as the wall-clock time of its IANA zone (people write "PST" all year
 * round); a written offset is exact. Ambiguous abbreviations get the most common reading and a
 * note for review.
 */
import { isValidTimeZone, zoneOffsetMinutes } from '../format/time.ts';

export interface ZoneRef {
  /** IANA zone used for display and for wall-clock times. */
  zone: string;
  /** A written offset in minutes east of UTC; when set, times are read with it exactly. */
  fixedOffset?: number;
  /** As written (`PDT`, `GMT+3`). */
  label: string;
  /** For abbreviations naming standard or daylight time: which one they claim. */
  claims?: 'standard' | 'daylight';
  /** Why the reading is uncertain, for the review list. */
  ambiguous?: string;
}

type Abbrev = [zone: string, claims?: 'standard' | 'daylight', ambiguous?: string];

const ABBREVIATIONS: Record<string, Abbrev> = {
  UTC: ['UTC'],
  GMT: ['UTC'],
  Z: ['UTC'],
  UT: ['UTC'],
  WET: ['Europe/Lisbon', 'standard'],
  WEST: ['Europe/Lisbon', 'daylight'],
  BST: ['Europe/London', 'daylight'],
  CET: ['Europe/Berlin', 'standard'],
  CEST: ['Europe/Berlin', 'daylight'],
  MEZ: ['Europe/Berlin', 'standard'],
  EET: ['Europe/Helsinki', 'standard'],
  EEST: ['Europe/Helsinki', 'daylight'],
  MSK: ['Europe/Moscow'],
  WAT: ['Africa/Lagos'],
  CAT: ['Africa/Maputo'],
  EAT: ['Africa/Nairobi'],
  SAST: ['Africa/Johannesburg'],
  GST: ['Asia/Dubai'],
  PKT: ['Asia/Karachi'],
  IST: ['Asia/Kolkata', undefined, 'IST read as India Standard Time (UTC+5:30), not Irish or Israel time'],
  NPT: ['Asia/Kathmandu'],
  ICT: ['Asia/Bangkok'],
  WIB: ['Asia/Jakarta'],
  SGT: ['Asia/Singapore'],
  HKT: ['Asia/Hong_Kong'],
  PHT: ['Asia/Manila'],
  AWST: ['Australia/Perth'],
  JST: ['Asia/Tokyo'],
  KST: ['Asia/Seoul'],
  ACST: ['Australia/Adelaide', 'standard'],
  AEST: ['Australia/Sydney', 'standard'],
  AEDT: ['Australia/Sydney', 'daylight'],
  AET: ['Australia/Sydney'],
  NZST: ['Pacific/Auckland', 'standard'],
  NZDT: ['Pacific/Auckland', 'daylight'],
  HST: ['Pacific/Honolulu'],
  AKST: ['America/Anchorage', 'standard'],
  AKDT: ['America/Anchorage', 'daylight'],
  PST: ['America/Los_Angeles', 'standard'],
  PDT: ['America/Los_Angeles', 'daylight'],
  PT: ['America/Los_Angeles'],
  MST: ['America/Denver', 'standard'],
  MDT: ['America/Denver', 'daylight'],
  MT: ['America/Denver'],
  CST: ['America/Chicago', 'standard', 'CST read as US Central time, not China Standard Time'],
  CDT: ['America/Chicago', 'daylight'],
  CT: ['America/Chicago'],
  EST: ['America/New_York', 'standard'],
  EDT: ['America/New_York', 'daylight'],
  ET: ['America/New_York'],
  AST: ['America/Halifax', 'standard', 'AST read as Atlantic Standard Time, not Arabia Standard Time'],
  ADT: ['America/Halifax', 'daylight'],
  BRT: ['America/Sao_Paulo'],
  ART: ['America/Argentina/Buenos_Aires'],
};

const LONG_NAMES: [RegExp, string, ('standard' | 'daylight')?][] = [
  [/\bcoordinated universal time\b/i, 'UTC'],
  [/\bgreenwich mean time\b/i, 'UTC'],
  [/\bpacific (?:standard )?time\b/i, 'America/Los_Angeles'],
  [/\bpacific daylight time\b/i, 'America/Los_Angeles', 'daylight'],
  [/\bmountain (?:standard |daylight )?time\b/i, 'America/Denver'],
  [/\b(?:us )?central (?:standard |daylight )?time\b/i, 'America/Chicago'],
  [/\beastern (?:standard |daylight )?time\b/i, 'America/New_York'],
  [/\bcentral european (?:summer )?time\b/i, 'Europe/Berlin'],
  [/\beastern european (?:summer )?time\b/i, 'Europe/Helsinki'],
  [/\bbritish summer time\b|\buk time\b|\blondon time\b/i, 'Europe/London'],
  [/\beast africa(?:n)? time\b|\bnairobi time\b/i, 'Africa/Nairobi'],
  [/\bwest africa(?:n)? time\b|\blagos time\b/i, 'Africa/Lagos'],
  [/\bsouth africa(?:n)? (?:standard )?time\b/i, 'Africa/Johannesburg'],
  [/\bindia(?:n)? standard time\b/i, 'Asia/Kolkata'],
  [/\bjapan(?:ese)? standard time\b|\btokyo time\b/i, 'Asia/Tokyo'],
  [/\bsingapore time\b/i, 'Asia/Singapore'],
];

/** Representative zones for offsets that are not whole hours (Etc/GMT zones are whole hours only). */
const ODD_OFFSETS: Record<number, string> = {
  330: 'Asia/Kolkata',
  345: 'Asia/Kathmandu',
  570: 'Australia/Darwin',
  210: 'Asia/Tehran',
  270: 'Asia/Kabul',
  390: 'Asia/Yangon',
  525: 'Australia/Eucla',
  [-570]: 'Pacific/Marquesas',
  [-210]: 'America/St_Johns',
};

/** The zone for a written offset (`+180` → `Etc/GMT-3`, whose sign is inverted by POSIX rule). */
export function zoneForOffset(minutes: number, label: string): ZoneRef {
  if (minutes === 0) return { zone: 'UTC', fixedOffset: 0, label };
  if (minutes % 60 === 0 && Math.abs(minutes) <= 14 * 60) {
    const hours = minutes / 60;
    return { zone: `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`, fixedOffset: minutes, label };
  }
  return { zone: ODD_OFFSETS[minutes] ?? 'UTC', fixedOffset: minutes, label };
}

function fromAbbreviation(abbrev: string): ZoneRef | undefined {
  const entry = ABBREVIATIONS[abbrev.toUpperCase()];
  if (!entry) return undefined;
  const [zone, claims, ambiguous] = entry;
  const ref: ZoneRef = { zone, label: abbrev.toUpperCase() };
  if (zone === 'UTC') ref.fixedOffset = 0;
  if (claims) ref.claims = claims;
  if (ambiguous) ref.ambiguous = ambiguous;
  return ref;
}

const ABBREV_ALTERNATION = Object.keys(ABBREVIATIONS)
  .filter((a) => a !== 'Z')
  .sort((a, b) => b.length - a.length)
  .join('|');

export interface FoundZone {
  zone: ZoneRef;
  index: number;
  end: number;
}

const OFFSET = /\b(UTC|GMT|UT)\s*([+-])\s*(\d{1,2})(?::?([0-5]\d))?(?![\d:])/g;
const ABBREV = new RegExp(`(?<![\\w/])(${ABBREV_ALTERNATION})(?![\\w/])`, 'g');
const ZULU = /(?<=\d)Z\b/g;
const IANA = /\b([A-Z][A-Za-z_]+\/[A-Z][A-Za-z_-]+(?:\/[A-Z][A-Za-z_-]+)?)\b/g;

/** Every zone written in `text`, in order. Abbreviations must be written in capitals. */
export function findZones(text: string): FoundZone[] {
  const found: FoundZone[] = [];
  const taken: [number, number][] = [];
  const free = (i: number, e: number) => taken.every(([a, b]) => e <= a || i >= b);
  const add = (zone: ZoneRef, index: number, end: number) => {
    if (!free(index, end)) return;
    taken.push([index, end]);
    found.push({ zone, index, end });
  };
  for (const m of text.matchAll(OFFSET)) {
    const minutes = (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4] ?? 0));
    add(zoneForOffset(minutes, m[0].replace(/\s+/g, '')), m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(IANA)) {
    if (isValidTimeZone(m[1]!)) add({ zone: m[1]!, label: m[1]! }, m.index, m.index + m[0].length);
  }
  for (const [re, zone, claims] of LONG_NAMES) {
    const m = re.exec(text);
    if (m) add({ zone, label: m[0], ...(claims ? { claims } : {}) }, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(ABBREV)) add(fromAbbreviation(m[1]!)!, m.index, m.index + m[0].length);
  for (const m of text.matchAll(ZULU)) add(fromAbbreviation('Z')!, m.index, m.index + 1);
  return found.sort((a, b) => a.index - b.index);
}

/** A zone given by name on the command line or in front matter: IANA, abbreviation or offset. */
export function parseZoneName(name: string): ZoneRef | undefined {
  const text = name.trim();
  if (isValidTimeZone(text) && /\//.test(text)) return { zone: text, label: text };
  const abbrev = fromAbbreviation(text);
  if (abbrev) return abbrev;
  const found = findZones(text);
  if (found.length === 1 && found[0]!.index === 0 && found[0]!.end === text.length) return found[0]!.zone;
  return isValidTimeZone(text) ? { zone: text, label: text } : undefined;
}

/**
 * A note when an abbreviation claims standard or daylight time but its zone is on the other
 * at that instant (`PST` in July): the time was read as local wall-clock time.
 */
export function dstMismatch(ref: ZoneRef, instant: Date): string | undefined {
  if (!ref.claims || ref.fixedOffset !== undefined) return undefined;
  const year = instant.getUTCFullYear();
  const jan = zoneOffsetMinutes(ref.zone, Date.UTC(year, 0, 1));
  const jul = zoneOffsetMinutes(ref.zone, Date.UTC(year, 6, 1));
  if (jan === jul) return undefined;
  const now = zoneOffsetMinutes(ref.zone, instant.getTime());
  const isDaylight = now === Math.max(jan, jul);
  if ((ref.claims === 'daylight') === isDaylight) return undefined;
  return `times are marked ${ref.label} but ${ref.zone} is on ${isDaylight ? 'daylight' : 'standard'} time then; they were read as local time in ${ref.zone}`;
}
