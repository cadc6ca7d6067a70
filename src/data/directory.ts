/** Runbooks and services from their content collections, and their URLs. */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Service } from '../lib/format/service-schema.ts';
import { getPostmortems, href, listingOptions, type PostmortemEntry } from './postmortems.ts';
import { citingIncidents } from '../lib/site/backlinks.ts';
import { siteUrl } from '../lib/site/site-url.ts';
import { publishedDirectory, publishedRunbook, publishedService } from '../lib/site/publication.ts';
import { digestOf } from '../lib/site/page-reuse.ts';

export type RunbookEntry = CollectionEntry<'runbooks'>;
export type ServiceEntry = CollectionEntry<'services'>;

interface Directory {
  runbooks: RunbookEntry[];
  services: ServiceEntry[];
}

/**
 * The runbooks and services this build publishes (all of them, or in public builds the public ones
 * and those a published postmortem names), their references to each other cut to published ones.
 */
async function loadDirectory(): Promise<Directory> {
  const [postmortems, runbooks, services] = await Promise.all([getPostmortems(), getCollection('runbooks'), getCollection('services')]);
  const published = publishedDirectory(postmortems.map((e) => e.data), runbooks, services, listingOptions);
  return {
    runbooks: runbooks.filter((r) => published.runbooks.has(r.id)).map((r) => ({ ...r, data: publishedRunbook(r.data, published.services) })),
    services: services.filter((s) => published.services.has(s.id)).map((s) => ({ ...s, data: publishedService(s.data, published.runbooks) })),
  };
}

let loaded: Promise<Directory> | undefined;
/** Loaded once per build (every call in the dev server, so edits show up). */
const getDirectory = () => (import.meta.env.PROD ? (loaded ??= loadDirectory()) : loadDirectory());

/** A hash of the published runbooks and services, for pages that read them (page reuse: src/lib/site/page-reuse.ts); once per build. */
export const directoryDigest = async () => digestOf(await getDirectory());

/** Every published runbook, by title. */
export async function getRunbooks(): Promise<RunbookEntry[]> {
  return [...(await getDirectory()).runbooks].sort((a, b) => a.data.title.localeCompare(b.data.title) || a.id.localeCompare(b.id));
}

/** Static paths for per-runbook pages: each runbook with the published incidents that cite it, newest first. */
export async function runbookPaths() {
  const postmortems = await getPostmortems();
  return (await getRunbooks()).map((runbook) => ({ params: { id: runbook.id }, props: { runbook, incidents: citingIncidents(runbook.data, postmortems) } }));
}

/** A published service to list: defined in content/services/, or (while none are defined) only named by postmortems. */
export interface ServiceListing {
  id: string;
  data?: Service;
}

/**
 * Every service, by id: the defined ones, plus any id a listed postmortem names that is not
 * defined (possible only while content/services/ is empty: the content check rejects unknown ids).
 */
export async function getServices(postmortems: readonly PostmortemEntry[]): Promise<ServiceListing[]> {
  const defined = new Map<string, ServiceListing>((await getDirectory()).services.map((s) => [s.id, { id: s.id, data: s.data }]));
  for (const pm of postmortems) for (const id of pm.data.services) if (!defined.has(id)) defined.set(id, { id });
  return [...defined.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export const runbookUrl = (id: string) => href(`/runbooks/${id}/`);
export const runbookEmbedUrl = (id: string) => href(`/runbooks/${id}/embed/`);
export const serviceUrl = (id: string) => href(`/services/${id}/`);
/** An absolute URL on the configured site (for JSON, feeds and copy-paste snippets); the path itself in a SITE_URL=relative build. */
export const absoluteUrl = (path: string, site: URL | undefined) => siteUrl(path, site);
