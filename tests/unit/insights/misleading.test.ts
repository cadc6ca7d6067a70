import { describe, expect, it } from 'vitest';
import { misleadingLeads, summarizeMisleading } from '../../../src/lib/insights/misleading.ts';
import { postmortem } from './helpers.ts';

const timeline = (entries: { at?: string; until?: string; misleading?: boolean }[]) =>
  postmortem({ started: '2024-06-05T14:00:00Z', resolved: '2024-06-05T18:00:00Z', timeline: entries.map((e, i) => ({ event: `Entry ${i}`, ...e })) }).timeline;

describe('misleading leads', () => {
  it('run until `until` when given', () => {
    expect(misleadingLeads(timeline([{ at: '2024-06-05T14:10:00Z', until: '2024-06-05T14:55:00Z', misleading: true }, { at: '2024-06-05T15:30:00Z' }]))).toEqual([{ index: 0, minutes: 45 }]);
  });
  it('else until the next timed entry, skipping untimed ones', () => {
    expect(misleadingLeads(timeline([{ at: '2024-06-05T14:10:00Z', misleading: true }, {}, { at: '2024-06-05T14:35:00Z' }]))).toEqual([{ index: 0, minutes: 25 }]);
  });
  it('cannot be timed without an `at` or without any end', () => {
    expect(misleadingLeads(timeline([{ at: '2024-06-05T14:00:00Z' }, { misleading: true }, { at: '2024-06-05T15:00:00Z', misleading: true }]))).toEqual([
      { index: 1, minutes: undefined },
      { index: 2, minutes: undefined },
    ]);
  });
  it('sum to incidents, entries and minutes', () => {
    const a = timeline([{ at: '2024-06-05T14:00:00Z', misleading: true }, { at: '2024-06-05T14:20:00Z', misleading: true }, { at: '2024-06-05T14:30:00Z' }]);
    const b = timeline([{ at: '2024-06-05T14:00:00Z' }]);
    const c = timeline([{ at: '2024-06-05T14:00:00Z', until: '2024-06-05T16:00:00Z', misleading: true }, { misleading: true }]);
    expect(summarizeMisleading([a, b, c])).toEqual({ incidents: 2, entries: 4, minutes: 20 + 10 + 120, unmeasured: 1 });
  });
});
