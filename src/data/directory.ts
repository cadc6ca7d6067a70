/** Runbooks and services from their content collections, and their URLs. */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Service } from '../lib/format/service-schema.ts';
import { getPostmortems, href, type PostmortemEntry } from './postmortems.ts';
import { citingIncidents } from '../lib/site/backlinks.ts';
import { siteUrl } from '../lib/site/site-url.ts';

export type RunbookEntry = CollectionEntry<'runbooks'>;
export type ServiceEntry = CollectionEntry<'services'>;

/** Every runbook, by title. */
export async function getRunbooks(): Promise<RunbookEntry[]> {
  return (await getCollection('runbooks')).sort((a, b) => a.data.title.localeCompare(b.data.title) || a.id.localeCompare(b.id));
}

/** Static paths for per-runbook pages: each runbook with the published incidents that cite it, newest first. */
export async function runbookPaths() {
  const postmortems = await getPostmortems();
  return (await getRunbooks()).map((runbook) => ({ params: { id: runbook.id }, props: { runbook, incidents: citingIncidents(runbook.data, postmortems) } }));
}

/** A service to list: defined in content/services/, or (while none are defined) only named by postmortems. */
export interface ServiceListing {
  id: string;
  data?: Service;
}

/**
 * Every service, by id: the defined ones, plus any id a listed postmortem names that is not
 * defined (possible only while content/services/ is empty: the content check rejects unknown ids).
 */
export async function getServices(postmortems: readonly PostmortemEntry[]): Promise<ServiceListing[]> {
  const defined = new Map<string, ServiceListing>((await getCollection('services')).map((s) => [s.id, { id: s.id, data: s.data }]));
  for (const pm of postmortems) for (const id of pm.data.services) if (!defined.has(id)) defined.set(id, { id });
  return [...defined.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export const runbookUrl = (id: string) => href(`/runbooks/${id}/`);
export const runbookEmbedUrl = (id: string) => href(`/runbooks/${id}/embed/`);
export const serviceUrl = (id: string) => href(`/services/${id}/`);
/** An absolute URL on the configured site (for JSON, feeds and copy-paste snippets); the path itself in a SITE_URL=relative build. */
export const absoluteUrl = (path: string, site: URL | undefined) => siteUrl(path, site);
