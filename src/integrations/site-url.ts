/**
 * Checks `SITE_URL` before a build (see src/lib/site/site-url.ts): an unset value in a production
 * build is a loud warning, and an error under `CI=true`; an invalid value is always an error.
 */
import type { AstroIntegration } from 'astro';
import { siteProblem, siteSetting } from '../lib/site/site-url.ts';

export function siteUrlCheck(): AstroIntegration {
  return {
    name: 'hindsight:site-url',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build') return;
        const problem = siteProblem(siteSetting(process.env), process.env);
        if (!problem) return;
        if (problem.level === 'error') {
          console.error(`${problem.message}\nbuild stopped.`);
          process.exit(1);
        }
        const rule = '!'.repeat(72);
        logger.warn(`\n${rule}\n${problem.message}\n${rule}`);
      },
    },
  };
}
