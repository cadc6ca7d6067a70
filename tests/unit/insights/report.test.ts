import { describe, expect, it } from 'vitest';
import { countsByPeriod, countsByService } from '../../../src/lib/insights/counts.ts';
import { insightsReport } from '../../../src/lib/insights/report.ts';
import { findRepeats } from '../../../src/lib/insights/repeats.ts';
import { followThrough, trackerRows } from '../../../src/lib/insights/tracker.ts';
import { day, entry, postmortem } from './helpers.ts';

const WEIGHTS = { SEV1: 1, SEV2: 0.5, SEV3: 0.25, SEV4: 0.125 };

describe('counts over time', () => {
  it('use the UTC year and quarter of the start, and list quiet periods too', () => {
    const incidents = [
      postmortem({ started: '2023-12-31T23:30:00-05:00', severity: 'SEV1' }), // 2024-01-01 04:30 UTC
      postmortem({ started: '2024-09-30T12:00:00Z', severity: 'SEV3' }),
    ];
    expect(countsByPeriod(incidents, 'quarter').map((p) => [p.period, p.count])).toEqual([
      ['2024-Q1', 1],
      ['2024-Q2', 0],
      ['2024-Q3', 1],
    ]);
    expect(countsByPeriod(incidents, 'year')).toEqual([{ period: '2024', count: 2, bySeverity: { SEV1: 1, SEV2: 0, SEV3: 1, SEV4: 0 } }]);
  });
  it('weigh impact minutes by severity', () => {
    const incidents = [
      postmortem({ severity: 'SEV1', services: ['a'], started: '2024-01-01T10:00:00Z', resolved: '2024-01-01T11:00:00Z' }),
      postmortem({ severity: 'SEV3', services: ['a', 'b'], started: '2024-01-02T10:00:00Z', resolved: '2024-01-02T12:00:00Z' }),
    ];
    expect(countsByService(incidents, WEIGHTS)).toEqual([
      { service: 'a', count: 2, impactMinutes: 60 + 120 * 0.25 },
      { service: 'b', count: 1, impactMinutes: 30 },
    ]);
  });
});

describe('the insights report', () => {
  const entries = [
    entry('a', { started: '2024-01-01T10:00:00Z', detected: '2024-01-01T10:10:00Z', mitigated: '2024-01-01T10:30:00Z', resolved: '2024-01-01T11:00:00Z', detection: { method: 'customer' } }),
    entry('b', { started: '2024-02-01T10:00:00Z', detected: '2024-02-01T10:20:00Z', resolved: '2024-02-01T13:00:00Z', detection: { method: 'monitoring' } }),
    entry('c', { started: '2024-03-01T10:00:00Z', resolved: '2024-03-01T10:30:00Z', category: 'network' }),
  ];
  const report = insightsReport(entries, { asOf: day('2024-12-01'), repeats: findRepeats(entries, 180), severityWeights: WEIGHTS });

  it('leaves incidents without a timestamp out of that figure, and counts them', () => {
    const [year] = report.byYear;
    expect(year!.timeToDetectMinutes).toEqual({ median: 15, p90: 20, n: 2 });
    expect(year!.timeToMitigateMinutes).toEqual({ median: 30, p90: 30, n: 1 });
    expect(year!.timeToResolveMinutes).toEqual({ median: 60, p90: 180, n: 3 });
    expect(report.missing).toEqual({ detected: 1, mitigated: 2 });
  });
  it('counts causes, detection methods and repeats', () => {
    expect(report.byCause).toEqual([
      { category: 'database', count: 2, share: 2 / 3 },
      { category: 'network', count: 1, share: 1 / 3 },
    ]);
    expect(report.detection).toMatchObject({ customer: 1, monitoring: 1, employee: 0 });
    expect(report.detectionUnrecorded).toBe(1);
    expect(report.repeats.map((r) => [r.id, r.earlier])).toEqual([['b', 'a']]);
    expect(report.repeatRate).toBe(1 / 3);
  });
});

describe("the insights report's follow-through", () => {
  const asOf = day('2025-03-10');
  // 22:00 in New York on 2024-12-31 is 03:00 UTC on 2025-01-01: the incident's day is 2024-12-31.
  const newYork = entry('ny', {
    started: '2024-12-31T22:00:00',
    resolved: '2024-12-31T23:00:00',
    timezone: 'America/New_York',
    actions: [
      { title: 'Done fast', status: 'done', closed: '2025-01-03' }, // 3 days
      { title: 'Done slow', status: 'done', closed: '2025-02-10' }, // 41 days
      { title: 'Done, no date', status: 'done' },
      { title: 'Dropped', status: 'wont-do', closed: '2025-01-02' }, // 2 days
      { title: 'Overdue', status: 'open', due: '2025-03-09' },
      { title: 'Due today', status: 'in-progress', due: '2025-03-10' },
      { title: 'No due date', status: 'open' },
    ],
  });
  const recent = entry('recent', { started: '2025-03-01T10:00:00Z', actions: [{ title: 'New', status: 'open' }, { title: 'Closed', status: 'done' }] });
  const old = entry('old', { started: '2024-03-10T10:00:00Z', actions: [{ title: 'Ancient', status: 'in-progress' }] }); // 365 days
  const entries = [newYork, recent, old];
  const report = insightsReport(entries, { asOf, repeats: findRepeats(entries, 180), severityWeights: WEIGHTS });

  it("are the tracker's figures over the same incidents' action items", () => {
    expect(report.actions).toEqual(followThrough(trackerRows(entries, asOf)));
  });

  it('count done and dropped items from the incident day in its own zone, and open items by age', () => {
    expect(report.actions).toEqual({
      total: 10,
      open: 3,
      inProgress: 2,
      done: 4,
      wontDo: 1,
      overdue: 1,
      doneShare: 4 / 10,
      medianDaysToClose: 3, // 2, 3 and 41 days; the undated done items are left out
      closedWithDate: 3,
      openByAge: [
        { label: 'under 30 days', count: 1 }, // 9 days
        { label: '30–89 days', count: 3 }, // 69 days (from 2024-12-31)
        { label: '90–364 days', count: 0 },
        { label: 'a year or more', count: 1 },
      ],
    });
  });
});
