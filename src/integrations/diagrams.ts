/**
 * Timeline charts: as soon as the build's config is set up, starts rendering every published
 * postmortem's Gantt chart in one headless Chromium, through the disk cache (src/lib/charts/renderer/),
 * and keeps rendering while Astro bundles and builds pages; each incident page waits for its own
 * chart only, then reads the SVG from the cache (src/data/diagrams.ts). Charts are rendered once,
 * in light; the dark palette comes from one shared dark rendering (see svg.ts).
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
import { loadPostmortems } from '../lib/format/content-files.ts';
import type { Postmortem } from '../lib/format/schema.ts';
import { isListed, listingOptionsFromEnv } from '../lib/site/listing.ts';
import { buildGantt } from '../lib/charts/gantt.ts';
import { sortEntries } from '../lib/site/catalog.ts';
import { findChromium } from '../lib/charts/renderer/chromium.ts';
import { diagramKey, GANTT_OPTIONS, mermaidDist, mermaidVersion, STYLE_PROBE_SOURCE } from '../lib/charts/renderer/config.ts';
import { planDiagrams, runDiagrams, type DiagramRequest, type RunningBatch } from '../lib/charts/renderer/batch.ts';
import { setRegistry, type ChartPlan } from '../lib/charts/renderer/registry.ts';
import { clientRenderScript, type DiagramsBuildConfig } from '../lib/charts/renderer/page.ts';

const CLIENT_DIR = '_hindsight/mermaid';
/** The chart cache, relative to the project root (deploy recipes keep it between builds). */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/hindsight-diagrams';
/** The chart-drawing module next to mermaid's (a file, not an inline script: the CSP allows no inline modules). */
const CLIENT_RENDER_FILE = 'render.mjs';
const clientRender = () => clientRenderScript('./mermaid.esm.min.mjs');

export const CHROMIUM_HINT = 'Install Chromium (`apt-get install -y chromium`, or `npx playwright install chromium`) or point CHROMIUM_PATH at a Chrome/Chromium binary.';

export interface DiagramsOptions {
  /**
   * The postmortems this build publishes, when another integration has already read them (the
   * content check): saves reading and validating every file twice. Else they are read here.
   */
  published?: () => readonly { id: string; data: Postmortem }[];
}

export function diagrams(options: DiagramsOptions = {}): AstroIntegration {
  let root = '';
  let cacheDir = '';
  let enabled = true;
  let batch: RunningBatch | undefined;
  return {
    name: 'hindsight:diagrams',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, updateConfig }) => {
        root = fileURLToPath(config.root);
        enabled = process.env.HINDSIGHT_DIAGRAMS !== 'off';
        cacheDir = process.env.HINDSIGHT_DIAGRAMS_CACHE ?? join(root, DEFAULT_CACHE_DIR);
        const version = mermaidVersion(root);
        const base = config.base.replace(/\/$/, '');
        const buildConfig: DiagramsBuildConfig = { enabled, cacheDir, mermaidVersion: version, clientRenderModule: `${base}/${CLIENT_DIR}/${CLIENT_RENDER_FILE}` };
        updateConfig({ vite: { define: { 'import.meta.env.HINDSIGHT_DIAGRAMS_CONFIG': JSON.stringify(JSON.stringify(buildConfig)) } } });
        setRegistry(undefined);
        if (command !== 'build') return;
        if (!enabled) {
          logger.info('charts off (HINDSIGHT_DIAGRAMS=off)');
          return;
        }
        // Start rendering now, while Astro syncs content and bundles: pages wait only for their own
        // chart (in the order pages are built: newest first), so rendering overlaps the build.
        const published = sortEntries(options.published?.() ?? publishedHere(root));
        const charts = new Map<string, ChartPlan>();
        for (const { id, data } of published) {
          const chart = buildGantt(data, GANTT_OPTIONS);
          charts.set(id, { source: chart.source, key: diagramKey(chart.source, 'light', version), charted: chart.charted, untimed: chart.untimed, outside: chart.outside });
        }
        const requests: DiagramRequest[] = [{ source: STYLE_PROBE_SOURCE, theme: 'dark' }, ...[...charts.values()].map((c) => ({ source: c.source, theme: 'light' as const }))];
        const plan = planDiagrams(requests, { root, cacheDir });
        const executablePath = plan.missing.length ? await findChromium() : undefined;
        if (plan.missing.length && !executablePath) {
          const n = plan.missing.length;
          logger.warn(`no Chromium found (CHROMIUM_PATH, Playwright’s browser, /usr/bin/chromium): ${n} timeline chart${n === 1 ? '' : 's'} will be drawn in the reader’s browser instead of at build. ${CHROMIUM_HINT}`);
        }
        batch = runDiagrams(plan, executablePath, { root, cacheDir, log: (line) => logger.info(line) });
        setRegistry({ charts, darkStyleKey: diagramKey(STYLE_PROBE_SOURCE, 'dark', version), ready: batch.ready });
      },

      'astro:build:done': async ({ dir, logger }) => {
        if (!batch) return;
        const report = await batch.done;
        setRegistry(undefined);
        batch = undefined;
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(join(cacheDir, 'last-build.json'), `${JSON.stringify(report, null, 2)}\n`);
        if (report.browser === 'failed') logger.warn(`Chromium did not start (${report.browserError}): timeline charts will be drawn in the reader’s browser. ${CHROMIUM_HINT}`);
        else if (report.failed.length) logger.warn(`${report.failed.length} chart(s) failed to render and are drawn in the browser instead; first error: ${report.failed[0]!.error.split('\n')[0]}`);
        else logger.info(`diagrams: ${report.rendered} rendered, ${report.cached} cached (${(report.ms / 1000).toFixed(1)} s)`);
        // Pages load mermaid only when their chart was not rendered here: then it must be in the output.
        if (report.cached + report.rendered < report.total) copyClientModule(root, join(fileURLToPath(dir), CLIENT_DIR));
      },

      'astro:server:setup': ({ server }) => {
        if (!enabled) return;
        // In dev, charts missing from the cache render in the browser: serve mermaid's ES module.
        const dist = mermaidDist(root);
        const prefix = `/${CLIENT_DIR}/`;
        server.middlewares.use((req, res, next) => {
          const url = (req.url ?? '').split('?')[0]!;
          const at = url.indexOf(prefix);
          if (at < 0) return next();
          if (url.slice(at + prefix.length) === CLIENT_RENDER_FILE) {
            res.setHeader('Content-Type', 'text/javascript');
            res.end(clientRender());
            return;
          }
          const file = normalize(join(dist, url.slice(at + prefix.length)));
          if (!file.startsWith(dist) || extname(file) !== '.mjs' || !existsSync(file)) return next();
          res.setHeader('Content-Type', 'text/javascript');
          createReadStream(file).pipe(res);
        });
      },
    },
  };
}

/** The postmortems a production build publishes, read from disk. */
function publishedHere(root: string) {
  const listing = listingOptionsFromEnv(true);
  return loadPostmortems(root).entries.filter((e) => isListed(e.data, listing));
}

/** Copies mermaid's ES module and its chunks (no source maps) to `out`, with the module that draws the charts. */
function copyClientModule(root: string, out: string) {
  const dist = mermaidDist(root);
  mkdirSync(join(out, 'chunks', 'mermaid.esm.min'), { recursive: true });
  cpSync(join(dist, 'mermaid.esm.min.mjs'), join(out, 'mermaid.esm.min.mjs'));
  writeFileSync(join(out, CLIENT_RENDER_FILE), clientRender());
  for (const name of readdirSync(join(dist, 'chunks', 'mermaid.esm.min'))) {
    if (name.endsWith('.mjs')) cpSync(join(dist, 'chunks', 'mermaid.esm.min', name), join(out, 'chunks', 'mermaid.esm.min', name));
  }
}
