/**
 * Repeat incidents: an incident repeats an earlier published one that shares at least one service
 * and the cause category, when it started at most `windowDays` days after it (exactly `windowDays`
 * days counts as a repeat). `unknown` causes never make a repeat: not knowing two causes says
 * nothing about them being the same. When several earlier incidents qualify, the latest is the one
 * repeated. Callers pass the postmortems of the build only, so drafts (and, in public builds,
 * internal ones) never take part.
 */
import type { CauseCategory, Postmortem } from '../format/schema.ts';

const DAY_MS = 86_400_000;

export interface RepeatCandidate {
  id: string;
  data: Pick<Postmortem, 'started' | 'services' | 'cause' | 'actions'>;
}

export interface PreventAction {
  title: string;
  /** Done, with a `closed` date on or before the day the repeat started. */
  doneBefore: boolean;
}

export interface Repeat {
  id: string;
  /** The earlier incident it repeats. */
  earlier: string;
  sharedServices: string[];
  category: CauseCategory;
  /** Whole days between the two starts. */
  daysAfter: number;
  /** The earlier incident's `prevent` action items, and whether each was done before the repeat. */
  prevent: PreventAction[];
}

/** Every repeat among `entries`, by the repeating incident's id. */
export function findRepeats(entries: readonly RepeatCandidate[], windowDays: number): Map<string, Repeat> {
  const windowMs = windowDays * DAY_MS;
  const byStart = [...entries].sort((a, b) => a.data.started.getTime() - b.data.started.getTime() || a.id.localeCompare(b.id));
  // Earlier incidents by category and service, in start order: only those lists are searched.
  const seen = new Map<string, RepeatCandidate[]>();
  const repeats = new Map<string, Repeat>();
  for (const entry of byStart) {
    const { started, cause, services } = entry.data;
    if (cause.category === 'unknown') continue;
    let earlier: RepeatCandidate | undefined;
    for (const service of services) {
      const list = seen.get(`${cause.category}\u0000${service}`) ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const candidate = list[i]!;
        const gap = started.getTime() - candidate.data.started.getTime();
        if (gap <= 0) continue; // same start: not earlier
        if (gap > windowMs) break;
        if (!earlier || candidate.data.started > earlier.data.started || (candidate.data.started.getTime() === earlier.data.started.getTime() && candidate.id < earlier.id)) earlier = candidate;
        break;
      }
    }
    if (earlier) {
      const earlierServices = new Set(earlier.data.services);
      repeats.set(entry.id, {
        id: entry.id,
        earlier: earlier.id,
        sharedServices: services.filter((s) => earlierServices.has(s)),
        category: cause.category,
        daysAfter: Math.floor((started.getTime() - earlier.data.started.getTime()) / DAY_MS),
        prevent: earlier.data.actions
          .filter((a) => a.type === 'prevent')
          .map((a) => ({ title: a.title, doneBefore: a.status === 'done' && a.closed !== undefined && a.closed.getTime() <= started.getTime() })),
      });
    }
    for (const service of new Set(services)) {
      const key = `${cause.category}\u0000${service}`;
      const list = seen.get(key) ?? [];
      list.push(entry);
      seen.set(key, list);
    }
  }
  return repeats;
}
