/**
 * Everything the insights pages and `/api/insights.json` show, for one set of incidents (all of a
 * build's postmortems, or those of one service or one severity). Repeats are found once over all
 * of the build's postmortems and passed in, so a filtered report still sees the earlier incident.
 */
import type { Postmortem, Severity } from '../format/schema.ts';
import { incidentMetrics } from '../format/metrics.ts';
import { countsByCause, countsByDetection, countsByPeriod, countsByService, countsByYear, detectionKey, type CauseCount, type DetectionKey, type DetectionMethod, type PeriodCount, type ServiceCount } from './counts.ts';
import { summarizeMisleading, type MisleadingSummary } from './misleading.ts';
import type { Repeat } from './repeats.ts';
import { followThrough, trackerRows, type FollowThrough } from './tracker.ts';
import { spread, type Spread } from './stats.ts';
import { utcYear } from './periods.ts';

export interface ReportEntry {
  id: string;
  data: Postmortem;
}

export interface YearFigures extends PeriodCount {
  timeToDetectMinutes: Spread;
  timeToMitigateMinutes: Spread;
  timeToResolveMinutes: Spread;
}

export interface InsightsReport {
  asOf: Date;
  total: number;
  byYear: YearFigures[];
  byQuarter: PeriodCount[];
  /** Incidents left out of each speed figure for want of the timestamp. */
  missing: { detected: number; mitigated: number };
  byCause: CauseCount[];
  causeByYear: { year: number; key: string; count: number }[];
  byService: ServiceCount[];
  detection: Record<DetectionMethod, number>;
  /** Incidents whose postmortem gives no detection method. */
  detectionUnrecorded: number;
  detectionByYear: { year: number; key: DetectionKey; count: number }[];
  misleading: MisleadingSummary;
  /** The repeats among these incidents, newest first. */
  repeats: Repeat[];
  /** repeats / total; null without incidents. */
  repeatRate: number | null;
  /** The action tracker's follow-through figures over these incidents' action items (see tracker.ts). */
  actions: FollowThrough;
}

export interface ReportOptions {
  asOf: Date;
  /** Every repeat of the build, by repeating incident (see repeats.ts). */
  repeats: ReadonlyMap<string, Repeat>;
  severityWeights: Readonly<Record<Severity, number>>;
}

export function insightsReport(entries: readonly ReportEntry[], options: ReportOptions): InsightsReport {
  const incidents = entries.map((e) => e.data);
  const metrics = new Map(incidents.map((pm) => [pm, incidentMetrics(pm)]));
  const byYear = countsByPeriod(incidents, 'year').map((row): YearFigures => {
    const inYear = incidents.filter((pm) => String(utcYear(pm.started)) === row.period).map((pm) => metrics.get(pm)!);
    return {
      ...row,
      timeToDetectMinutes: spread(inYear.map((m) => m.timeToDetectMinutes)),
      timeToMitigateMinutes: spread(inYear.map((m) => m.timeToMitigateMinutes)),
      timeToResolveMinutes: spread(inYear.map((m) => m.timeToResolveMinutes)),
    };
  });
  const { methods, unrecorded } = countsByDetection(incidents);
  const repeats = [...entries]
    .sort((a, b) => b.data.started.getTime() - a.data.started.getTime() || a.id.localeCompare(b.id))
    .map((e) => options.repeats.get(e.id))
    .filter((r): r is Repeat => r !== undefined);
  return {
    asOf: options.asOf,
    total: entries.length,
    byYear,
    byQuarter: countsByPeriod(incidents, 'quarter'),
    missing: { detected: incidents.filter((pm) => !pm.detected).length, mitigated: incidents.filter((pm) => !pm.mitigated).length },
    byCause: countsByCause(incidents),
    causeByYear: countsByYear(incidents, (pm) => pm.cause.category),
    byService: countsByService(incidents, options.severityWeights),
    detection: methods,
    detectionUnrecorded: unrecorded,
    detectionByYear: countsByYear(incidents, detectionKey),
    misleading: summarizeMisleading(incidents.map((pm) => pm.timeline)),
    repeats,
    repeatRate: entries.length ? repeats.length / entries.length : null,
    actions: followThrough(trackerRows(entries, options.asOf)),
  };
}
