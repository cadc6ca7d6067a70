import { describe, expect, it } from 'vitest';
import { parseSections, type Section } from '../../../src/lib/import/sections.ts';
import { inferKind, parseLead, parseTimeline, resolveTimeline, sortEntries } from '../../../src/lib/import/timeline.ts';
import { parseZoneName } from '../../../src/lib/import/zones.ts';
import { formatTime } from '../../../src/lib/format/time.ts';

const timeline = (markdown: string, date = { year: 2024, month: 6, day: 5 }, zone = 'UTC') => {
  const section = parseSections(markdown).children[0] as Section;
  const parsed = parseTimeline(section);
  const entries = resolveTimeline(parsed.entries, { date, year: 2024, zone: parsed.zone ?? parseZoneName(zone)! });
  const z = (parsed.zone ?? parseZoneName(zone)!).zone;
  return {
    parsed,
    entries,
    lines: entries.map((e) =>
      [e.at ? `${e.at.toISOString().slice(5, 10)} ${formatTime(e.at, z)}` : '--', e.kind, e.misleading ? 'misleading' : '', e.approximate ? '~' : '', e.until ? `until ${formatTime(e.until, z)}` : '', e.event]
        .filter(Boolean)
        .join(' | '),
    ),
  };
};

describe('entry leads', () => {
  it('takes the time off the event, in many wrappings', () => {
    for (const text of ['14:00 UTC: Alert fired', '**14:00 UTC** - Alert fired', '*14:00*: Alert fired', '[14:00] Alert fired', '14:00 — Alert fired', '2:00 PM: Alert fired']) {
      const lead = parseLead(text);
      expect(lead.moment?.time, text).toEqual({ hour: 14, minute: 0, second: 0 });
      expect(lead.event, text).toBe('Alert fired');
    }
  });

  it('reads ranges and unknown times', () => {
    expect(parseLead('14:15–14:30 network checks').until?.time).toEqual({ hour: 14, minute: 30, second: 0 });
    expect(parseLead('??:?? someone restarted a node')).toEqual({ unknownTime: true, event: 'someone restarted a node' });
  });

  it('keeps words written before the time', () => {
    expect(parseLead('At 14:00, the alert fired').event).toBe('At 14:00, the alert fired');
  });

  it('reads relative days before a time, and only those', () => {
    for (const [text, days] of [['The next day 01:00 export waits', 1], ['next day, 09:15 paged', 1], ['Tomorrow at 08:00 retry', 1], ['The following morning, 09:20 lock released', 1], ['next evening 19:00 rerun', 1]] as const) {
      const lead = parseLead(text);
      expect(lead.daysAfterPrevious, text).toBe(days);
      expect(lead.moment?.time, text).toBeDefined();
    }
    expect(parseLead('The following morning, 09:20 lock released').event).toBe('The following morning: lock released');
    for (const text of ['Today 09:00 standup', 'The team 09:00 met', 'Next week 09:00 review', '09:00 the next day begins']) expect(parseLead(text).daysAfterPrevious, text).toBeUndefined();
  });
});

describe('timeline shapes', () => {
  it('bullets, with midnight rollover', () => {
    expect(timeline('## Timeline\n- 23:50 deploy starts\n- 00:10 alert fires\n- 00:40 rolled back\n').lines).toEqual([
      '06-05 23:50 | trigger | deploy starts',
      '06-06 00:10 | detect | alert fires',
      '06-06 00:40 | mitigate | rolled back',
    ]);
  });

  it('a table with a zone in the time header', () => {
    expect(timeline('## Timeline\n| Time (CET) | Event | Who |\n|---|---|---|\n| 10:00 | Alert fired | bot |\n| 10:20 | Restarted the pods | ana |\n', undefined, 'Europe/Berlin').lines).toEqual([
      '06-05 10:00 | detect | Alert fired (Who: bot)',
      '06-05 10:20 | mitigate | Restarted the pods (Who: ana)',
    ]);
  });

  it('entries grouped under date headings', () => {
    const t = timeline('## Timeline\n### June 5\n- 22:00 deploy\n### June 6\n- 08:00 customers reported errors\n');
    expect(t.lines).toEqual(['06-05 22:00 | trigger | deploy', '06-06 08:00 | detect | customers reported errors']);
  });

  it('one heading per time, with details under it', () => {
    expect(timeline('## Timeline\n### 09:12 — Alerts fire\nPagerDuty pages on-call.\n### 09:44 — Fix deployed\nCA bundle restored.\n').lines).toEqual([
      '06-05 09:12 | detect | Alerts fire: PagerDuty pages on-call.',
      '06-05 09:44 | mitigate | Fix deployed: CA bundle restored.',
    ]);
  });

  it('<br>-separated lines and a zone in the heading', () => {
    const t = timeline('**Timeline (EAT)**<br>09:00 switch to new range<br>09:05 errors spike');
    expect(t.parsed.zone?.zone).toBe('Africa/Nairobi');
    expect(t.entries[0]!.at!.toISOString()).toBe('2024-06-05T06:00:00.000Z');
  });

  it('approximate and unknown times, kept in order', () => {
    expect(timeline('## Timeline\n- 01:00 alarm\n- ~01:30 restarted by hand\n- ??:?? someone cleared the cache\n- 02:00 recovered\n').lines).toEqual([
      '06-05 01:00 | detect | alarm',
      '06-05 01:30 | mitigate | ~ | restarted by hand',
      '-- | mitigate | someone cleared the cache',
      '06-05 02:00 | resolve | recovered',
    ]);
  });

  it('notes before the first entry stay notes for the body', () => {
    const t = timeline('## Timeline\nTimes are approximate, from chat logs.\n\n- 10:00 alert\n');
    expect(t.parsed.leftover.flatMap((l) => l.lines.map((x) => x.text))).toEqual(['Times are approximate, from chat logs.']);
  });
});

describe('misleading leads', () => {
  it('an entry that says so', () => {
    const { entries } = timeline('## Timeline\n- 10:00 suspected the CDN (red herring)\n- 10:10 wrong lead: DNS\n- 10:20 checked the database; it turned out to be unrelated\n');
    expect(entries.map((e) => e.misleading)).toEqual([true, true, true]);
  });

  it('an earlier lead that a later entry rules out, until then', () => {
    const { lines } = timeline('## Timeline\n- 14:15 engineers suspect a network issue\n- 14:20 escalated to the database team\n- 14:30 network ruled out\n');
    expect(lines[0]).toBe('06-05 14:15 | investigate | misleading | until 14:30 | engineers suspect a network issue');
    expect(lines[2]).toBe('06-05 14:30 | investigate | network ruled out');
  });

  it('"turned out" is only a wrong lead when what was found is innocent', () => {
    const { entries } = timeline('## Timeline\n- 10:00 checked the config\n- 10:30 the config turned out to be the culprit\n');
    expect(entries.map((e) => e.misleading)).toEqual([false, false]);
  });

  it('every item under a "Misleading paths" label', () => {
    const { entries } = timeline('## Timeline\n- 10:00 alert\n- **Misleading Paths:**\n  - explored a DDoS\n  - checked the network\n- 11:00 escalated to the platform team\n');
    expect(entries.map((e) => e.misleading)).toEqual([false, true, true, true, false]);
  });
});

describe('work that is started in one entry and completed in another', () => {
  it('gets until', () => {
    const { lines } = timeline('## Timeline\n- 15:20 rollback initiated\n- 15:30 service restored after rollback completed\n');
    expect(lines[0]).toBe('06-05 15:20 | mitigate | until 15:30 | rollback initiated');
  });
});

describe('kinds', () => {
  it.each([
    ['Issue detected via automated monitoring alert', 'detect'],
    ['Customer support reports late confirmations', 'detect'],
    ['Escalation to the database team', 'escalate'],
    ['Storage team engaged', 'escalate'],
    ['Rollback of the recent code deployment initiated', 'mitigate'],
    ['Service restored to normal functionality', 'resolve'],
    ['Status page updated', 'communicate'],
    ['Deploy of exporter 3.2 completes', 'trigger'],
    ['Engineers hypothesized a network issue', 'investigate'],
    ['Queue age passes 10 minutes', 'note'],
  ])('%s → %s', (event, kind) => expect(inferKind(event)).toBe(kind));
});

describe('sorting', () => {
  it('sorts timed entries and keeps untimed ones after their predecessor', () => {
    const at = (h: number) => new Date(Date.UTC(2024, 0, 1, h));
    const e = (event: string, hour?: number) => ({ event, line: 0, kind: 'note' as const, misleading: false, approximate: false, ...(hour === undefined ? {} : { at: at(hour) }) });
    const { entries, reordered } = sortEntries([e('intro'), e('b', 2), e('b note'), e('a', 1)]);
    expect(entries.map((x) => x.event)).toEqual(['intro', 'a', 'b', 'b note']);
    expect(reordered).toBe(true);
  });
});
