/** Figures derived from a postmortem's times, in minutes from `started`. */
import type { Postmortem, Severity } from './schema.ts';

export interface IncidentMetrics {
  /** started → resolved */
  durationMinutes: number;
  /** started → detected */
  timeToDetectMinutes?: number;
  /** started → mitigated */
  timeToMitigateMinutes?: number;
  /** started → resolved */
  timeToResolveMinutes: number;
  openActions: number;
}

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60000);

export function incidentMetrics(pm: Pick<Postmortem, 'started' | 'detected' | 'mitigated' | 'resolved' | 'actions'>): IncidentMetrics {
  const duration = minutesBetween(pm.started, pm.resolved);
  return {
    durationMinutes: duration,
    timeToDetectMinutes: pm.detected && minutesBetween(pm.started, pm.detected),
    timeToMitigateMinutes: pm.mitigated && minutesBetween(pm.started, pm.mitigated),
    timeToResolveMinutes: duration,
    openActions: pm.actions.filter((a) => a.status === 'open' || a.status === 'in-progress').length,
  };
}

/** SEV1 → 1: lower is worse. */
export const severityRank = (severity: Severity) => Number(severity.slice(3));
