/**
 * The action tracker's filters (status, owner, type, priority, overdue) over the complete static
 * table, with the state in the URL (`/actions/?owner=dba-team&overdue=1`): shareable, kept by the
 * back button and carried over to the other sort orders. Without JavaScript the form stays hidden
 * and the table is complete.
 */
import { TRACKER_FILTERS, parseTrackerState, rowMatches, serializeTrackerState, type TrackerState } from '../lib/site/tracker-state.ts';

const form = document.querySelector<HTMLFormElement>('[data-action-filters]');
if (form) {
  const rows = [...document.querySelectorAll<HTMLTableRowElement>('tr[data-action]')];
  const count = document.querySelector<HTMLElement>('[data-action-count]');
  const empty = document.querySelector<HTMLElement>('[data-action-empty]');
  const sortLinks = [...document.querySelectorAll<HTMLAnchorElement>('a[data-sort-link]')];
  const selects = TRACKER_FILTERS.map((name) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!);
  const overdueBox = form.querySelector<HTMLInputElement>('input[name="overdue"]')!;

  const apply = (state: TrackerState) => {
    let shown = 0;
    for (const row of rows) {
      const d = row.dataset;
      const visible = rowMatches({ status: d.status ?? '', owner: d.owner ?? '', type: d.type ?? '', priority: d.priority ?? '', overdue: d.overdue === '1' }, state);
      row.hidden = !visible;
      if (visible) shown++;
    }
    if (count) count.textContent = shown === rows.length ? `(${rows.length})` : `(${shown} of ${rows.length})`;
    if (empty) empty.hidden = shown > 0;
    const query = serializeTrackerState(state);
    for (const link of sortLinks) link.search = query;
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
    apply(state);
  };

  form.addEventListener('change', () => {
    const state = readForm();
    history.pushState(null, '', `${location.pathname}${serializeTrackerState(state)}${location.hash}`);
    apply(state);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', () => setTimeout(() => form.dispatchEvent(new Event('change'))));
  addEventListener('popstate', () => show(parseTrackerState(location.search)));
  form.hidden = false;
  show(parseTrackerState(location.search));
}
