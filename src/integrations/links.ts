/**
 * After the build: `_redirects` (permanent links for hosts that honour it) and `sitemap.xml`
 * (every page except redirects and embeds; none in a SITE_URL=relative build), both from the
 * postmortems this build publishes.
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { permalinkRedirects, redirectsFile } from '../lib/site/permalinks.ts';
import { sitemapPaths, sitemapXml } from '../lib/site/sitemap.ts';

interface Options {
  /** The published postmortems (id and aliases), known once the content check has run. */
  published: () => readonly { id: string; data: { aliases: readonly string[] } }[];
  /** Pages copied from the last build (page-reuse.ts): in the output, but not among the pages Astro rendered. */
  reusedPathnames?: () => readonly string[];
}

export function links({ published, reusedPathnames = () => [] }: Options): AstroIntegration {
  let base = '/';
  /** Unset in a SITE_URL=relative build: a sitemap needs absolute URLs, so none is written. */
  let site: string | undefined;
  return {
    name: 'hindsight:links',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        site = config.site ? new URL(config.base, config.site).href : undefined;
      },
      'astro:build:done': ({ dir, pages, logger }) => {
        const out = fileURLToPath(dir);
        const redirects = permalinkRedirects(published(), base);
        writeFileSync(join(out, '_redirects'), redirectsFile(redirects, base));
        const basePrefix = base.replace(/\/$/, '');
        const redirectPaths = new Set(redirects.map((r) => r.from.slice(basePrefix.length)));
        if (!site) {
          logger.info(`${redirects.length} permanent-link redirects; no sitemap.xml (SITE_URL=relative: a sitemap needs absolute URLs)`);
          return;
        }
        const paths = sitemapPaths([...pages.map((p) => p.pathname), ...reusedPathnames()], redirectPaths);
        writeFileSync(join(out, 'sitemap.xml'), sitemapXml(site, paths));
        logger.info(`${redirects.length} permanent-link redirects, ${paths.length} pages in sitemap.xml`);
      },
    },
  };
}
