import { describe, expect, it } from 'vitest';
import { openActionsByAge, summarizeActions } from '../../../src/lib/insights/follow-through.ts';
import { day, postmortem } from './helpers.ts';

const asOf = day('2025-03-10');
const incident = postmortem({
  started: '2025-01-01T22:00:00Z',
  actions: [
    { title: 'Done fast', status: 'done', closed: '2025-01-03' },
    { title: 'Done slow', status: 'done', closed: '2025-02-10' },
    { title: 'Done, no date', status: 'done' },
    { title: 'Dropped', status: 'wont-do', closed: '2025-01-02' },
    { title: 'Overdue', status: 'open', due: '2025-03-09' },
    { title: 'Due today', status: 'in-progress', due: '2025-03-10' },
    { title: 'No due date', status: 'open' },
  ],
});

describe('follow-through', () => {
  it('counts actions by status, overdue ones as of the build date, and the share done', () => {
    expect(summarizeActions([incident], asOf)).toEqual({
      total: 7,
      open: 2,
      inProgress: 1,
      done: 3,
      wontDo: 1,
      overdue: 1,
      doneShare: 3 / 7,
      medianDaysToClose: (2 + 40) / 2, // from 2025-01-01: 2 and 40 days; the undated one is left out
      closedDated: 2,
    });
  });
  it('has no shares or medians without actions', () => {
    expect(summarizeActions([postmortem()], asOf)).toMatchObject({ total: 0, doneShare: null, medianDaysToClose: null });
  });
  it('groups open actions by days since their incident started', () => {
    const recent = postmortem({ started: '2025-03-01T10:00:00Z', actions: [{ title: 'New', status: 'open' }, { title: 'Closed', status: 'done' }] });
    const old = postmortem({ started: '2024-03-10T10:00:00Z', actions: [{ title: 'Ancient', status: 'in-progress' }] }); // 365 days
    expect(openActionsByAge([incident, recent, old], asOf)).toEqual([
      { group: 'under 30 days', count: 1 },
      { group: '30–89 days', count: 3 }, // 68 days
      { group: '90–179 days', count: 0 },
      { group: '180–364 days', count: 0 },
      { group: 'a year or more', count: 1 },
    ]);
  });
});
