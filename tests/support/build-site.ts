/** Builds the site over a given content folder into a temp folder, in-process, once per suite. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { contentStoreCacheDir } from '../../src/lib/format/content-store.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Fixture builds are production builds: they say where the site lives, as CI=true requires. */
export const FIXTURE_SITE = 'http://localhost:4321';

export async function buildSite(contentDir: string, env: Record<string, string> = {}) {
  const { build } = await import('astro');
  const work = mkdtempSync(join(tmpdir(), 'hindsight-build-'));
  const outDir = join(work, 'dist');
  const saved = { ...process.env };
  // Vitest sets NODE_ENV=test, which would make Vite build in development mode (drafts listed).
  // It also puts Vite's own import.meta.env keys into process.env (BASE_URL=/, MODE=test, DEV=1…),
  // and the build's import.meta.env takes them from there: BASE_URL=/ would hide a configured base.
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete process.env[key];
  Object.assign(process.env, { HINDSIGHT_CONTENT_DIR: resolve(ROOT, contentDir), NODE_ENV: 'production', SITE_URL: FIXTURE_SITE, ...env });
  try {
    await build({ root: ROOT, outDir, cacheDir: join(work, 'cache'), logLevel: 'error', mode: 'production' });
  } finally {
    process.env = saved;
  }
  return {
    outDir,
    exists: (path: string) => existsSync(join(outDir, path)),
    read: (path: string) => readFileSync(join(outDir, path), 'utf8'),
  };
}

/** The ids of `<… id="…">` attributes in an HTML page. */
export const idsIn = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

interface CliOptions {
  /** Default: `dist/` in the content folder. */
  outDir?: string;
  /** Another Astro config file (`--config`), relative to the project root. */
  config?: string;
  env?: Record<string, string>;
}

/** Runs `astro build` as a child process over a content folder (for builds expected to fail: they exit). */
export function runBuildCli(contentDir: string, options: CliOptions = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      join(ROOT, 'node_modules/.bin/astro'),
      ['build', '--outDir', options.outDir ?? join(contentDir, 'dist'), ...(options.config ? ['--config', options.config] : [])],
      { cwd: ROOT, env: { ...process.env, HINDSIGHT_CONTENT_DIR: contentDir, NODE_ENV: 'production', SITE_URL: FIXTURE_SITE, ...options.env } },
      (error, stdout, stderr) => done({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

/** Removes the content store a CLI build of `contentDir` left (src/lib/format/content-store.ts): for temporary content folders. */
export function removeContentStore(contentDir: string) {
  rmSync(resolve(ROOT, contentStoreCacheDir({ HINDSIGHT_CONTENT_DIR: contentDir })!), { recursive: true, force: true });
}
