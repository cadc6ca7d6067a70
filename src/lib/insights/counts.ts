/**
 * Counting incidents: by period and severity, by cause category, by service (with impact minutes)
 * and by detection method. Periods are the year or quarter of `started` in UTC.
 */
import { CAUSE_CATEGORIES, DETECTION_METHODS, type CauseCategory, type Postmortem, type Severity } from '../format/schema.ts';
import { incidentMetrics } from '../format/metrics.ts';
import { quarterRange, utcQuarter, utcYear, yearRange } from './periods.ts';

type Incident = Pick<Postmortem, 'started' | 'detected' | 'mitigated' | 'resolved' | 'severity' | 'services' | 'cause' | 'detection' | 'actions'>;
export type DetectionMethod = (typeof DETECTION_METHODS)[number];
/** A detection method, or `unrecorded` for postmortems that do not say. */
export type DetectionKey = DetectionMethod | 'unrecorded';

export type SeverityCounts = Record<Severity, number>;
const noSeverities = (): SeverityCounts => ({ SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 });

export interface PeriodCount {
  period: string;
  count: number;
  bySeverity: SeverityCounts;
}

/** Incidents per year or per quarter, by severity, every period from the first to the last. */
export function countsByPeriod(incidents: readonly Incident[], by: 'year' | 'quarter'): PeriodCount[] {
  const periods = by === 'year' ? yearRange(incidents.map((i) => utcYear(i.started))).map(String) : quarterRange(incidents.map((i) => i.started));
  const rows = new Map(periods.map((period) => [period, { period, count: 0, bySeverity: noSeverities() }]));
  for (const incident of incidents) {
    const row = rows.get(by === 'year' ? String(utcYear(incident.started)) : utcQuarter(incident.started))!;
    row.count++;
    row.bySeverity[incident.severity]++;
  }
  return [...rows.values()];
}

export interface CauseCount {
  category: CauseCategory;
  count: number;
  /** count / all incidents. */
  share: number;
}

/** Cause categories in use, most incidents first. */
export function countsByCause(incidents: readonly Incident[]): CauseCount[] {
  const counts = new Map<CauseCategory, number>();
  for (const { cause } of incidents) counts.set(cause.category, (counts.get(cause.category) ?? 0) + 1);
  return [...counts]
    .map(([category, count]) => ({ category, count, share: count / incidents.length }))
    .sort((a, b) => b.count - a.count || CAUSE_CATEGORIES.indexOf(a.category) - CAUSE_CATEGORIES.indexOf(b.category));
}

/** Counts of `key` per year, for every year from the first to the last: `{ year, key, count }` rows with counts > 0. */
export function countsByYear<K extends string>(incidents: readonly Incident[], keyOf: (incident: Incident) => K): { year: number; key: K; count: number }[] {
  const counts = new Map<string, { year: number; key: K; count: number }>();
  for (const incident of incidents) {
    const year = utcYear(incident.started);
    const key = keyOf(incident);
    const row = counts.get(`${year}\u0000${key}`) ?? { year, key, count: 0 };
    row.count++;
    counts.set(`${year}\u0000${key}`, row);
  }
  return [...counts.values()].sort((a, b) => a.year - b.year || a.key.localeCompare(b.key));
}

export const detectionKey = (incident: Pick<Postmortem, 'detection'>): DetectionKey => incident.detection?.method ?? 'unrecorded';

/** Incidents by detection method (every method, zeros included; `unrecorded` separately). */
export function countsByDetection(incidents: readonly Incident[]): { methods: Record<DetectionMethod, number>; unrecorded: number } {
  const methods = Object.fromEntries(DETECTION_METHODS.map((m) => [m, 0])) as Record<DetectionMethod, number>;
  let unrecorded = 0;
  for (const { detection } of incidents) {
    if (detection) methods[detection.method]++;
    else unrecorded++;
  }
  return { methods, unrecorded };
}

export interface ServiceCount {
  service: string;
  count: number;
  /** Sum over its incidents of duration (started → resolved, minutes) × the severity's weight. */
  impactMinutes: number;
}

/** Services by incidents, then by impact minutes (most first). */
export function countsByService(incidents: readonly Incident[], weights: Readonly<Record<Severity, number>>): ServiceCount[] {
  const rows = new Map<string, ServiceCount>();
  for (const incident of incidents) {
    const impact = incidentMetrics(incident).durationMinutes * weights[incident.severity];
    for (const service of new Set(incident.services)) {
      const row = rows.get(service) ?? { service, count: 0, impactMinutes: 0 };
      row.count++;
      row.impactMinutes += impact;
      rows.set(service, row);
    }
  }
  return [...rows.values()]
    .map((r) => ({ ...r, impactMinutes: Math.round(r.impactMinutes) }))
    .sort((a, b) => b.count - a.count || b.impactMinutes - a.impactMinutes || a.service.localeCompare(b.service));
}
