/**
 * The filters of the all-incidents list. The list is split into pages, so filtering the rows of
 * one page would miss the others: a filter runs a Pagefind search with no query and the chosen
 * filters (`search(null, { filters, sort })`) over every incident, in the page's own order, and
 * shows the matches in place of the page. The filter state lives in the URL like the search page's.
 */
import { FACET_PARAMS, pagefindFilters, pagefindSort, parseSearchState, serializeSearchState, type FacetParam, type SearchState, type SortParam } from '../lib/site/search-state.ts';
import { el } from './dom.ts';
import { loadPagefind, type PagefindApi, type PagefindResultData } from './pagefind.ts';


/** Results shown at once, and added by each "Show more" (each loads its fragment). */
const BATCH = 50;

export async function startIncidentListFilters(form: HTMLFormElement) {
  const results = document.querySelector<HTMLElement>('[data-filter-results]')!;
  const rows = results.querySelector<HTMLElement>('[data-filter-rows]')!;
  const status = results.querySelector<HTMLElement>('[data-filter-status]')!;
  const more = results.querySelector<HTMLButtonElement>('[data-filter-more]')!;
  const pages = document.querySelector<HTMLElement>('[data-list-pages]')!;
  const count = document.querySelector<HTMLElement>('[data-list-count]')!;
  const badges = document.querySelector<HTMLTemplateElement>('template[data-severity-badges]');
  const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];
  const sort = (form.dataset.sort ?? 'date') as SortParam;
  const labels = JSON.parse(form.dataset.labels ?? '{}') as Record<string, Record<string, string>>;
  const total = count.textContent;

  let pagefind: PagefindApi;
  try {
    pagefind = await loadPagefind(import.meta.env.BASE_URL);
    await pagefind.init();
  } catch {
    // No search index (a build with HINDSIGHT_SEARCH=off): the pages work as they are, without filters.
    return;
  }
  const counts = await pagefind.filters();
  for (const select of selects) {
    const values = Object.entries(counts[select.name] ?? {});
    values.sort(([a, x], [b, y]) => (select.name === 'year' ? b.localeCompare(a) : select.name === 'severity' ? a.localeCompare(b) : y - x || a.localeCompare(b)));
    select.append(...values.map(([value, n]) => el('option', { value }, `${labels[select.name]?.[value] ?? value} (${n})`)));
  }

  let matches: { data(): Promise<PagefindResultData> }[] = [];
  let generation = 0;

  const badge = (severity: string) => {
    const found = [...(badges?.content.children ?? [])].find((b) => b.textContent?.trim() === severity);
    return found ? found.cloneNode(true) : severity;
  };
  const row = ({ url, meta }: PagefindResultData) =>
    el('tr', {},
      el('td', {}, badge(meta.severity ?? '')),
      el('td', { class: 'whitespace-nowrap' }, meta.date ?? ''),
      el('td', {}, el('a', { href: url, class: 'font-medium' }, meta.title ?? url), el('p', { class: 'mt-0.5 line-clamp-2 text-xs text-slate-600 dark:text-slate-400' }, meta.summary ?? '')),
      el('td', { class: 'whitespace-nowrap tabular-nums' }, meta.duration ?? ''),
      el('td', { class: 'hidden md:table-cell' }, meta.category ?? ''),
      el('td', { class: 'hidden lg:table-cell' }, meta.services ?? ''),
    );

  async function showMore(current: number) {
    const batch = await Promise.all(matches.slice(rows.children.length, rows.children.length + BATCH).map((m) => m.data()));
    if (current !== generation) return;
    rows.append(...batch.map(row));
    const shown = rows.children.length;
    status.textContent = matches.length === 0 ? 'No incidents match these filters.' : `${matches.length} incident${matches.length === 1 ? '' : 's'} match${matches.length === 1 ? 'es' : ''}${shown < matches.length ? `, showing ${shown}` : ''}.`;
    more.hidden = shown >= matches.length;
  }

  async function apply(state: SearchState) {
    const current = ++generation;
    const filtering = Object.keys(state.filters).length > 0;
    for (const s of selects) s.value = state.filters[s.name as FacetParam]?.[0] ?? '';
    results.hidden = !filtering;
    pages.hidden = filtering;
    if (!filtering) {
      count.textContent = total;
      return;
    }
    const search = await pagefind.search(null, { filters: pagefindFilters(state), sort: pagefindSort(sort) });
    if (current !== generation || !search) return;
    matches = search.results;
    count.textContent = `(${matches.length} of ${total?.replace(/[()]/g, '')})`;
    rows.replaceChildren();
    await showMore(current);
  }

  function readForm(): SearchState {
    const filters: SearchState['filters'] = {};
    for (const s of selects) if (s.value && (FACET_PARAMS as readonly string[]).includes(s.name)) filters[s.name as FacetParam] = [s.value];
    return { q: '', filters, sort: 'relevance' };
  }

  form.addEventListener('change', () => {
    const state = readForm();
    history.pushState(null, '', `${location.pathname}${serializeSearchState(state)}`);
    void apply(state);
  });
  form.addEventListener('reset', () => setTimeout(() => form.dispatchEvent(new Event('change'))));
  more.addEventListener('click', () => void showMore(generation));
  addEventListener('popstate', () => void apply(parseSearchState(location.search)));
  form.hidden = false;
  await apply(parseSearchState(location.search));
}
