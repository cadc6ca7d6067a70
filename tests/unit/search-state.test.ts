import { describe, expect, it } from 'vitest';
import { pagefindFilters, pagefindSort, parseSearchState, serializeSearchState } from '../../src/lib/site/search-state.ts';

describe('search state in the URL', () => {
  it('reads a runbook link with query and filters', () => {
    const state = parseSearchState('?q=full+table+scan&category=database&severity=SEV1&service=checkout');
    expect(state).toEqual({ q: 'full table scan', filters: { category: ['database'], severity: ['SEV1'], service: ['checkout'] }, sort: 'relevance' });
    expect(pagefindFilters(state)).toEqual({ severity: { any: ['SEV1'] }, category: { any: ['database'] }, service: { any: ['checkout'] } });
  });
  it('accepts repeated and comma-separated values, drops duplicates and unknown sorts', () => {
    const state = parseSearchState('service=a,b&service=b&sort=bogus&year=');
    expect(state.filters).toEqual({ service: ['a', 'b'] });
    expect(state.sort).toBe('relevance');
  });
  it('round-trips through the query string in a stable order', () => {
    const text = '?q=bgp&severity=SEV1&severity=SEV2&tag=dns&sort=date';
    expect(serializeSearchState(parseSearchState(text))).toBe(text);
    expect(serializeSearchState(parseSearchState(''))).toBe('');
  });
  it('maps sorts to Pagefind sort keys', () => {
    expect(pagefindSort('relevance')).toBeUndefined();
    expect(pagefindSort('severity')).toEqual({ severity: 'asc' });
    expect(pagefindSort('date')).toEqual({ date: 'desc' });
  });
});
