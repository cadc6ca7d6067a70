/** The action-item tracker's rows and figures, computed once per build and shared by its pages, CSV and JSON. */
import { getPostmortems } from './postmortems.ts';
import { ACTION_STATUSES, ACTION_TYPES, PRIORITIES } from '../lib/format/schema.ts';
import { buildDate } from '../lib/insights/overdue.ts';
import { followThrough, ownersOf, trackerRows, type FollowThrough, type TrackerRow } from '../lib/insights/tracker.ts';

type Owner = ReturnType<typeof ownersOf>[number];

/** The day this build counts as today (SOURCE_DATE_EPOCH fixes it). */
export const asOf = buildDate();

let tracker: Promise<{ rows: TrackerRow[]; figures: FollowThrough; owners: Owner[]; values: Record<'status' | 'type' | 'priority', string[]> }> | undefined;
/** Every action item, their follow-through, owners and the filter values they use: the same on every tracker page, so computed once. */
export const getTracker = () =>
  (tracker ??= getPostmortems().then((entries) => {
    const rows = trackerRows(entries, asOf);
    const present = <T extends string>(values: readonly T[], of: (row: TrackerRow) => string | undefined) => values.filter((v) => rows.some((r) => of(r) === v));
    const values = { status: present(ACTION_STATUSES, (r) => r.status), type: present(ACTION_TYPES, (r) => r.type), priority: present(PRIORITIES, (r) => r.priority) };
    return { rows, figures: followThrough(rows), owners: ownersOf(rows), values };
  }));
