/**
 * Misleading leads: timeline entries marked `misleading`, a lead responders chased that turned out
 * wrong. Its cost runs from its `at` to its end: `until` when given, else the next timed entry.
 */
import type { TimelineEntry } from '../format/schema.ts';

export interface MisleadingLead {
  /** Position in the timeline. */
  index: number;
  /** Minutes chased; undefined when the entry has no `at`, or no end (no `until` and no later timed entry). */
  minutes?: number;
}

/** The misleading entries of one timeline, with the minutes each cost when it can be measured. */
export function misleadingLeads(timeline: readonly Pick<TimelineEntry, 'at' | 'until' | 'misleading'>[]): MisleadingLead[] {
  const leads: MisleadingLead[] = [];
  timeline.forEach((entry, index) => {
    if (!entry.misleading) return;
    const end = entry.until ?? timeline.slice(index + 1).find((next) => next.at)?.at;
    const minutes = entry.at && end ? Math.round((end.getTime() - entry.at.getTime()) / 60000) : undefined;
    leads.push({ index, minutes });
  });
  return leads;
}

export interface MisleadingSummary {
  /** Incidents with at least one misleading lead. */
  incidents: number;
  /** Misleading entries. */
  entries: number;
  /** Minutes they cost, summed over the entries that can be measured. */
  minutes: number;
  /** Entries whose minutes cannot be measured (no `at`, or no end). */
  unmeasured: number;
}

export function summarizeMisleading(timelines: readonly (readonly Pick<TimelineEntry, 'at' | 'until' | 'misleading'>[])[]): MisleadingSummary {
  const summary: MisleadingSummary = { incidents: 0, entries: 0, minutes: 0, unmeasured: 0 };
  for (const timeline of timelines) {
    const leads = misleadingLeads(timeline);
    if (leads.length) summary.incidents++;
    summary.entries += leads.length;
    for (const lead of leads) {
      if (lead.minutes === undefined) summary.unmeasured++;
      else summary.minutes += lead.minutes;
    }
  }
  return summary;
}
