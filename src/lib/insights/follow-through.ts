/**
 * Follow-through on action items: how many were done, how long closing them took, and how old the
 * open ones are, as of the build date (see overdue.ts).
 */
import type { ActionItem, Postmortem } from '../format/schema.ts';
import { isOverdue } from './overdue.ts';
import { median } from './stats.ts';

const DAY_MS = 86_400_000;

export interface ActionsSummary {
  total: number;
  open: number;
  inProgress: number;
  done: number;
  wontDo: number;
  /** Open or in progress with `due` before the build date. */
  overdue: number;
  /** done / total; null without actions. */
  doneShare: number | null;
  /** Median whole days from the day the incident started (UTC) to `closed`, over done actions with a `closed` date. */
  medianDaysToClose: number | null;
  /** How many done actions have a `closed` date (what the median rests on). */
  closedDated: number;
}

/** Age groups for open actions, in days since the incident started: [label, from (inclusive)]. */
export const AGE_GROUPS = [
  ['under 30 days', 0],
  ['30–89 days', 30],
  ['90–179 days', 90],
  ['180–364 days', 180],
  ['a year or more', 365],
] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number][0];

type Incident = Pick<Postmortem, 'started' | 'actions'>;

const startDay = (started: Date) => Date.UTC(started.getUTCFullYear(), started.getUTCMonth(), started.getUTCDate());
const daysSince = (started: Date, day: Date) => Math.floor((day.getTime() - startDay(started)) / DAY_MS);

const isOpen = (a: Pick<ActionItem, 'status'>) => a.status === 'open' || a.status === 'in-progress';

export function summarizeActions(incidents: readonly Incident[], asOf: Date): ActionsSummary {
  const s: ActionsSummary = { total: 0, open: 0, inProgress: 0, done: 0, wontDo: 0, overdue: 0, doneShare: null, medianDaysToClose: null, closedDated: 0 };
  const daysToClose: number[] = [];
  for (const { started, actions } of incidents) {
    for (const action of actions) {
      s.total++;
      if (action.status === 'open') s.open++;
      else if (action.status === 'in-progress') s.inProgress++;
      else if (action.status === 'done') s.done++;
      else s.wontDo++;
      if (isOverdue(action, asOf)) s.overdue++;
      if (action.status === 'done' && action.closed) daysToClose.push(daysSince(started, action.closed));
    }
  }
  s.doneShare = s.total ? s.done / s.total : null;
  s.medianDaysToClose = median(daysToClose) ?? null;
  s.closedDated = daysToClose.length;
  return s;
}

/** Open and in-progress actions by age on the build date, every group listed (zeros included). */
export function openActionsByAge(incidents: readonly Incident[], asOf: Date): { group: AgeGroup; count: number }[] {
  const counts = new Map<AgeGroup, number>(AGE_GROUPS.map(([label]) => [label, 0]));
  for (const { started, actions } of incidents) {
    const age = daysSince(started, asOf);
    const group = [...AGE_GROUPS].reverse().find(([, from]) => age >= from)?.[0] ?? AGE_GROUPS[0][0];
    for (const action of actions) if (isOpen(action)) counts.set(group, counts.get(group)! + 1);
  }
  return [...counts].map(([group, count]) => ({ group, count }));
}
