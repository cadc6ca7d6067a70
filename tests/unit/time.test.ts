import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration, formatTime, isoInZone, isValidTimeZone, momentInZone, parseDate, parseDateTime, timeZoneProblem, zoneAbbreviation, formatDateTime } from '../../src/lib/format/time.ts';

const at = (text: string, zone = 'UTC') => {
  const r = parseDateTime(text, zone);
  if (!r.ok) throw new Error(r.reason);
  return r.date.toISOString();
};

describe('parseDateTime', () => {
  it('reads datetimes with an offset as absolute, whatever the zone', () => {
    expect(at('2024-06-05T14:00:00Z', 'Asia/Tokyo')).toBe('2024-06-05T14:00:00.000Z');
    expect(at('2024-06-05T14:00:00+03:00', 'America/New_York')).toBe('2024-06-05T11:00:00.000Z');
    expect(at('2024-06-05T14:00-0430')).toBe('2024-06-05T18:30:00.000Z');
  });
  it('reads datetimes without an offset in the given zone, across DST', () => {
    expect(at('2024-06-05T14:00', 'Europe/Berlin')).toBe('2024-06-05T12:00:00.000Z'); // CEST
    expect(at('2024-01-05 14:00', 'Europe/Berlin')).toBe('2024-01-05T13:00:00.000Z'); // CET
    expect(at('2017-02-28T09:37:00', 'America/Los_Angeles')).toBe('2017-02-28T17:37:00.000Z');
    expect(at('2024-03-10T03:30:00', 'America/New_York')).toBe('2024-03-10T07:30:00.000Z'); // just after spring-forward
  });
  it('rejects malformed and impossible datetimes with the value in the reason', () => {
    const bad = parseDateTime('June 5 2024', 'UTC');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toContain('"June 5 2024"');
    expect(parseDateTime('2024-02-30T10:00:00Z', 'UTC').ok).toBe(false);
    expect(parseDateTime('2024-06-05T25:00:00Z', 'UTC').ok).toBe(false);
  });
});

describe('zones and formatting', () => {
  it('knows IANA zones and rejects unknown ones', () => {
    expect(isValidTimeZone('Africa/Nairobi')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
  it('formats instants in the zone, with offset and abbreviation', () => {
    const d = new Date('2024-06-05T14:00:00Z');
    expect(formatDateTime(d, 'Africa/Nairobi')).toBe('2024-06-05 17:00');
    expect(isoInZone(d, 'Africa/Nairobi')).toBe('2024-06-05T17:00:00+03:00');
    expect(isoInZone(d, 'UTC')).toBe('2024-06-05T14:00:00Z');
    expect(zoneAbbreviation(d, 'America/Los_Angeles')).toBe('PDT');
  });
  it('gives every form of a moment from one reading, the same as the single formatters, across DST', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Sydney']) {
      for (const iso of ['2024-03-31T00:59:59Z', '2024-03-31T01:00:00Z', '2024-11-03T05:30:00Z', '2024-10-06T16:00:00Z', '2024-06-05T14:00:00Z']) {
        const d = new Date(iso);
        expect(momentInZone(d, zone), `${iso} ${zone}`).toEqual({ date: formatDate(d, zone), time: formatTime(d, zone), dateTime: formatDateTime(d, zone), iso: isoInZone(d, zone), zoneName: zoneAbbreviation(d, zone) });
      }
    }
    expect(momentInZone(new Date('2024-01-05T13:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2024-01-05', time: '14:00', dateTime: '2024-01-05 14:00', iso: '2024-01-05T14:00:00+01:00', zoneName: 'GMT+1' });
    expect(momentInZone(new Date('2024-11-03T06:00:00Z'), 'America/New_York').zoneName).toBe('EST');
    expect(momentInZone(new Date('2024-11-03T05:59:00Z'), 'America/New_York').zoneName).toBe('EDT');
  });
  it('formats durations for people', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(90)).toBe('1 h 30 min');
    expect(formatDuration(120)).toBe('2 h');
    expect(formatDuration(73 * 60)).toBe('3 d 1 h');
  });

  it('carries a rounded-up part into the next unit', () => {
    expect(formatDuration(2865)).toBe('2 d');
    expect(formatDuration(2 * 1440 - 1)).toBe('2 d');
    expect(formatDuration(1440 + 29)).toBe('1 d');
    expect(formatDuration(1440 + 30)).toBe('1 d 1 h');
    expect(formatDuration(1439)).toBe('23 h 59 min');
    expect(formatDuration(1439.6)).toBe('1 d');
    expect(formatDuration(59.6)).toBe('1 h');
    expect(formatDuration(3 * 1440 - 30)).toBe('3 d');
  });
  it('parses calendar dates strictly', () => {
    expect(parseDate('2024-06-30').ok).toBe(true);
    expect(parseDate('2024-06-31').ok).toBe(false);
  });
});

describe('time zones are canonical IANA names', () => {
  it.each(['UTC', 'Etc/UTC', 'Europe/Berlin', 'Europe/Kyiv', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'Etc/GMT-3', 'America/Nuuk'])('accepts %s', (zone) => {
    expect(timeZoneProblem(zone)).toBeUndefined();
  });
  it.each([
    ['utc', 'UTC'],
    ['europe/berlin', 'Europe/Berlin'],
    ['EST5EDT', 'America/New_York'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['GMT', 'Etc/GMT'],
  ])('refuses %s and names %s', (zone, canonical) => {
    expect(timeZoneProblem(zone)).toBe(`${JSON.stringify(zone)} is not a canonical IANA time zone name; use "${canonical}"`);
  });
  it('refuses offsets, suggesting a zone (and the Etc/GMT form with its inverted sign for whole hours)', () => {
    expect(timeZoneProblem('+05:00')).toMatch(/^"\+05:00" is an offset, not an IANA time zone; use the zone of the place .* or "Etc\/GMT-5"/);
    expect(timeZoneProblem('UTC-3')).toMatch(/or "Etc\/GMT\+3"/);
    expect(timeZoneProblem('+05:30')).not.toMatch(/Etc\/GMT/);
  });
  it('refuses unknown names', () => {
    expect(timeZoneProblem('Mars/Olympus')).toMatch(/^unknown IANA time zone "Mars\/Olympus"/);
  });
});

describe('years from 1000 to 9999', () => {
  it('does not read 0050 as 1950', () => {
    expect(parseDate('0050-06-30')).toEqual({ ok: false, reason: 'expected a year from 1000 to 9999, got "0050-06-30"' });
    expect(parseDateTime('0999-12-31T23:00:00Z', 'UTC').ok).toBe(false);
    expect(parseDate('1000-01-01').ok).toBe(true);
    expect(parseDateTime('9999-12-31T23:59:00Z', 'UTC').ok).toBe(true);
    expect(parseDateTime('10000-01-01T00:00:00Z', 'UTC').ok).toBe(false);
  });
});
