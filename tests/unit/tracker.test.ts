/** The action tracker's logic: rows, orders, follow-through figures, CSV, and the filters' URL state. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { postmortemSchema, type PostmortemInput } from '../../src/lib/format/schema.ts';
import { csvCell, followThrough, ownersOf, sortRows, trackerCsv, trackerRows, CSV_COLUMNS } from '../../src/lib/insights/tracker.ts';
import { parseTrackerState, rowMatches, serializeTrackerState } from '../../src/lib/site/tracker-state.ts';

const pm = (started: string, timezone: string, actions: PostmortemInput['actions']) =>
  postmortemSchema.parse({
    title: 'T',
    summary: 'S',
    severity: 'SEV2',
    services: ['api'],
    timezone,
    started,
    resolved: started,
    impact: { summary: 'I' },
    cause: { category: 'software-bug', summary: 'C' },
    resolution: 'R',
    timeline: [{ at: started, event: 'E' }],
    actions,
  });

const asOf = new Date('2025-03-10T00:00:00Z');
const entries = [
  {
    id: 'la',
    // 23:30 in Los Angeles is already the 11th in UTC: the incident's day is the 10th.
    data: pm('2025-01-10T23:30:00', 'America/Los_Angeles', [
      { title: 'Overdue one', owner: 'platform-team', status: 'open', priority: 'P1', due: '2025-03-09' },
      { title: 'Due today', owner: '@ops', status: 'open', due: '2025-03-10' },
      { title: 'Done one', owner: 'dba-team', status: 'done', priority: 'P2', closed: '2025-01-20' },
      { title: 'Dropped one', owner: 'platform-team', status: 'wont-do', closed: '2025-02-09' },
    ]),
  },
  { id: 'utc', data: pm('2024-11-05T14:00:00Z', 'UTC', [{ title: 'Old open', status: 'in-progress', priority: 'P0' }, { title: 'Done undated', status: 'done' }]) },
];
const rows = trackerRows(entries, asOf);

describe('tracker rows', () => {
  it('flatten every action with its anchor, incident day (in the incident zone) and overdue flag', () => {
    expect(rows.map((r) => [r.postmortem, r.anchor, r.incidentDay, r.overdue])).toEqual([
      ['la', 'a-overdue-one', '2025-01-10', true],
      ['la', 'a-due-today', '2025-01-10', false],
      ['la', 'a-done-one', '2025-01-10', false],
      ['la', 'a-dropped-one', '2025-01-10', false],
      ['utc', 'a-old-open', '2024-11-05', false],
      ['utc', 'a-done-undated', '2024-11-05', false],
    ]);
    expect(rows[0]!.ageDays).toBe(59);
  });

  it('sort: overdue and open first; by due; by priority; by owner (none last)', () => {
    expect(sortRows(rows, 'status').map((r) => r.title)).toEqual(['Overdue one', 'Due today', 'Old open', 'Done one', 'Done undated', 'Dropped one']);
    expect(sortRows(rows, 'due').map((r) => r.title).slice(0, 2)).toEqual(['Overdue one', 'Due today']);
    expect(sortRows(rows, 'priority').map((r) => r.title).slice(0, 3)).toEqual(['Old open', 'Overdue one', 'Done one']);
    expect(sortRows(rows, 'owner').map((r) => r.owner ?? null)).toEqual(['@ops', 'dba-team', 'platform-team', 'platform-team', null, null]);
  });

  it('group owners by page segment', () => {
    expect(ownersOf(rows)).toEqual([
      { slug: 'dba-team', names: ['dba-team'] },
      { slug: 'ops', names: ['@ops'] },
      { slug: 'platform-team', names: ['platform-team'] },
    ]);
  });
});

describe('follow-through', () => {
  it('counts by status, the done share, the median days to close and open items by age', () => {
    expect(followThrough(rows)).toEqual({
      total: 6,
      open: 2,
      inProgress: 1,
      done: 2,
      wontDo: 1,
      overdue: 1,
      doneShare: 2 / 6,
      // 10 days (done) and 30 days (dropped); the undated done item is not counted.
      medianDaysToClose: 20,
      closedWithDate: 2,
      openByAge: [
        { label: 'under 30 days', count: 0 },
        { label: '30–89 days', count: 2 },
        { label: '90–364 days', count: 1 },
        { label: 'a year or more', count: 0 },
      ],
    });
  });

  it('put open items in one age bucket each, a bucket starting where the one before ends', () => {
    const aged = [29, 30, 89, 90, 364, 365].map((days) => ({
      id: `d${days}`,
      data: pm(new Date(asOf.getTime() - days * 86_400_000).toISOString().slice(0, 10) + 'T12:00:00Z', 'UTC', [{ title: 'Open', status: 'open' }]),
    }));
    expect(followThrough(trackerRows(aged, asOf)).openByAge).toEqual([
      { label: 'under 30 days', count: 1 },
      { label: '30–89 days', count: 2 },
      { label: '90–364 days', count: 2 },
      { label: 'a year or more', count: 1 },
    ]);
  });

  it('has no share or median without items', () => {
    expect(followThrough([])).toMatchObject({ total: 0, doneShare: null, medianDaysToClose: null });
  });
});

describe('CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const [input, output] of [
      ['=1+2', "'=1+2"],
      ['+SUM(A1)', "'+SUM(A1)"],
      ['-2+3', "'-2+3"],
      ['@ops', "'@ops"],
      ['\tcmd', "'\tcmd"],
      ['\rcmd', "\"'\rcmd\""],
      ['plain', 'plain'],
      ['a-b=c', 'a-b=c'],
    ]) expect(csvCell(input!), JSON.stringify(input)).toBe(output);
  });

  it('quotes per RFC 4180 and reads back to the same cells', () => {
    const tricky = trackerRows([{ id: 'x', data: pm('2025-01-01T00:00:00Z', 'UTC', [{ title: '=HYPERLINK("https://evil.example"), and "more"\nline two', owner: 'a,b', ticket: 'https://t.example/1' }]) }], asOf);
    const text = trackerCsv(tricky, (r) => `https://h.example/postmortems/${r.postmortem}/#${r.anchor}`);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, row] = parse(text) as string[][];
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(row).toEqual(['x', 'T', 'https://h.example/postmortems/x/#a-hyperlink-https-evil-example', '\'=HYPERLINK("https://evil.example"), and "more"\nline two', '', 'a,b', '', 'open', '', '', 'https://t.example/1', 'no']);
  });
});

describe('filter state in the URL', () => {
  it('reads and writes the filters in a fixed order', () => {
    const state = parseTrackerState('?overdue=1&owner=dba-team&bogus=x&type=');
    expect(state).toEqual({ filters: { owner: 'dba-team' }, overdue: true });
    expect(serializeTrackerState(state)).toBe('?owner=dba-team&overdue=1');
    expect(serializeTrackerState({ filters: {}, overdue: false })).toBe('');
    expect(parseTrackerState(serializeTrackerState({ filters: { owner: 'Jane & Co', status: 'open' }, overdue: false }))).toEqual({ filters: { owner: 'Jane & Co', status: 'open' }, overdue: false });
  });

  it('matches rows on every filter and on overdue', () => {
    const row = { status: 'open', owner: 'dba-team', type: 'prevent', priority: 'P1', overdue: false };
    expect(rowMatches(row, { filters: { owner: 'dba-team', status: 'open' }, overdue: false })).toBe(true);
    expect(rowMatches(row, { filters: { owner: 'dba-team' }, overdue: true })).toBe(false);
    expect(rowMatches({ ...row, overdue: true }, { filters: { owner: 'dba-team' }, overdue: true })).toBe(true);
    expect(rowMatches(row, { filters: { priority: 'P0' }, overdue: false })).toBe(false);
  });
});
