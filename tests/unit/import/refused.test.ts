/** Files that are not postmortems are refused with a one-line reason, and nothing is made. */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REFUSED } from '../../fixtures/import/expected.ts';
import { convertPostmortem } from '../../../src/lib/import/convert.ts';
import { FIXTURES, importFixture } from './helpers.ts';

describe('refusals', () => {
  it('cover every refusal fixture', () => {
    expect(Object.keys(REFUSED).sort()).toEqual(readdirSync(join(FIXTURES, 'refused')).sort());
  });

  for (const [name, reason] of Object.entries(REFUSED)) {
    it(`refuses ${name}: ${reason}`, () => {
      const result = importFixture(`refused/${name}`);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason.startsWith(reason), result.reason).toBe(true);
      expect(result.reason).not.toContain('\n');
    });
  }

  it('refuses a text without any incident date or time', () => {
    const result = convertPostmortem('# Team offsite notes\n\nWe talked about the roadmap, hiring and the new office. Everyone enjoyed the lunch and the walk by the river afterwards, and we agreed to meet again in spring.');
    expect(result).toEqual({ ok: false, reason: "no incident date or time found: not a postmortem (add a line like 'Start: 2024-06-05 14:00 UTC')" });
  });

  it('imports a timeline without any date, with the missing date for review (refusing a real report is worse)', () => {
    const result = convertPostmortem('# Outage\n\n## Summary\nThe API was down for everyone for half an hour and we had to restart every node by hand.\n\n## Timeline\n- 14:00 alert fires\n- 14:30 restarted all nodes, recovered\n', { now: new Date('2026-01-15T12:00:00Z') });
    if (!result.ok) throw new Error(result.reason);
    expect(result.data.started).toBe('2026-01-15T14:00:00Z');
    expect(result.review).toContain('dates: the document states no date; the incident was put on the import day (2026-01-15); write the day it happened');
  });

  it('accepts the same timeline once the file name gives the date', () => {
    const result = convertPostmortem('# Outage\n\n## Summary\nThe API was down for everyone for half an hour and we had to restart every node by hand.\n\n## Timeline\n- 14:00 alert fires\n- 14:30 restarted all nodes, recovered\n', { fileName: '2024-02-03-api-outage.md' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.started).toBe('2024-02-03T14:00:00Z');
  });
});
