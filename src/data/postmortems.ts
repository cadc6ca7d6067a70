/** The postmortems this build publishes, from the content collection, in the version it publishes. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { isListed, type ListingOptions } from '../lib/site/listing.ts';
import { publishedVersion } from '../lib/site/publication.ts';
import { sortEntries } from '../lib/site/catalog.ts';

export type PostmortemEntry = CollectionEntry<'postmortems'>;

// Set by the content-check integration, which decides once per build what is published.
export const listingOptions = JSON.parse(import.meta.env.HINDSIGHT_LISTING) as ListingOptions;
/** A public build (`HINDSIGHT_VISIBILITY=public`): internal content stays out of every page. */
export const publicBuild = listingOptions.publicOnly;

async function load(): Promise<PostmortemEntry[]> {
  const listed = await getCollection('postmortems', (entry) => isListed(entry.data, listingOptions));
  const ids = new Set(listed.map((e) => e.id));
  return sortEntries(listed.map((entry) => ({ ...entry, data: publishedVersion(entry.data, ids, listingOptions) })));
}

let loaded: Promise<PostmortemEntry[]> | undefined;
/**
 * Published (and, outside production, draft) postmortems, newest first, as published: in public
 * builds with their `public:` overrides applied (see publication.ts). Loaded once per build; the
 * dev server reloads on every call, so edits show up.
 */
export function getPostmortems(): Promise<PostmortemEntry[]> {
  if (!import.meta.env.PROD) return load();
  return (loaded ??= load());
}

export const postmortemUrl = (id: string) => `${import.meta.env.BASE_URL.replace(/\/$/, '')}/postmortems/${id}/`;
/** A site path with the configured base. */
export const href = (path: string) => `${import.meta.env.BASE_URL.replace(/\/$/, '')}${path}`;
