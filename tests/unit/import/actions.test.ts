import { describe, expect, it } from 'vitest';
import { inferActionType, parseActions, parseActionText } from '../../../src/lib/import/actions.ts';
import { parseSections, type Section } from '../../../src/lib/import/sections.ts';

const ctx = { year: 2024 };
const actions = (markdown: string) => parseActions(parseSections(markdown).children[0] as Section, ctx);

describe('action items', () => {
  it('bullets, numbers and checkboxes', () => {
    const { actions: list } = actions('## Action items\n- Add an alert\n1. Write a runbook\n- [x] Fix the query\n- [ ] Load-test the change\n');
    expect(list.map((a) => [a.title, a.status])).toEqual([
      ['Add an alert', undefined],
      ['Write a runbook', undefined],
      ['Fix the query', 'done'],
      ['Load-test the change', 'open'],
    ]);
  });

  it('inline metadata: owner, ticket, due date, priority, status', () => {
    expect(parseActionText('Alert on queue age (owner: @orders-team) [ORD-88] due 2024-04-15 (P1) (done)', 1, ctx)).toEqual({
      title: 'Alert on queue age',
      owner: '@orders-team',
      ticket: 'ORD-88',
      due: '2024-04-15',
      priority: 'P1',
      status: 'done',
      line: 1,
    });
    expect(parseActionText('Extend CA bundles — owner: Payments', 1, ctx)).toMatchObject({ title: 'Extend CA bundles', owner: 'Payments' });
    expect(parseActionText('Pre-scale workers by June 30', 1, ctx)).toMatchObject({ due: '2024-06-30' });
  });

  it('tables with owner, status, type, priority, due and ticket columns; other columns stay in the title', () => {
    const { actions: list } = actions('## Follow up\n| Item | Type | Priority | Owner | Status | Due | Ticket | Notes |\n|---|---|---|---|---|---|---|---|\n| Scale on lag | mitigate | P1 | messaging | In progress | 2024-02-01 | MSG-1 | after review |\n');
    expect(list).toEqual([
      { title: 'Scale on lag (Notes: after review)', type: 'mitigate', priority: 'P1', owner: 'messaging', status: 'in-progress', due: '2024-02-01', ticket: 'MSG-1', line: 4 },
    ]);
  });

  it('sub-headings: "Improvements" and "Tasks" group, "Detection" gives the type, prose goes to the body', () => {
    const { actions: list, leftover } = actions('## Corrective measures\n**Improvements:**\n- Better code review process\n\n**Tasks:**\n- Patch the query\n\n### Detection\n- Page on slow queries\n\n### Conclusion\nWe learned a lot.\n');
    expect(list.map((a) => [a.title, a.type])).toEqual([
      ['Better code review process', 'process'],
      ['Patch the query', 'prevent'],
      ['Page on slow queries', 'detect'],
    ]);
    expect(leftover.map((l) => [l.heading, l.lines.map((x) => x.text).join('\n').trim()])).toEqual([['Conclusion', 'We learned a lot.']]);
  });

  it('a ✅ in front of every item is decoration, not a status', () => {
    const { actions: list } = actions('## Action Items\n- ✅ Add tests\n- ✅ Add health checks\n');
    expect(list.map((a) => [a.title, a.status])).toEqual([
      ['Add tests', undefined],
      ['Add health checks', undefined],
    ]);
  });

  it('group labels in nested lists prefix their items', () => {
    const { actions: list } = actions('## Next steps\n- Short term:\n  - Add an alert\n- Long term:\n  - Move to a managed queue\n');
    expect(list.map((a) => a.title)).toEqual(['Short term: Add an alert', 'Long term: Move to a managed queue']);
  });

  it.each([
    ['Implement query performance monitoring tools', 'detect'],
    ['Conduct training for developers on writing efficient SQL queries', 'process'],
    ['Increase capacity planning for the database server', 'mitigate'],
    ['Patch and redeploy the optimized query with proper indexing', 'prevent'],
  ])('%s → %s', (title, type) => expect(inferActionType(title)).toBe(type));
});
