/** The action-item tracker's rows and figures, computed once per build and shared by its pages, CSV and JSON. */
import { getPostmortems } from './postmortems.ts';
import { buildDate } from '../lib/insights/overdue.ts';
import { followThrough, trackerRows, type FollowThrough, type TrackerRow } from '../lib/insights/tracker.ts';
import { digestOf } from '../lib/site/page-reuse.ts';

/** The day this build counts as today (SOURCE_DATE_EPOCH fixes it). */
export const asOf = buildDate();

let tracker: Promise<{ rows: TrackerRow[]; figures: FollowThrough }> | undefined;
export const getTracker = () =>
  (tracker ??= getPostmortems().then((entries) => {
    const rows = trackerRows(entries, asOf);
    return { rows, figures: followThrough(rows) };
  }));

type Tracker = Awaited<ReturnType<typeof getTracker>>;
const digests = new WeakMap<Tracker, string>();
/** A hash of every row and figure of the tracker, once per build (the input every tracker page shares, for page reuse). */
export function trackerDigest(value: Tracker): string {
  let digest = digests.get(value);
  if (digest === undefined) digests.set(value, (digest = digestOf(value)));
  return digest;
}
