/** The browse facets: how each is titled and how its keys are labelled and linked. */
import { FACETS, groupEntries, slugify, type Facet } from '../lib/site/catalog.ts';
import { CAUSE_LABELS } from '../lib/format/labels.ts';
import type { CauseCategory } from '../lib/format/schema.ts';
import type { PostmortemEntry } from './postmortems.ts';

export const FACET_TITLES: Record<Facet, { title: string; singular: string; intro: string }> = {
  causes: { title: 'Causes', singular: 'Cause', intro: 'Incidents by root-cause category.' },
  services: { title: 'Services', singular: 'Service', intro: 'Incidents by affected service.' },
  tags: { title: 'Tags', singular: 'Tag', intro: 'Incidents by keyword.' },
  years: { title: 'Years', singular: 'Year', intro: 'Incidents by the year they started.' },
};

export const facetLabel = (facet: Facet, key: string) => (facet === 'causes' ? (CAUSE_LABELS[key as CauseCategory] ?? key) : key);
/** Tags are free text, so their URL is a slug; other facets' keys are already URL-safe. */
export const facetSlug = (facet: Facet, key: string) => (facet === 'tags' ? slugify(key) : key);

/** Groups for a facet; years newest first, the others biggest first. */
export function facetGroups(facet: Facet, entries: PostmortemEntry[]) {
  const groups = groupEntries(entries, FACETS[facet]);
  return facet === 'years' ? groups.sort((a, b) => Number(b.key) - Number(a.key)) : groups;
}
