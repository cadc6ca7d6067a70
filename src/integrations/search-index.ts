/**
 * Indexes the built site with Pagefind (Node API) after the build. Only incident pages carry
 * `data-pagefind-body`, so the index holds postmortems alone; the page count Pagefind reports must
 * equal the number of published postmortems, or the build fails. `HINDSIGHT_SEARCH=off` skips it.
 *
 * Pagefind reads only `postmortems/<id>/index.html` (INCIDENT_PAGES): every other page (facets,
 * short links, embeds, API) has nothing to index, and parsing thousands of them costs time and
 * memory. Aliases under `/postmortems/` match the glob too; they are redirects without
 * `data-pagefind-body`, so the page count check still holds.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

/** The incident pages, relative to the output folder (src/pages/postmortems/[id].astro). */
export const INCIDENT_PAGES = 'postmortems/*/index.html';

export function searchIndex(options: { expectedPages: () => number }): AstroIntegration {
  return {
    name: 'hindsight:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env.HINDSIGHT_SEARCH === 'off') {
          logger.warn('search index skipped (HINDSIGHT_SEARCH=off)');
          return;
        }
        const pagefind = await import('pagefind');
        const started = performance.now();
        const site = fileURLToPath(dir);
        const fail = (what: string, errors: string[]) => {
          console.error(`search index: ${what} failed:\n${errors.map((e) => `  ${e}`).join('\n')}`);
          process.exit(1);
        };
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', maxFragments: 500 });
          if (!index || errors.length) return fail('createIndex', errors);
          const added = await index.addDirectory({ path: site, glob: INCIDENT_PAGES });
          if (added.errors.length) return fail('addDirectory', added.errors);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length) return fail('writeFiles', written.errors);
          // addDirectory counts every HTML file it read; the index's own entry file counts the pages indexed.
          const entry = JSON.parse(readFileSync(join(site, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
          const indexed = Object.values(entry.languages).reduce((sum, lang) => sum + lang.page_count, 0);
          const expected = options.expectedPages();
          if (indexed !== expected) {
            console.error(`search index: Pagefind indexed ${indexed} pages but ${expected} postmortems were published; every incident page, and only those, must carry data-pagefind-body.`);
            process.exit(1);
          }
          logger.info(`search index: ${indexed} postmortems indexed in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
