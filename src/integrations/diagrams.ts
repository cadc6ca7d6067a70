/**
 * Timeline charts: before any page is built, renders every published postmortem's Gantt chart
 * (light and dark) in one headless Chromium, through the disk cache (see src/lib/diagrams/). Pages
 * then read the SVGs from the cache (src/data/diagrams.ts).
 *
 * - `HINDSIGHT_DIAGRAMS=off`: no charts (the benchmark's baseline).
 * - `HINDSIGHT_DIAGRAMS_CACHE=<dir>`: another cache folder (tests); default
 *   `node_modules/.cache/hindsight-diagrams`.
 * - No Chromium: one warning, and pages render their chart in the browser; mermaid's ES module
 *   is then copied to `_hindsight/mermaid/` in the output (and served from node_modules in dev).
 *
 * After each build, `<cache>/last-build.json` holds the batch report (how many were cached/rendered).
 */
import type { AstroIntegration } from 'astro';
import { createReadStream, cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extname, join, normalize } from 'node:path';
import { loadPostmortems } from '../lib/content-files.ts';
import { isListed, listingOptionsFromEnv } from '../lib/listing.ts';
import { timelineToGantt } from '../lib/gantt.ts';
import { mermaidDir, mermaidVersion, THEMES } from '../lib/diagrams/config.ts';
import { renderDiagrams, type BatchReport } from '../lib/diagrams/batch.ts';
import type { DiagramsBuildConfig } from '../lib/diagrams/page.ts';

const CLIENT_DIR = '_hindsight/mermaid';

export const CHROMIUM_HINT = 'Install Chromium (`apt-get install -y chromium`, or `npx playwright install chromium`) or point CHROMIUM_PATH at a Chrome/Chromium binary.';

export function diagrams(): AstroIntegration {
  let root = '';
  let cacheDir = '';
  let enabled = true;
  let report: BatchReport | undefined;
  return {
    name: 'hindsight:diagrams',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        root = fileURLToPath(config.root);
        enabled = process.env.HINDSIGHT_DIAGRAMS !== 'off';
        cacheDir = process.env.HINDSIGHT_DIAGRAMS_CACHE ?? join(root, 'node_modules', '.cache', 'hindsight-diagrams');
        const base = config.base.replace(/\/$/, '');
        const buildConfig: DiagramsBuildConfig = {
          enabled,
          cacheDir,
          mermaidVersion: mermaidVersion(root),
          clientModule: `${base}/${CLIENT_DIR}/mermaid.esm.min.mjs`,
        };
        updateConfig({ vite: { define: { 'import.meta.env.HINDSIGHT_DIAGRAMS': JSON.stringify(JSON.stringify(buildConfig)) } } });
      },

      'astro:build:start': async ({ logger }) => {
        if (!enabled) {
          logger.info('charts off (HINDSIGHT_DIAGRAMS=off)');
          return;
        }
        const { entries } = loadPostmortems(root);
        const options = listingOptionsFromEnv(true);
        const requests = entries
          .filter((e) => isListed(e.data, options))
          .flatMap((e) => {
            const source = timelineToGantt(e.data);
            return THEMES.map((theme) => ({ source, theme }));
          });
        report = await renderDiagrams(requests, { root, cacheDir, log: (line) => logger.info(line) });
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(join(cacheDir, 'last-build.json'), `${JSON.stringify(report, null, 2)}\n`);
        const left = report.total - report.cached - report.rendered;
        if (report.browser === 'missing' || report.browser === 'failed') {
          const why = report.browser === 'missing' ? 'no Chromium found (CHROMIUM_PATH, Playwright’s browser, /usr/bin/chromium)' : `Chromium did not start (${report.browserError})`;
          logger.warn(`${why}: ${left} timeline chart${left === 1 ? '' : 's'} will be drawn in the reader’s browser instead of at build. ${CHROMIUM_HINT}`);
        } else if (report.failed.length) {
          logger.warn(`${report.failed.length} chart(s) failed to render and will be drawn in the browser; first error: ${report.failed[0]!.error.split('\n')[0]}`);
        } else {
          logger.info(`diagrams: ${report.rendered} rendered, ${report.cached} cached, in ${(report.ms / 1000).toFixed(1)} s`);
        }
      },

      'astro:build:done': ({ dir }) => {
        // Pages only load mermaid when their chart was not rendered here.
        if (!report || report.cached + report.rendered === report.total) return;
        const out = join(fileURLToPath(dir), CLIENT_DIR);
        copyClientModule(root, out);
      },

      'astro:server:setup': ({ server }) => {
        if (!enabled) return;
        // In dev, charts missing from the cache render in the browser: serve mermaid's ES module.
        const dist = join(mermaidDir(root), 'dist');
        const prefix = `/${CLIENT_DIR}/`;
        server.middlewares.use((req, res, next) => {
          const url = (req.url ?? '').split('?')[0]!;
          const at = url.indexOf(prefix);
          if (at < 0) return next();
          const file = normalize(join(dist, url.slice(at + prefix.length)));
          if (!file.startsWith(dist) || extname(file) !== '.mjs' || !existsSync(file)) return next();
          res.setHeader('Content-Type', 'text/javascript');
          createReadStream(file).pipe(res);
        });
      },
    },
  };
}

/** Copies mermaid's ES module and its chunks (no source maps) to `out`. */
function copyClientModule(root: string, out: string) {
  const dist = join(mermaidDir(root), 'dist');
  mkdirSync(join(out, 'chunks', 'mermaid.esm.min'), { recursive: true });
  cpSync(join(dist, 'mermaid.esm.min.mjs'), join(out, 'mermaid.esm.min.mjs'));
  for (const name of readdirSync(join(dist, 'chunks', 'mermaid.esm.min'))) {
    if (name.endsWith('.mjs')) cpSync(join(dist, 'chunks', 'mermaid.esm.min', name), join(out, 'chunks', 'mermaid.esm.min', name));
  }
}
