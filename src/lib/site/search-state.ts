/**
 * The search page's state as it lives in the URL, so runbooks can link a prefilled search and the
 * back button works: `/search/?q=full+table+scan&category=database&severity=SEV1&service=checkout`.
 * A facet may repeat (`service=a&service=b`) or list values with commas (`service=a,b`).
 */
import { eng as englishStopWords } from 'stopword';

/** URL parameter → Pagefind filter name (they are the same, listed once for order and validation). */
export const FACET_PARAMS = ['severity', 'category', 'service', 'tag', 'year', 'status', 'detection'] as const;
export type FacetParam = (typeof FACET_PARAMS)[number];
export const SORT_PARAMS = ['relevance', 'date', 'duration', 'severity'] as const;
export type SortParam = (typeof SORT_PARAMS)[number];

export interface SearchState {
  q: string;
  filters: Partial<Record<FacetParam, string[]>>;
  sort: SortParam;
}

export function parseSearchState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: SearchState['filters'] = {};
  for (const facet of FACET_PARAMS) {
    const values = params
      .getAll(facet)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length) filters[facet] = [...new Set(values)];
  }
  const sort = params.get('sort');
  return {
    q: (params.get('q') ?? '').trim(),
    filters,
    sort: (SORT_PARAMS as readonly string[]).includes(sort ?? '') ? (sort as SortParam) : 'relevance',
  };
}

/** The query string for a state (`?q=…&category=…`), '' for the empty state. Stable order. */
export function serializeSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACET_PARAMS) for (const value of state.filters[facet] ?? []) params.append(facet, value);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Pagefind's `filters` option: facets with one value match it, several match any of them. */
export function pagefindFilters(state: SearchState): Record<string, { any: string[] }> {
  const out: Record<string, { any: string[] }> = {};
  for (const facet of FACET_PARAMS) {
    const values = state.filters[facet];
    if (values?.length) out[facet] = { any: values };
  }
  return out;
}

/** Pagefind's `sort` option (relevance is its default: no option). Worst severity and newest first. */
export function pagefindSort(sort: SortParam): Record<string, 'asc' | 'desc'> | undefined {
  if (sort === 'date') return { date: 'desc' };
  if (sort === 'duration') return { duration: 'desc' };
  if (sort === 'severity') return { severity: 'asc' };
  return undefined;
}

const STOP_WORDS = new Set(englishStopWords);

/**
 * The words Pagefind searches for: the query without English stop words ("CPU on the primary"
 * searches "CPU primary"). A stop word matches nearly every postmortem, so it costs the most to
 * score and changes the ranking least. A query of stop words only, or with a quoted phrase, is kept.
 */
export function pagefindQuery(q: string): string {
  if (q.includes('"')) return q;
  const words = q.split(/\s+/).filter(Boolean);
  const kept = words.filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  return kept.length ? kept.join(' ') : q;
}

/** How long a search waits for typing to pause (see typingPause). */
export const TYPING_PAUSE_MS = 70;

/**
 * How long to wait before searching a query as it is being typed: 0 (search now), or, when its last
 * word has only one or two characters, TYPING_PAUSE_MS. Such a prefix matches most words of the
 * index, so its search is the slowest, and by the next keystroke it is stale: searching it anyway
 * made the last keystroke wait for it (`npm run bench:search` over 5,000 postmortems, a key every
 * 60 ms: p95 800 ms before, 496 ms with the pause; over 1,000 unchanged within noise).
 * Results are still for the latest keystroke; a query that ends that way is searched after the pause.
 */
export function typingPause(q: string): number {
  const last = q.split(/\s+/).filter(Boolean).at(-1) ?? '';
  return last.length > 0 && last.length < 3 && q.length >= 2 ? TYPING_PAUSE_MS : 0;
}
