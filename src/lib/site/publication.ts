/**
 * What a build publishes, beyond which postmortems are listed (listing.ts): the public version of
 * each postmortem, and which runbooks and services go out with them. Internal builds publish every
 * runbook and service; public builds (`HINDSIGHT_VISIBILITY=public`) only those marked
 * `visibility: public` and those a published postmortem names. Pure: no Astro imports.
 */
import type { Postmortem } from '../format/schema.ts';
import type { Runbook, Service } from '../format/service-schema.ts';
import { isUrlReference } from '../format/urls.ts';
import { runbookIdsCitedBy } from './backlinks.ts';
import type { ListingOptions } from './listing.ts';

/**
 * A listed postmortem as this build shows it: `related` cut to the listed ids, and in public builds
 * the `public:` overrides applied and the block itself dropped, so that every page, feed, JSON file
 * and the search index see one version.
 */
export function publishedVersion(pm: Postmortem, listedIds: ReadonlySet<string>, options: Pick<ListingOptions, 'publicOnly'>): Postmortem {
  const related = pm.related.filter((id) => listedIds.has(id));
  if (!options.publicOnly) return { ...pm, related };
  const { public: overrides, ...rest } = pm;
  return {
    ...rest,
    related,
    title: overrides?.title ?? pm.title,
    summary: overrides?.summary ?? pm.summary,
    impact: { ...pm.impact, summary: overrides?.impact?.summary ?? pm.impact.summary },
    cause: { ...pm.cause, summary: overrides?.cause?.summary ?? pm.cause.summary },
    resolution: overrides?.resolution ?? pm.resolution,
  };
}

interface Entry<T> {
  id: string;
  data: T;
}

/** The ids of the runbooks and services a build publishes, given the postmortems it lists. */
export function publishedDirectory(
  listed: readonly Pick<Postmortem, 'services' | 'runbooks'>[],
  runbooks: readonly Entry<Pick<Runbook, 'id' | 'url' | 'visibility'>>[],
  services: readonly Entry<Pick<Service, 'visibility'>>[],
  options: Pick<ListingOptions, 'publicOnly'>,
): { runbooks: Set<string>; services: Set<string> } {
  if (!options.publicOnly) return { runbooks: new Set(runbooks.map((r) => r.id)), services: new Set(services.map((s) => s.id)) };
  const runbookData = runbooks.map((r) => r.data);
  const named = {
    runbooks: new Set(listed.flatMap((pm) => runbookIdsCitedBy(pm, runbookData))),
    services: new Set(listed.flatMap((pm) => pm.services)),
  };
  return {
    runbooks: new Set(runbooks.filter((r) => r.data.visibility === 'public' || named.runbooks.has(r.id)).map((r) => r.id)),
    services: new Set(services.filter((s) => s.data.visibility === 'public' || named.services.has(s.id)).map((s) => s.id)),
  };
}

/** A published runbook with its service list cut to published services (no links to pages the build leaves out). */
export const publishedRunbook = <R extends Pick<Runbook, 'services'>>(runbook: R, services: ReadonlySet<string>): R => ({
  ...runbook,
  services: runbook.services.filter((id) => services.has(id)),
});

/** A published service with its runbook list cut to published runbooks; URLs of runbooks kept elsewhere stay. */
export const publishedService = <S extends Pick<Service, 'runbooks'>>(service: S, runbooks: ReadonlySet<string>): S => ({
  ...service,
  runbooks: service.runbooks.filter((ref) => isUrlReference(ref) || runbooks.has(ref)),
});
