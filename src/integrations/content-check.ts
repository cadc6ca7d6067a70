/**
 * Validates all content before Astro syncs it, so that a bad postmortem stops the build with one
 * line per problem (`file:line: field: message`), a non-zero exit and no stack trace. After the
 * build, checks that every listed postmortem got its page and says how many were built.
 */
import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { dropSharedFrontMatter, loadPostmortems, type LoadedPostmortem } from '../lib/format/content-files.ts';
import { formatProblem } from '../lib/format/problems.ts';
import { ContentCheckCache, checkCode } from '../lib/format/check-cache.ts';
import { isListed, listingOptionsFromEnv } from '../lib/site/listing.ts';

export function contentCheck(): AstroIntegration & { publishedIds: () => readonly string[]; published: () => readonly LoadedPostmortem[] } {
  let root = '';
  let expected: string[] = [];
  let published: LoadedPostmortem[] = [];
  return {
    /** The postmortems this build publishes (known once the config is set up). */
    publishedIds: () => expected,
    published: () => published,
    name: 'hindsight:content-check',
    hooks: {
      'astro:config:setup': ({ config, command, logger, updateConfig }) => {
        root = fileURLToPath(config.root);
        // In a build, Astro's content loader then takes the parsed front matter instead of parsing it
        // again, and what the last build's check worked out is taken from Astro's cache folder.
        const checkCache = command === 'build' ? new ContentCheckCache(join(fileURLToPath(config.cacheDir), 'hindsight-content-check.json'), checkCode(root)) : undefined;
        const { entries, problems } = loadPostmortems(root, { shareFrontMatter: command === 'build', checkCache });
        checkCache?.save();
        if (problems.length) {
          for (const p of problems) console.error(formatProblem(p));
          const summary = `${problems.length} content problem${problems.length === 1 ? '' : 's'}`;
          if (command === 'build' || command === 'sync') {
            console.error(`${summary}: build stopped.`);
            process.exit(1);
          }
          logger.error(summary);
        }
        const options = listingOptionsFromEnv(command === 'build');
        published = entries.filter((e) => isListed(e.data, options));
        expected = published.map((e) => e.id);
        // Pages list exactly what this check expects to be built.
        updateConfig({ vite: { define: { 'import.meta.env.HINDSIGHT_LISTING': JSON.stringify(JSON.stringify(options)) } } });
        logger.info(`${entries.length} postmortems valid, ${expected.length} to publish`);
      },
      // Content is synced before the build starts: what the loader did not take is not needed.
      'astro:build:start': () => dropSharedFrontMatter(),
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const missing = expected.filter((id) => !existsSync(join(out, 'postmortems', id, 'index.html')));
        if (missing.length) {
          console.error(`build dropped ${missing.length} postmortem(s): ${missing.join(', ')}`);
          process.exit(1);
        }
        logger.info(`built ${expected.length} postmortem pages`);
      },
    },
  };
}
