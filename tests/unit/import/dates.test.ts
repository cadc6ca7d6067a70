import { describe, expect, it } from 'vitest';
import { findDates, findDurationInProse, findMoments, findTimes, parseDuration, toInstant } from '../../../src/lib/import/dates.ts';
import { dstMismatch, findZones, parseZoneName } from '../../../src/lib/import/zones.ts';

const date = (text: string, dayFirst = false) => findDates(text, { dayFirst }).map((d) => d.date);
const time = (text: string) => findTimes(text).map((t) => `${String(t.time.hour).padStart(2, '0')}:${String(t.time.minute).padStart(2, '0')}${t.approximate ? '~' : ''}`);
const iso = (text: string, dayFirst = false) =>
  findMoments(text, { dayFirst }).map((m) => (m.date && m.time && m.zone ? toInstant({ year: m.date.year ?? 2024, month: m.date.month, day: m.date.day }, m.time, m.zone).toISOString() : m));

describe('dates', () => {
  it('reads the usual forms', () => {
    expect(date('June 5, 2024')).toEqual([{ year: 2024, month: 6, day: 5 }]);
    expect(date('Wednesday, 5th of June 2024')).toEqual([{ year: 2024, month: 6, day: 5 }]);
    expect(date('Jun 5th')).toEqual([{ month: 6, day: 5 }]);
    expect(date('2024-06-05')).toEqual([{ year: 2024, month: 6, day: 5 }]);
    expect(date('2025‑05‑20'.replace(/\u2011/g, '-'))).toEqual([{ year: 2025, month: 5, day: 20 }]);
    expect(date('05.06.2024')).toEqual([{ year: 2024, month: 6, day: 5 }]);
  });

  it('reads 05/06/2024 month first unless told otherwise, and flags it', () => {
    expect(date('05/06/2024')).toEqual([{ year: 2024, month: 5, day: 6 }]);
    expect(findDates('05/06/2024')[0]!.ambiguous).toMatch(/--day-first/);
    expect(date('05/06/2024', true)).toEqual([{ year: 2024, month: 6, day: 5 }]);
    expect(findDates('05/06/2024', { dayFirst: true })[0]!.ambiguous).toBeUndefined();
    expect(date('13/06/2024')).toEqual([{ year: 2024, month: 6, day: 13 }]);
    expect(findDates('13/06/2024')[0]!.ambiguous).toBeUndefined();
  });

  it('ignores what is not a date', () => {
    expect(date('version 1.2.3, 3.5 hours, February 30')).toEqual([]);
  });
});

describe('times', () => {
  it('reads 12- and 24-hour forms', () => {
    expect(time('9:15 PM')).toEqual(['21:15']);
    expect(time('21:15')).toEqual(['21:15']);
    expect(time('6PM')).toEqual(['18:00']);
    expect(time('01:00AM and 12:30 am and 12:05 p.m.')).toEqual(['01:00', '00:30', '12:05']);
    expect(time('14h30')).toEqual(['14:30']);
    expect(time('1400 UTC')).toEqual(['14:00']);
    expect(time('at noon')).toEqual(['12:00']);
  });

  it('marks approximate times', () => {
    expect(time('~01:30')).toEqual(['01:30~']);
    expect(time('around 3:10 AM')).toEqual(['03:10~']);
  });

  it('does not read ratios or versions as times', () => {
    expect(time('ratio 2:1, v10.4, 99.9%')).toEqual([]);
  });
});

describe('zones', () => {
  it('knows names, abbreviations and offsets', () => {
    expect(findZones('14:00 UTC').map((z) => z.zone.zone)).toEqual(['UTC']);
    expect(findZones('EAT, WAT, SAST, JST, CET, PDT').map((z) => z.zone.zone)).toEqual(['Africa/Nairobi', 'Africa/Lagos', 'Africa/Johannesburg', 'Asia/Tokyo', 'Europe/Berlin', 'America/Los_Angeles']);
    expect(findZones('GMT+3')[0]!.zone).toMatchObject({ zone: 'Etc/GMT-3', fixedOffset: 180 });
    expect(findZones('UTC-4')[0]!.zone).toMatchObject({ zone: 'Etc/GMT+4', fixedOffset: -240 });
    expect(findZones('GMT+05:30')[0]!.zone).toMatchObject({ zone: 'Asia/Kolkata', fixedOffset: 330 });
    expect(findZones('all times in Pacific Time')[0]!.zone.zone).toBe('America/Los_Angeles');
    expect(findZones('times are Europe/Berlin')[0]!.zone.zone).toBe('Europe/Berlin');
  });

  it('needs capitals for abbreviations, so words stay words', () => {
    expect(findZones('we eat at the cat cafe')).toEqual([]);
  });

  it('flags ambiguous abbreviations and standard time written in summer', () => {
    expect(parseZoneName('IST')!.ambiguous).toMatch(/India/);
    const pst = parseZoneName('PST')!;
    expect(dstMismatch(pst, new Date('2024-07-10T12:00:00Z'))).toMatch(/daylight time/);
    expect(dstMismatch(pst, new Date('2024-01-10T12:00:00Z'))).toBeUndefined();
  });
});

describe('moments', () => {
  it('joins a date, a time and a zone on one line', () => {
    expect(iso('Start: June 5, 2024, 14:00 UTC')).toEqual(['2024-06-05T14:00:00.000Z']);
    expect(iso('March 10, 2025, 02:30 AM - March 10, 2025, 05:45 AM (UTC)')).toEqual(['2025-03-10T02:30:00.000Z', '2025-03-10T05:45:00.000Z']);
    expect(iso('9:15 PM PDT on July 10, 2024')).toEqual(['2024-07-11T04:15:00.000Z']);
    expect(iso('2024-03-01 08:30 GMT+03:00 engineer investigates')).toEqual(['2024-03-01T05:30:00.000Z']);
    expect(iso('2024-02-29T23:50:00+03:00 run starts')).toEqual(['2024-02-29T20:50:00.000Z']);
    expect(iso('05/06/2024 07:40 BST', true)).toEqual(['2024-06-05T06:40:00.000Z']);
  });

  it('applies a zone written once to every time of a range', () => {
    const moments = findMoments('08:41–09:54 UTC (1 h 13 m)');
    expect(moments.map((m) => m.zone?.zone)).toEqual(['UTC', 'UTC']);
  });
});

describe('durations', () => {
  it('reads written durations', () => {
    expect(parseDuration('90 minutes')).toBe(90);
    expect(parseDuration('1h 30m')).toBe(90);
    expect(parseDuration('1 h 13 m')).toBe(73);
    expect(parseDuration('2.5 hours')).toBe(150);
    expect(parseDuration('an hour and a half')).toBe(90);
    expect(parseDuration('2 days')).toBe(2880);
  });

  it('finds how long an incident lasted in prose, not any duration', () => {
    expect(findDurationInProse('The outage lasted 37 minutes.')).toBe(37);
    expect(findDurationInProse('Bloggulus was down for just under 7 hours.')).toBe(420);
    expect(findDurationInProse('The fix took 30 minutes to find.')).toBeUndefined();
  });
});
