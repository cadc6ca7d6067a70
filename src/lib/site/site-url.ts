/**
 * Where the site is served, from `SITE_URL`: an absolute http(s) URL, or `relative` for a build
 * that does not know its host (no canonical links, no sitemap, no feed; the JSON API gives
 * root-relative paths). Pure: no Astro imports.
 */

/** The site of development servers and `npm run preview`, used outside production builds only. */
export const DEV_SITE = 'http://localhost:4321';
export const RELATIVE = 'relative';

export type SiteSetting =
  | { kind: 'absolute'; site: string }
  | { kind: 'relative' }
  | { kind: 'unset' }
  | { kind: 'invalid'; value: string };

export function siteSetting(env: Record<string, string | undefined>): SiteSetting {
  const value = env.SITE_URL?.trim();
  if (!value) return { kind: 'unset' };
  if (value === RELATIVE) return { kind: 'relative' };
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash) return { kind: 'absolute', site: url.href };
  } catch {
    // reported below as invalid
  }
  return { kind: 'invalid', value };
}

/** Astro's `site`: the configured URL; unset for relative builds; the dev URL when nothing is set. */
export function astroSite(setting: SiteSetting): string | undefined {
  if (setting.kind === 'absolute') return setting.site;
  if (setting.kind === 'relative') return undefined;
  return DEV_SITE;
}

/**
 * What a build must say about its site setting: an error stops it (an invalid value always; no
 * value under `CI=true`), a warning is printed loudly (no value outside CI).
 */
export function siteProblem(setting: SiteSetting, env: Record<string, string | undefined>): { level: 'error' | 'warn'; message: string } | undefined {
  if (setting.kind === 'invalid') return { level: 'error', message: `SITE_URL: expected an absolute http(s) URL like https://postmortems.example.com/ or "${RELATIVE}", got ${JSON.stringify(setting.value)}` };
  if (setting.kind !== 'unset') return undefined;
  const fix = `set SITE_URL to the address the site is served at (https://postmortems.example.com/), or SITE_URL=${RELATIVE} for a build without absolute links (no canonical links, sitemap or feed)`;
  if (env.CI === 'true') return { level: 'error', message: `SITE_URL is not set: a production build would write ${DEV_SITE} into canonical links, the feed, the sitemap and the JSON API. Under CI=true this is an error: ${fix}.` };
  return { level: 'warn', message: `SITE_URL is not set: canonical links, the feed, the sitemap and the JSON API point at ${DEV_SITE}. ${fix[0]!.toUpperCase()}${fix.slice(1)}.` };
}

/** An absolute URL on the site, or the root-relative path itself in a relative build. */
export const siteUrl = (path: string, site: URL | string | undefined) => (site ? new URL(path, site).href : path);
