/**
 * Page reuse (src/lib/site/page-reuse.ts): pages whose inputs did not change since the last build
 * are copied from its output instead of being rendered again.
 *
 * - Before the build: the fingerprint of everything every page depends on, and the last build's
 *   keys from `<Astro cacheDir>/hindsight-page-reuse/` (kept with Astro's own cache).
 * - After the build (this integration's `astro:build:done` runs first, so the search index, the
 *   sitemap and the checks see the whole site): the reused files are copied in.
 * - Once the new output is in place (`commit`, called by fresh-output after its swap): the keys of
 *   this build's output are written. A build that fails never writes them, and the last good
 *   output keeps the keys it was made with.
 *
 * `HINDSIGHT_PAGE_REUSE=off` renders every page.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDir } from '../lib/format/content-files.ts';
import { buildDate } from '../lib/insights/overdue.ts';
import { filesUnder, hashFiles, writeFileAtomic } from '../lib/site/build-files.ts';
import { getPageReuseSession, pathnameOf, setPageReuseSession, stableJson, type PageReuseSession } from '../lib/site/page-reuse.ts';

/** Where the keys of each output folder's last build are kept (one file per output folder, so builds into different folders keep theirs). */
const manifestFile = (cacheDir: string, outDir: string) => join(cacheDir, 'hindsight-page-reuse', `${createHash('sha256').update(outDir).digest('hex').slice(0, 16)}.json`);

interface Manifest {
  /** The output folder the keys describe. */
  outDir: string;
  files: Record<string, string>;
}

/** Environment that changes what pages say (what is published, where, the build date). */
const PAGE_ENV = /^(?:HINDSIGHT_|SITE_URL$|BASE_PATH$)/;

/**
 * What every page depends on besides its own inputs: the project's code, styles and dependency
 * versions, content other than postmortem files (services, runbooks, images next to postmortems),
 * Astro's settings, the environment and the build date.
 */
function fingerprint(root: string, settings: unknown): string {
  const hash = hashFiles(createHash('sha256'), root, ['astro.config.mjs', 'package-lock.json', 'tsconfig.json']);
  hashFiles(hash, join(root, 'src'), filesUnder(join(root, 'src')));
  const content = resolve(root, contentDir());
  hashFiles(hash, content, filesUnder(content, (f) => /^postmortems[\\/][^\\/]+\.mdx?$/.test(f)));
  const env = Object.entries(process.env).filter(([k]) => PAGE_ENV.test(k)).sort(([a], [b]) => a.localeCompare(b));
  hash.update(stableJson({ settings, env, date: buildDate() }));
  return hash.digest('hex');
}

export function pageReuse(): AstroIntegration & { commit: () => void; reusedPathnames: () => string[] } {
  let manifestPath = '';
  let target = '';
  let next: Manifest | undefined;
  return {
    name: 'hindsight:page-reuse',
    /** Records this build's keys: call once its output has replaced the last one. */
    commit() {
      if (!next || !manifestPath) return;
      mkdirSync(dirname(manifestPath), { recursive: true });
      writeFileAtomic(manifestPath, JSON.stringify(next));
      next = undefined;
    },
    /** The pages copied from the last build (they are in the output, though Astro did not render them). */
    reusedPathnames: () => [...(getPageReuseSession()?.reused ?? [])].map(pathnameOf),
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        setPageReuseSession(undefined);
        next = undefined;
        if (command !== 'build') return;
        if (process.env.HINDSIGHT_PAGE_REUSE === 'off') {
          logger.info('page reuse off (HINDSIGHT_PAGE_REUSE=off): every page is rendered');
          return;
        }
        const root = fileURLToPath(config.root);
        target = fileURLToPath(config.outDir).replace(/[\\/]+$/, '');
        manifestPath = manifestFile(fileURLToPath(config.cacheDir), target);
        let previous: PageReuseSession['previous'];
        try {
          const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
          if (manifest.outDir === target && existsSync(target)) previous = { dir: target, keys: new Map(Object.entries(manifest.files)) };
        } catch {
          // No last build (or an unreadable record of it): every page is rendered.
        }
        const settings = { site: config.site, base: config.base, trailingSlash: config.trailingSlash, format: config.build.format, compressHTML: config.compressHTML };
        setPageReuseSession({ fingerprint: fingerprint(root, settings), previous, pages: new Map(), reused: new Set() });
      },
      'astro:build:done': ({ dir, logger }) => {
        const session = getPageReuseSession();
        if (!session) return;
        const out = fileURLToPath(dir);
        for (const file of session.reused) {
          const to = join(out, file);
          mkdirSync(dirname(to), { recursive: true });
          try {
            copyFileSync(join(session.previous!.dir, file), to, constants.COPYFILE_EXCL);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
            console.error(`two routes write the same page: ${file}`);
            process.exit(1);
          }
        }
        const files: Record<string, string> = {};
        for (const [file, { key, ready }] of session.pages) if ((ready?.() ?? true) && existsSync(join(out, file))) files[file] = key;
        next = { outDir: target, files };
        logger.info(`${session.reused.size} pages reused from the last build, ${session.pages.size - session.reused.size} rendered`);
      },
    },
  };
}
