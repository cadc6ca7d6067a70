/**
 * The action tracker's filters (status, owner, type, priority, overdue), with the state in the URL
 * (`/actions/?owner=dba-team&overdue=1`): shareable, kept by the back button and carried over to the
 * other sort orders. A tracker of one page filters its own rows; a paginated one filters the build's
 * `/api/actions.json` (every item, overdue and open first) and shows the matches in place of the
 * page. Without JavaScript the form stays hidden and the pages are complete.
 */
import { el } from './dom.ts';
import { TRACKER_FILTERS, parseTrackerState, rowMatches, serializeTrackerState, type TrackerState } from '../lib/site/tracker-state.ts';

/** One item of `/api/actions.json` (see actionListSchema in src/lib/site/api.ts). */
interface ActionJson {
  postmortem: string;
  url: string;
  title: string;
  type: string | null;
  owner: string | null;
  status: string;
  priority: string | null;
  due: string | null;
  closed: string | null;
  ticket: string | null;
  overdue: boolean;
}

const form = document.querySelector<HTMLFormElement>('[data-action-filters]');
if (form) {
  const tbody = document.querySelector<HTMLTableSectionElement>('[data-action-table] tbody');
  const pageRows = [...document.querySelectorAll<HTMLTableRowElement>('tr[data-action]')];
  const pagination = document.querySelector<HTMLElement>('[data-pagination]');
  const paginated = Number(form.dataset.pages ?? '1') > 1;
  const count = document.querySelector<HTMLElement>('[data-action-count]');
  const total = count?.textContent ?? '';
  const empty = document.querySelector<HTMLElement>('[data-action-empty]');
  const sortLinks = [...document.querySelectorAll<HTMLAnchorElement>('a[data-sort-link]')];
  const selects = TRACKER_FILTERS.map((name) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!);
  const overdueBox = form.querySelector<HTMLInputElement>('input[name="overdue"]')!;
  let everyItem: Promise<ActionJson[]> | undefined;
  let latest = 0;

  const cell = (...content: (Node | string)[]) => el('td', {}, ...content);
  const link = (href: string, text: string) => el('a', { href }, text);
  /** A row like ActionTable.astro's, from the JSON (text as text; a ticket is a link only when it is an http(s) URL). */
  const rowOf = (a: ActionJson) => {
    const incident = new URL(a.url, location.href);
    incident.hash = '';
    const status = a.overdue ? `${a.status}, overdue` : a.status;
    return el(
      'tr',
      {},
      cell(link(a.url, a.title)),
      cell(link(incident.href, a.postmortem)),
      cell(a.type ?? '—'),
      cell(a.owner ?? '—'),
      cell(a.priority ?? '—'),
      cell(status),
      cell(a.due ?? '—'),
      cell(a.closed ?? '—'),
      cell(a.ticket && /^https?:\/\//i.test(a.ticket) ? link(a.ticket, a.ticket) : (a.ticket ?? '—')),
    );
  };
  const filtered = (state: TrackerState) => Boolean(state.overdue || TRACKER_FILTERS.some((name) => state.filters[name]));

  const apply = async (state: TrackerState) => {
    const run = ++latest;
    const query = serializeTrackerState(state);
    for (const link of sortLinks) link.search = query;
    let shown: number;
    let of: number;
    if (paginated && filtered(state)) {
      everyItem ??= fetch(form.dataset.source!).then((r) => r.json() as Promise<{ actions: ActionJson[] }>).then((j) => j.actions);
      const items = await everyItem;
      if (run !== latest) return;
      const matches = items.filter((a) => rowMatches({ status: a.status, owner: a.owner ?? '', type: a.type ?? '', priority: a.priority ?? '', overdue: a.overdue }, state));
      tbody?.replaceChildren(...matches.map(rowOf));
      if (pagination) pagination.hidden = true;
      [shown, of] = [matches.length, items.length];
    } else {
      if (paginated) tbody?.replaceChildren(...pageRows);
      if (pagination) pagination.hidden = false;
      shown = 0;
      for (const row of pageRows) {
        const d = row.dataset;
        const visible = rowMatches({ status: d.status ?? '', owner: d.owner ?? '', type: d.type ?? '', priority: d.priority ?? '', overdue: d.overdue === '1' }, state);
        row.hidden = !visible;
        if (visible) shown++;
      }
      of = pageRows.length;
    }
    if (count) count.textContent = filtered(state) ? `(${shown} of ${paginated ? of : pageRows.length})` : total;
    if (empty) empty.hidden = shown > 0;
  };
  const readForm = (): TrackerState => {
    const filters: TrackerState['filters'] = {};
    TRACKER_FILTERS.forEach((name, i) => {
      if (selects[i]!.value) filters[name] = selects[i]!.value;
    });
    return { filters, overdue: overdueBox.checked };
  };
  const show = (state: TrackerState) => {
    TRACKER_FILTERS.forEach((name, i) => {
      const select = selects[i]!;
      const value = state.filters[name] ?? '';
      // A value the page does not offer (an old link) is added, so that the form says what is filtered.
      if (value && ![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
      select.value = value;
    });
    overdueBox.checked = state.overdue;
    void apply(state);
  };

  form.addEventListener('change', () => {
    const state = readForm();
    history.pushState(null, '', `${location.pathname}${serializeTrackerState(state)}${location.hash}`);
    void apply(state);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', () => setTimeout(() => form.dispatchEvent(new Event('change'))));
  addEventListener('popstate', () => show(parseTrackerState(location.search)));
  form.hidden = false;
  show(parseTrackerState(location.search));
}
