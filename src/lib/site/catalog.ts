/** Lists, sorts and groupings of postmortems for the browse pages. Pure: no Astro imports. */
import type { Postmortem } from '../format/schema.ts';
import { incidentMetrics, severityRank } from '../format/metrics.ts';
import { wallClockParts } from '../format/time.ts';

export interface CatalogEntry {
  id: string;
  data: Postmortem;
}

export const SORT_KEYS = ['date', 'severity', 'duration'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Newest first; worst severity first (newest first within); longest first. */
export function sortEntries<T extends CatalogEntry>(entries: readonly T[], key: SortKey = 'date'): T[] {
  const newestFirst = (a: T, b: T) => b.data.started.getTime() - a.data.started.getTime() || a.id.localeCompare(b.id);
  const compare: Record<SortKey, (a: T, b: T) => number> = {
    date: newestFirst,
    severity: (a, b) => severityRank(a.data.severity) - severityRank(b.data.severity) || newestFirst(a, b),
    duration: (a, b) => incidentMetrics(b.data).durationMinutes - incidentMetrics(a.data).durationMinutes || newestFirst(a, b),
  };
  return [...entries].sort(compare[key]);
}

/**
 * Pagefind's sort value for "worst severity first": Pagefind sorts by one key, so the key is the
 * severity rank then the start time inverted (newest first within a severity), as text that sorts
 * in that order: the same order as `sortEntries(…, 'severity')`.
 */
export const severitySortValue = (pm: Pick<Postmortem, 'severity' | 'started'>) =>
  `${severityRank(pm.severity)}-${String(LATEST_TIME - pm.started.getTime()).padStart(17, '0')}`;
/** The largest time a Date holds (ms): `LATEST_TIME - t` is 0 to 1.728e16, 17 digits at most. */
const LATEST_TIME = 8.64e15;

/** The year an incident started, in its own zone. */
export const incidentYear = (pm: Postmortem) => wallClockParts(pm.started, pm.timezone).year;

/** Groups entries under every key `keysOf` gives (an entry may be in several groups), biggest group first. */
export function groupEntries<T extends CatalogEntry>(entries: readonly T[], keysOf: (pm: Postmortem) => readonly (string | number)[]) {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    for (const key of new Set(keysOf(entry.data).map(String))) {
      const list = groups.get(key) ?? [];
      list.push(entry);
      groups.set(key, list);
    }
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, entries: sortEntries(list) }))
    .sort((a, b) => b.entries.length - a.entries.length || a.key.localeCompare(b.key));
}

/** The facets the site browses by, each a function from a postmortem to its keys. */
export const FACETS = {
  causes: (pm: Postmortem) => [pm.cause.category],
  services: (pm: Postmortem) => pm.services,
  tags: (pm: Postmortem) => pm.tags,
  years: (pm: Postmortem) => [incidentYear(pm)],
} as const;
export type Facet = keyof typeof FACETS;

/** Longest slug: a path segment well under the 255-byte file-name limit of common file systems. */
export const MAX_SLUG_LENGTH = 80;

/** URL-safe slug of a free-text key (tags may contain spaces or capitals), at most MAX_SLUG_LENGTH characters. */
export const slugify = (key: string) =>
  key
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '') || 'tag';
