/**
 * Astro loads astro.config.mjs with Node's own import first (TypeScript by type stripping) and only
 * falls back to a Vite module runner that it closes right after: integrations loaded that way fail
 * later, when a hook imports a module ("Vite module runner has been closed"). So the config and
 * everything it imports must run under plain Node: no parameter properties, enums or namespaces.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');

describe('astro.config.mjs', () => {
  it('loads under plain Node, TypeScript imports and all', () => {
    const config = pathToFileURL(resolve(ROOT, 'astro.config.mjs')).href;
    const out = execFileSync(resolve(ROOT, 'node_modules/.bin/node'), ['--input-type=module', '-e', `const c = await import(${JSON.stringify(config)}); console.log(c.default.integrations.length);`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SITE_URL: 'relative' } });
    expect(Number(out.trim())).toBeGreaterThan(5);
  });
});
