/**
 * After the build: `_headers` (Netlify, Cloudflare Pages) with the site's security headers, from
 * src/lib/site/headers.ts: the Content-Security-Policy with the hashes of the site's inline scripts,
 * and the origins allowed to frame runbook embeds (`settings.embedOrigins`).
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFile } from '../lib/site/headers.ts';
import { inlineScriptHashes } from '../lib/site/inline-scripts.ts';
import { settings } from '../settings.ts';

export function securityHeaders(): AstroIntegration {
  let base = '/';
  return {
    name: 'hindsight:security-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir }) => {
        writeFileSync(join(fileURLToPath(dir), '_headers'), headersFile({ scriptHashes: inlineScriptHashes(), embedOrigins: settings.embedOrigins }, base));
      },
    },
  };
}
