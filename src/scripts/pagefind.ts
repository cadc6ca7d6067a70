/**
 * Pagefind's browser API, as the search page and the incident-list filters use it: the module the
 * build writes to `<base>pagefind/pagefind.js` (src/integrations/search-index.ts).
 */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: { url: string; title: string; excerpt: string }[];
}

export type FilterCounts = Record<string, Record<string, number>>;

export interface PagefindApi {
  options(o: object): Promise<void>;
  init(): Promise<void>;
  search(q: string | null, o: object): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[]; filters: FilterCounts; totalFilters: FilterCounts } | null>;
  filters(): Promise<FilterCounts>;
}

/** The site's Pagefind module under `base` (rejects when the build wrote no index). */
export const loadPagefind = async (base: string) => (await import(/* @vite-ignore */ `${base.replace(/\/?$/, '/')}pagefind/pagefind.js`)) as PagefindApi;
