/**
 * The search page (src/pages/search.astro): Pagefind's search with facets, sort and paging of
 * results, the state in the URL (src/lib/site/search-state.ts), one search at a time for the latest
 * keystroke, and arrow keys between the box and the results.
 */
import './disclosure.ts';
import { el } from './dom.ts';
import { loadPagefind, type FilterCounts, type PagefindApi, type PagefindResultData } from './pagefind.ts';
import { FACET_PARAMS, pagefindFilters, pagefindQuery, pagefindSort, parseSearchState, typingPause, serializeSearchState, type FacetParam, type SearchState } from '../lib/site/search-state.ts';


const root = document.querySelector<HTMLElement>('[data-search-root]')!;
const form = root.querySelector<HTMLFormElement>('[data-search-form]')!;
const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
const sortSelect = root.querySelector<HTMLSelectElement>('[data-search-sort]')!;
const filtersPane = root.querySelector<HTMLElement>('[data-search-filters]')!;
const status = root.querySelector<HTMLElement>('[data-search-status]')!;
const list = root.querySelector<HTMLOListElement>('[data-search-results]')!;
const moreButton = root.querySelector<HTMLButtonElement>('[data-search-more]')!;
const filterCount = root.querySelector<HTMLElement>('[data-search-filter-count]')!;
const labels = JSON.parse(root.dataset.labels ?? '{}') as Record<string, Record<string, string>>;
const facetTitles = JSON.parse(root.dataset.facetTitles ?? '{}') as Record<FacetParam, string>;
// Each shown result loads its fragment: show 10, then 10 more on request.
const PAGE_SIZE = 10;

let pagefind: PagefindApi | undefined;
let allFilters: FilterCounts = {};
let state: SearchState = parseSearchState(location.search);
/** When the current state was asked for (keystroke, filter change): latency is measured from here. */
let requestedAt = 0;
let running = false;
let pending = false;
let shownResults: { data(): Promise<PagefindResultData> }[] = [];

/** Pagefind excerpts are HTML-escaped text with <mark> around matches: keep only the marks. */
const excerptNode = (html: string) => {
  const p = el('p', { class: 'mt-1 text-sm text-slate-700 dark:text-slate-300 [&_mark]:rounded [&_mark]:bg-amber-200 [&_mark]:px-0.5 [&_mark]:text-slate-900 dark:[&_mark]:bg-amber-500/40 dark:[&_mark]:text-white' });
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
  for (const node of doc.body.firstChild?.childNodes ?? []) {
    p.append(node.nodeName === 'MARK' ? el('mark', {}, node.textContent ?? '') : (node.textContent ?? ''));
  }
  return p;
};
const label = (facet: string, value: string) => labels[facet]?.[value] ?? value;

function renderFilters(counts: FilterCounts) {
  filtersPane.replaceChildren();
  const selectedCount = Object.values(state.filters).reduce((n, values) => n + values.length, 0);
  filterCount.textContent = selectedCount ? `(${selectedCount} selected)` : '';
  for (const facet of FACET_PARAMS) {
    const values = Object.keys(allFilters[facet] ?? {});
    if (!values.length) continue;
    const selected = new Set(state.filters[facet] ?? []);
    values.sort((a, b) => (facet === 'year' ? b.localeCompare(a) : facet === 'severity' ? a.localeCompare(b) : (allFilters[facet]![b]! - allFilters[facet]![a]!) || a.localeCompare(b)));
    const fieldset = el('fieldset', { class: 'min-w-0' }, el('legend', { class: 'mb-1 font-semibold' }, facetTitles[facet] ?? facet));
    const ul = el('ul', { class: 'max-h-60 overflow-y-auto' });
    for (const value of values) {
      const count = counts[facet]?.[value] ?? 0;
      const id = `f-${facet}-${value.replace(/[^a-z0-9]+/gi, '-')}`;
      const box = el('input', { type: 'checkbox', id, name: facet, value, class: 'h-4 w-4 shrink-0 accent-sky-600' }) as HTMLInputElement;
      box.checked = selected.has(value);
      // Each row is one label: a target at least 24 px tall (WCAG 2.2). Values with no matches
      // stay legible (full contrast), their count says 0.
      ul.append(
        el('li', {},
          el('label', { class: 'flex min-h-7 cursor-pointer items-center gap-2 py-0.5' },
            box,
            el('span', { class: 'flex-1 truncate' }, label(facet, value)),
            el('span', { class: 'tabular-nums text-xs text-slate-600 dark:text-slate-400', 'data-count': '' }, String(count)),
          ),
        ),
      );
    }
    fieldset.append(ul);
    filtersPane.append(fieldset);
  }
}

function resultItem(d: PagefindResultData) {
  // Sub-results are sections: the page's own title (the h1's anchor) would repeat the result's link.
  const title = d.meta.title?.trim();
  const subs = d.sub_results.filter((s) => s.url.includes('#') && s.title.trim() !== title).slice(0, 3);
  const li = el('li', { class: 'card' },
    el('div', { class: 'flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400' },
      el('span', { class: `rounded border px-1.5 py-0.5 font-mono font-semibold sev-${(d.meta.severity ?? '').toLowerCase()}` }, d.meta.severity ?? ''),
      el('span', {}, d.meta.date ?? ''),
      el('span', {}, d.meta.category ?? ''),
      el('span', {}, d.meta.duration ?? ''),
    ),
    el('h2', { class: 'mt-1 text-base font-semibold' }, el('a', { href: d.url, 'data-result-link': '' }, d.meta.title ?? d.url)),
    excerptNode(d.excerpt),
  );
  if (subs.length) {
    li.append(
      el('ul', { class: 'mt-2 space-y-1 border-l-2 border-slate-200 pl-3 dark:border-slate-700' },
        ...subs.map((s) => el('li', { class: 'text-sm' }, el('a', { href: s.url, class: 'font-medium', 'data-sub-result': '' }, s.title), excerptNode(s.excerpt))),
      ),
    );
  }
  return li;
}

function showStatus() {
  const total = shownResults.length;
  const shown = list.children.length;
  status.textContent = total === 0 ? 'No incidents match. Try fewer words or remove a filter.' : `${total} incident${total === 1 ? '' : 's'} match${total === 1 ? 'es' : ''}${shown < total ? `, showing ${shown}` : ''}.`;
  moreButton.hidden = shown >= total;
}

/** Loads the fragments of the next page of results; false when a newer search made them stale. */
async function appendResults(from: number, isCurrent: () => boolean) {
  const items = await Promise.all(shownResults.slice(from, from + PAGE_SIZE).map((r) => r.data()));
  if (!isCurrent()) return false;
  list.append(...items.map(resultItem));
  showStatus();
  return true;
}

async function searchOnce() {
  const hasQuery = state.q.length > 0;
  const hasFilters = Object.keys(state.filters).length > 0;
  if (!hasFilters && state.q.length < 2) {
    renderFilters(allFilters);
    list.replaceChildren();
    moreButton.hidden = true;
    status.textContent = hasQuery ? 'Keep typing…' : 'Type to search the root causes, fixes and timelines of every incident.';
    return;
  }
  const query = state.q;
  const search = await pagefind!.search(hasQuery ? pagefindQuery(state.q) : null, { filters: pagefindFilters(state), sort: pagefindSort(state.sort) });
  // A newer state is waiting: its search replaces this one.
  if (pending || !search) return;
  shownResults = search.results;
  renderFilters(search.filters);
  list.replaceChildren();
  if (!(await appendResults(0, () => !pending))) return;
  root.dataset.searchMs = String(Math.round(performance.now() - requestedAt));
  root.dataset.searchQuery = query;
}

/**
 * One search at a time, and only for the latest state: keystrokes that arrive while a search runs
 * coalesce into one follow-up search, so the last keystroke never waits behind a queue of stale ones.
 */
async function run(askedAt = performance.now()) {
  requestedAt = askedAt;
  if (!pagefind) return;
  if (running) {
    pending = true;
    return;
  }
  running = true;
  try {
    do {
      pending = false;
      await searchOnce();
    } while (pending);
  } finally {
    running = false;
  }
}

function remember(push: boolean) {
  const url = `${location.pathname}${serializeSearchState(state)}`;
  if (url !== `${location.pathname}${location.search}`) history[push ? 'pushState' : 'replaceState'](null, '', url);
}

function readForm(): SearchState {
  const filters: SearchState['filters'] = {};
  for (const box of filtersPane.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')) {
    const facet = box.name as FacetParam;
    (filters[facet] ??= []).push(box.value);
  }
  return { q: input.value.trim(), filters, sort: sortSelect.value as SearchState['sort'] };
}

function showState() {
  input.value = state.q;
  sortSelect.value = state.sort;
}

// One history entry per burst of typing, not per keystroke.
let typingTimer: number | undefined;
let typingEntryOpen = false;
// A query whose last word has a letter or two is searched once typing pauses (see typingPause).
let pauseTimer: number | undefined;
input.addEventListener('input', () => {
  state = readForm();
  clearTimeout(pauseTimer);
  const pause = typingPause(state.q);
  if (pause) {
    // Its follow-up search (if one waits) would search this state: the pause replaces it.
    pending = false;
    const askedAt = performance.now();
    pauseTimer = window.setTimeout(() => void run(askedAt), pause);
  } else void run();
  if (typingEntryOpen) history.replaceState(null, '', `${location.pathname}${serializeSearchState(state)}`);
  else remember(true);
  typingEntryOpen = true;
  clearTimeout(typingTimer);
  typingTimer = window.setTimeout(() => (typingEntryOpen = false), 800);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  list.querySelector<HTMLAnchorElement>('[data-result-link]')?.focus();
});
filtersPane.addEventListener('change', () => {
  state = readForm();
  remember(true);
  void run();
});
sortSelect.addEventListener('change', () => {
  state = readForm();
  remember(true);
  void run();
});
// Arrow keys move between the search box and result links.
root.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [input, ...list.querySelectorAll<HTMLElement>('[data-result-link], [data-sub-result]')];
  const at = links.indexOf(document.activeElement as HTMLElement);
  if (at === -1) return;
  event.preventDefault();
  links[Math.max(0, Math.min(links.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]!.focus();
});
moreButton.addEventListener('click', () => {
  const next = list.children.length;
  void appendResults(next, () => true).then(() => list.querySelectorAll<HTMLElement>('[data-result-link]')[next]?.focus());
});
window.addEventListener('popstate', () => {
  state = parseSearchState(location.search);
  showState();
  void run();
});

showState();
input.focus();
try {
  pagefind = await loadPagefind(root.dataset.base ?? '/');
  await pagefind.options({ excerptLength: 24 });
  await pagefind.init();
  allFilters = await pagefind.filters();
  root.dataset.searchReady = '';
  await run();
} catch {
  status.textContent = 'The search index is missing: it is written by `npm run build` (see it with `npm run preview`).';
}
