import { describe, expect, it } from 'vitest';
import { pageNumbers, pageTitle, pageUrl } from '../../src/lib/site/pagination.ts';
import { severitySortValue, sortEntries } from '../../src/lib/site/catalog.ts';
import type { Postmortem } from '../../src/lib/format/schema.ts';

describe('pageNumbers', () => {
  it('lists every page of a short list', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });
  it('keeps first, last and two either side of the current page, with gaps for the rest', () => {
    expect(pageNumbers(1, 40)).toEqual([1, 2, 3, null, 40]);
    expect(pageNumbers(20, 40)).toEqual([1, null, 18, 19, 20, 21, 22, null, 40]);
    expect(pageNumbers(40, 40)).toEqual([1, null, 38, 39, 40]);
  });
  it('shows a lone left-out page instead of a gap', () => {
    expect(pageNumbers(5, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('stays bounded however long the list is', () => {
    expect(pageNumbers(5_000, 10_000).length).toBeLessThanOrEqual(9);
  });
});

describe('pageUrl and pageTitle', () => {
  it('puts page 1 at the list itself and page n under it', () => {
    expect(pageUrl('/kb/postmortems/', 1)).toBe('/kb/postmortems/');
    expect(pageUrl('/kb/postmortems/', 7)).toBe('/kb/postmortems/7/');
    expect(pageUrl('/tags/x', 2)).toBe('/tags/x/2/');
  });
  it('titles later pages with their number', () => {
    expect(pageTitle('All incidents', 1, 4)).toBe('All incidents');
    expect(pageTitle('All incidents', 2, 4)).toBe('All incidents (page 2 of 4)');
  });
});

describe('severitySortValue', () => {
  it('sorts as text in the order of the pre-built severity list (worst first, newest first within)', () => {
    const pm = (id: string, severity: Postmortem['severity'], started: string) => ({ id, data: { severity, started: new Date(started) } as Postmortem });
    const entries = [pm('a', 'SEV3', '2024-01-01T00:00:00Z'), pm('b', 'SEV1', '2019-05-01T00:00:00Z'), pm('c', 'SEV1', '2024-06-01T00:00:00Z'), pm('d', 'SEV2', '1969-07-20T20:17:00Z'), pm('e', 'SEV2', '2030-01-01T00:00:00Z')];
    const byText = [...entries].sort((x, y) => (severitySortValue(x.data) < severitySortValue(y.data) ? -1 : 1)).map((e) => e.id);
    expect(byText).toEqual(sortEntries(entries, 'severity').map((e) => e.id));
    expect(byText).toEqual(['c', 'b', 'e', 'd', 'a']);
  });
});
