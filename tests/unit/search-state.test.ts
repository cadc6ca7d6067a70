import { describe, expect, it } from 'vitest';
import { TYPING_PAUSE_MS, pagefindFilters, pagefindQuery, pagefindSort, parseSearchState, serializeSearchState, typingPause } from '../../src/lib/site/search-state.ts';

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

describe('the words searched', () => {
  it('leave out English stop words, whatever their case', () => {
    expect(pagefindQuery('CPU on the primary')).toBe('CPU primary');
    expect(pagefindQuery('The  certificate   expired')).toBe('certificate expired');
    expect(pagefindQuery('Modify All permissions')).toBe('Modify permissions');
  });

  it('keep a query of stop words only, and quoted phrases', () => {
    expect(pagefindQuery('on the')).toBe('on the');
    expect(pagefindQuery('"on the primary" lag')).toBe('"on the primary" lag');
    expect(pagefindQuery('pg_dump')).toBe('pg_dump');
  });
});

describe('searching while typing', () => {
  it('waits for a pause when the last word has one or two characters', () => {
    expect(typingPause('re')).toBe(TYPING_PAUSE_MS);
    expect(typingPause('replication l')).toBe(TYPING_PAUSE_MS);
    expect(typingPause('replication la')).toBe(TYPING_PAUSE_MS);
    expect(typingPause('CPU on')).toBe(TYPING_PAUSE_MS);
  });

  it('searches at once otherwise', () => {
    expect(typingPause('rep')).toBe(0);
    expect(typingPause('replication lag')).toBe(0);
    expect(typingPause('replication ')).toBe(0);
    expect(typingPause('r')).toBe(0);
    expect(typingPause('')).toBe(0);
  });
});
