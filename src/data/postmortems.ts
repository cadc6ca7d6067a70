/** The postmortems this build publishes, from the content collection. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { isListed, type ListingOptions } from '../lib/site/listing.ts';
import { sortEntries } from '../lib/site/catalog.ts';

export type PostmortemEntry = CollectionEntry<'postmortems'>;

/** Published (and, outside production, draft) postmortems, newest first. */
export async function getPostmortems(): Promise<PostmortemEntry[]> {
  // Set by the content-check integration, which decides once per build what is published.
  const options = JSON.parse(import.meta.env.HINDSIGHT_LISTING) as ListingOptions;
  const all = await getCollection('postmortems', (entry) => isListed(entry.data, options));
  return sortEntries(all);
}

export const postmortemUrl = (id: string) => `${import.meta.env.BASE_URL.replace(/\/$/, '')}/postmortems/${id}/`;
/** A site path with the configured base. */
export const href = (path: string) => `${import.meta.env.BASE_URL.replace(/\/$/, '')}${path}`;
