/**
 * The action tracker's filters as URL state (`/actions/?owner=dba-team&overdue=1`), shared by the
 * page's script and the tests. Pure and dependency-free: it ships to the browser.
 */
export const TRACKER_FILTERS = ['status', 'owner', 'type', 'priority'] as const;
export type TrackerFilter = (typeof TRACKER_FILTERS)[number];

export interface TrackerState {
  filters: Partial<Record<TrackerFilter, string>>;
  overdue: boolean;
}

/** Reads `?status=…&owner=…&type=…&priority=…&overdue=1`; unknown or empty parameters are ignored. */
export function parseTrackerState(search: string): TrackerState {
  const params = new URLSearchParams(search);
  const filters: TrackerState['filters'] = {};
  for (const name of TRACKER_FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return { filters, overdue: params.get('overdue') === '1' };
}

/** `?…` in a fixed parameter order, or '' when nothing is filtered. */
export function serializeTrackerState(state: TrackerState): string {
  const params = new URLSearchParams();
  for (const name of TRACKER_FILTERS) {
    const value = state.filters[name];
    if (value) params.set(name, value);
  }
  if (state.overdue) params.set('overdue', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether a row with these values (empty for none) passes the filters. */
export function rowMatches(row: Record<TrackerFilter, string> & { overdue: boolean }, state: TrackerState): boolean {
  if (state.overdue && !row.overdue) return false;
  return TRACKER_FILTERS.every((name) => state.filters[name] === undefined || row[name] === state.filters[name]);
}
