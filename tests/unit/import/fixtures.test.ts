/** Every importer fixture, a different real-world shape each, gives the expected postmortem. */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { EXPECTED } from '../../fixtures/import/expected.ts';
import { validatePostmortemSource } from '../../../src/lib/format/content-files.ts';
import { formatProblem } from '../../../src/lib/format/problems.ts';
import { FIXTURES, importFixture, timelineNotation } from './helpers.ts';

const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.md'));

describe('importer fixtures', () => {
  it('cover at least 15 shapes, the seed among them, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(files).toContain('01-seed-checkout-db.md');
    expect(Object.keys(EXPECTED).sort()).toEqual(files.sort());
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    describe(name, () => {
      const result = importFixture(name, want.options);
      if (!result.ok) throw new Error(`${name} was refused: ${result.reason}`);

      it('passes the schema', () => {
        const { problems } = validatePostmortemSource(`${result.id}.mdx`, result.mdx);
        expect(problems.map(formatProblem)).toEqual([]);
      });

      it('has the expected id, status and fields', () => {
        expect(result.id).toBe(want.id);
        expect(result.data.status).toBe(want.status);
        expect(result.data).toMatchObject(want.data);
        expect(result.data.review ?? []).toEqual(result.review);
      });

      it('has the expected timeline', () => {
        expect(timelineNotation(result.data)).toEqual(want.timeline);
      });

      it('has the expected action items', () => {
        const actions = (result.data.actions ?? []).map((a) => `${a.title}|${a.type}|${a.status ?? 'open'}`);
        expect(actions).toHaveLength(want.actions.length);
        want.actions.forEach((line, i) => {
          const [title, type, status] = line.split('|');
          expect(actions[i], `action ${i}`).toMatch(new RegExp(`^${title!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\|${type}\\|${status}$`));
        });
      });

      it('lists what it guessed for review', () => {
        for (const pattern of want.review ?? []) expect(result.review.some((r) => pattern.test(r)), `${pattern} in ${JSON.stringify(result.review, null, 1)}`).toBe(true);
      });

      it('keeps the rest in the body', () => {
        for (const text of want.body ?? []) expect(result.body).toContain(text);
      });

      it('matches the reviewed output file', async () => {
        await expect(result.mdx).toMatchFileSnapshot(`../../fixtures/import/expected/${name.replace(/\.md$/, '.mdx')}`);
      });
    });
  }
});

describe('the seed', () => {
  // The hand-written seed postmortem (content/postmortems/2024-06-05-checkout-db-slowdown.mdx) was
  // written from the same text; the import must carry the same facts.
  const result = importFixture('01-seed-checkout-db.md');
  if (!result.ok) throw new Error(result.reason);
  const { data } = result;

  it('has the same times, impact and detection as the hand-written one', () => {
    expect(data).toMatchObject({
      started: '2024-06-05T14:00:00Z',
      detected: '2024-06-05T14:00:00Z',
      mitigated: '2024-06-05T15:30:00Z',
      resolved: '2024-06-05T15:30:00Z',
      severity: 'SEV1',
      impact: { usersAffectedPercent: 80 },
      cause: { category: 'database' },
      detection: { method: 'monitoring', details: 'Issue detected via automated monitoring alert indicating high database response times.' },
    });
    expect(data.impact.summary).toContain('nearly unusable for 90 minutes');
  });

  it('keeps both misleading leads: the network (14:15, until ruled out at 14:30) and the load balancer (14:50)', () => {
    const misleading = data.timeline!.filter((e) => e.misleading);
    expect(misleading.map((e) => [e.at, e.until])).toEqual([
      ['2024-06-05T14:15:00Z', '2024-06-05T14:30:00Z'],
      ['2024-06-05T14:50:00Z', undefined],
    ]);
    expect(misleading[0]!.event).toContain('network');
    expect(misleading[1]!.event).toContain('load balancer');
  });

  it('has 8 action items: 3 improvements and 5 tasks', () => {
    const titles = data.actions!.map((a) => a.title);
    expect(titles).toHaveLength(8);
    expect(titles.slice(0, 3).map((t) => t.split(' ')[0])).toEqual(['Enhanced', 'Improved', 'Increased']);
    expect(titles.slice(3).map((t) => t.split(' ')[0])).toEqual(['Patch', 'Implement', 'Conduct', 'Update', 'Review']);
  });

  it('has the root cause and the resolution', () => {
    expect(data.cause.summary).toMatch(/^The outage was caused by an unoptimized SQL query introduced in the latest code deployment\./);
    expect(data.cause.summary).toContain('full table scan');
    expect(data.resolution).toMatch(/^The immediate fix involved rolling back the recent deployment/);
    expect(data.resolution).toContain('tested in a staging environment');
  });

  it('is marked for review because severity and category were guessed', () => {
    expect(data.status).toBe('review');
    expect(result.review.some((r) => r.startsWith('severity: guessed'))).toBe(true);
    expect(result.review.some((r) => r.startsWith('cause.category: guessed'))).toBe(true);
  });
});
