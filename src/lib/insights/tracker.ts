/**
 * The action-item tracker: every action item of the postmortems a build publishes as one list,
 * its sort orders, its follow-through figures (the only ones: the insights report counts its
 * incidents' tracker rows too) and its CSV export. Pure: no Astro imports; the build date (`asOf`)
 * is passed in.
 */
import { ACTION_STATUSES, PRIORITIES, type ActionItem, type Postmortem, type Severity } from '../format/schema.ts';
import { actionAnchors } from '../format/anchors.ts';
import { formatDate } from '../format/time.ts';
import { median } from './stats.ts';
import { slugify } from '../site/catalog.ts';
import { isOverdue } from './overdue.ts';

export interface TrackerRow {
  postmortem: string;
  incidentTitle: string;
  severity: Severity;
  /** The day the incident started, in its own zone (`YYYY-MM-DD`). */
  incidentDay: string;
  incidentStarted: Date;
  /** The action item's anchor on the incident page. */
  anchor: string;
  title: string;
  type?: ActionItem['type'];
  owner?: string;
  status: ActionItem['status'];
  priority?: ActionItem['priority'];
  due?: Date;
  closed?: Date;
  ticket?: string;
  overdue: boolean;
  /** Whole days from the incident's start day to the build date. */
  ageDays: number;
}

const DAY = 86_400_000;
export const dayText = (date: Date) => date.toISOString().slice(0, 10);
const daysBetween = (fromDay: string, to: Date) => Math.round((to.getTime() - Date.parse(`${fromDay}T00:00:00Z`)) / DAY);

/** Every action item of the given postmortems (newest incident first, each in its own order). */
export function trackerRows(entries: readonly { id: string; data: Postmortem }[], asOf: Date): TrackerRow[] {
  return entries.flatMap(({ id, data }) => {
    const anchors = actionAnchors(data.actions);
    const incidentDay = formatDate(data.started, data.timezone);
    return data.actions.map((action, i) => ({
      postmortem: id,
      incidentTitle: data.title,
      severity: data.severity,
      incidentDay,
      incidentStarted: data.started,
      anchor: anchors[i]!,
      title: action.title,
      ...(action.type && { type: action.type }),
      ...(action.owner && { owner: action.owner }),
      status: action.status,
      ...(action.priority && { priority: action.priority }),
      ...(action.due && { due: action.due }),
      ...(action.closed && { closed: action.closed }),
      ...(action.ticket && { ticket: action.ticket }),
      overdue: isOverdue(action, asOf),
      ageDays: daysBetween(incidentDay, asOf),
    }));
  });
}

export const isOpen = (row: Pick<TrackerRow, 'status'>) => row.status === 'open' || row.status === 'in-progress';

/** The tracker's pre-built orders: `/actions/` is `status`, the others are `/actions/by-<key>/`. */
export const TRACKER_SORTS = ['status', 'due', 'priority', 'owner', 'incident'] as const;
export type TrackerSort = (typeof TRACKER_SORTS)[number];
export const TRACKER_SORT_LABELS: Record<TrackerSort, string> = {
  status: 'overdue and open first',
  due: 'earliest due first',
  priority: 'highest priority first',
  owner: 'by owner',
  incident: 'newest incident first',
};

const NONE_LAST = Number.MAX_SAFE_INTEGER;
const statusRank = (row: TrackerRow) => (row.overdue ? 0 : 1 + ACTION_STATUSES.indexOf(row.status));
const dueRank = (row: TrackerRow) => row.due?.getTime() ?? NONE_LAST;
const priorityRank = (row: TrackerRow) => (row.priority ? PRIORITIES.indexOf(row.priority) : NONE_LAST);
const newestFirst = (a: TrackerRow, b: TrackerRow) => b.incidentStarted.getTime() - a.incidentStarted.getTime() || a.postmortem.localeCompare(b.postmortem);

export function sortRows(rows: readonly TrackerRow[], key: TrackerSort): TrackerRow[] {
  const byStatus = (a: TrackerRow, b: TrackerRow) => statusRank(a) - statusRank(b);
  const byDue = (a: TrackerRow, b: TrackerRow) => dueRank(a) - dueRank(b);
  const byPriority = (a: TrackerRow, b: TrackerRow) => priorityRank(a) - priorityRank(b);
  const byOwner = (a: TrackerRow, b: TrackerRow) => (a.owner === undefined ? 1 : 0) - (b.owner === undefined ? 1 : 0) || (a.owner ?? '').localeCompare(b.owner ?? '');
  const chains: Record<TrackerSort, ((a: TrackerRow, b: TrackerRow) => number)[]> = {
    status: [byStatus, byDue, byPriority, newestFirst],
    due: [byDue, byStatus, byPriority, newestFirst],
    priority: [byPriority, byStatus, byDue, newestFirst],
    owner: [byOwner, byStatus, byDue, newestFirst],
    incident: [newestFirst],
  };
  // Array.prototype.sort is stable: items of one incident keep their order.
  return [...rows].sort((a, b) => {
    for (const compare of chains[key]) {
      const order = compare(a, b);
      if (order) return order;
    }
    return 0;
  });
}

/** Age buckets of open actions (days since the incident started), on the tracker, owner and insights pages. */
export const AGE_BUCKETS = [
  { label: 'under 30 days', below: 30 },
  { label: '30–89 days', below: 90 },
  { label: '90–364 days', below: 365 },
  { label: 'a year or more', below: Infinity },
] as const;

export interface FollowThrough {
  total: number;
  open: number;
  inProgress: number;
  done: number;
  wontDo: number;
  overdue: number;
  /** Done ÷ all action items (null without any). */
  doneShare: number | null;
  /** Median whole days from the incident's start day to `closed`, over done or dropped items that have it. */
  medianDaysToClose: number | null;
  /** How many closed items `medianDaysToClose` rests on. */
  closedWithDate: number;
  /** Open and in-progress items by days since their incident started. */
  openByAge: { label: string; count: number }[];
}

/** Follow-through of a set of action items; a `closed` date means done or dropped (see the format). */
export function followThrough(rows: readonly TrackerRow[]): FollowThrough {
  const count = (status: ActionItem['status']) => rows.filter((r) => r.status === status).length;
  const done = count('done');
  const daysToClose = rows.filter((r) => !isOpen(r) && r.closed).map((r) => daysBetween(r.incidentDay, r.closed!));
  const open = rows.filter(isOpen);
  return {
    total: rows.length,
    open: count('open'),
    inProgress: count('in-progress'),
    done,
    wontDo: count('wont-do'),
    overdue: rows.filter((r) => r.overdue).length,
    doneShare: rows.length ? done / rows.length : null,
    medianDaysToClose: median(daysToClose) ?? null,
    closedWithDate: daysToClose.length,
    openByAge: AGE_BUCKETS.map((bucket, i) => ({
      label: bucket.label,
      count: open.filter((r) => r.ageDays < bucket.below && (i === 0 || r.ageDays >= AGE_BUCKETS[i - 1]!.below)).length,
    })),
  };
}

/** The owners that have action items, each with the URL segment of their page. */
export function ownersOf(rows: readonly TrackerRow[]): { slug: string; names: string[] }[] {
  const bySlug = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.owner) continue;
    const slug = ownerSlug(row.owner);
    bySlug.set(slug, (bySlug.get(slug) ?? new Set()).add(row.owner));
  }
  return [...bySlug].map(([slug, names]) => ({ slug, names: [...names].sort() })).sort((a, b) => a.slug.localeCompare(b.slug));
}
/** An owner's page segment: owners are free text ("dba-team", "Jane Doe"). */
export const ownerSlug = (owner: string) => slugify(owner);

/** A CSV cell: text that a spreadsheet would run as a formula gets a leading `'`; RFC 4180 quoting. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = ['postmortem', 'incident', 'url', 'title', 'type', 'owner', 'priority', 'status', 'due', 'closed', 'ticket', 'overdue'] as const;

/** `/actions.csv`: a header and one line per action item, CRLF line ends (RFC 4180). `urlFor` makes the item's absolute URL. */
export function trackerCsv(rows: readonly TrackerRow[], urlFor: (row: TrackerRow) => string): string {
  const lines = rows.map((row) =>
    [
      row.postmortem,
      row.incidentTitle,
      urlFor(row),
      row.title,
      row.type ?? '',
      row.owner ?? '',
      row.priority ?? '',
      row.status,
      row.due ? dayText(row.due) : '',
      row.closed ? dayText(row.closed) : '',
      row.ticket ?? '',
      row.overdue ? 'yes' : 'no',
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...lines].map((line) => `${line}\r\n`).join('');
}
