/** Which postmortems a build publishes: drafts only outside production, internal ones only in internal builds. */
import type { Postmortem } from '../format/schema.ts';

export interface ListingOptions {
  includeDrafts: boolean;
  publicOnly: boolean;
}

/** `HINDSIGHT_VISIBILITY=public` makes a public build; production builds leave drafts out. */
export function listingOptionsFromEnv(production: boolean, env: Record<string, string | undefined> = process.env): ListingOptions {
  return { includeDrafts: !production, publicOnly: env.HINDSIGHT_VISIBILITY === 'public' };
}

export function isListed(pm: Pick<Postmortem, 'status' | 'visibility'>, options: ListingOptions): boolean {
  if (pm.status === 'draft' && !options.includeDrafts) return false;
  if (options.publicOnly && pm.visibility !== 'public') return false;
  return true;
}
