/**
 * `npm run bench:search -- [--count 1000,5000] [--out file.json]`: search latency as a person sees
 * it, at each corpus size given (default 1,000 and 5,000; targets: p95 ≤ 60 ms and ≤ 150 ms).
 * For each, generates N synthetic postmortems (the benchmark's generator), builds the site with its
 * search index (charts off: they do not affect search), serves it on loopback and, in headless
 * Chromium, types queries into /search/ key by key, measuring from the last keystroke to results on
 * screen (the page records it in `data-search-ms`). Prints and writes median, p95 and max per size.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { contentStoreCacheDir } from '../src/lib/format/content-store.ts';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { DEV_SITE } from '../src/lib/site/site-url.ts';
import { writeSyntheticCorpus } from './synthetic.ts';
import { launchChromium } from '../src/lib/charts/renderer/chromium.ts';
import { serveDirectory } from '../tests/support/static-server.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000,5000' }, out: { type: 'string', default: 'bench-search.json' }, rounds: { type: 'string', default: '3' } } });
const counts = values.count!.split(',').map(Number);
if (!counts.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`--count must be positive integers separated by commas, got ${values.count}`);
const QUERIES = ['replication lag', 'connection count', 'cache hit ratio', 'GC pauses', 'disk usage', 'rollback', 'queue depth', 'error rate', 'failover', 'certificate', 'p99 latency', 'CPU on the primary'];

const TARGET_P95_MS: Record<number, number> = { 1000: 60, 5000: 150 };
const summaries: Awaited<ReturnType<typeof benchmark>>[] = [];
for (const count of counts) summaries.push(await benchmark(count));
writeFileSync(values.out!, JSON.stringify(counts.length === 1 ? summaries[0] : summaries, null, 2));
console.log(`wrote ${values.out}`);
for (const s of summaries) console.log(`N=${s.count}: p95 ${s.p95Ms} ms${TARGET_P95_MS[s.count] ? ` (target ≤ ${TARGET_P95_MS[s.count]} ms)` : ''}, median ${s.medianMs} ms`);

async function benchmark(count: number) {
  const work = mkdtempSync(join(tmpdir(), 'hindsight-bench-search-'));
  console.log(`generating ${count} postmortems in ${work}`);
  writeSyntheticCorpus(join(work, 'content'), count);
  const outDir = join(work, 'dist');
  console.log('building (charts off, search on)…');
  const started = performance.now();
  const built = spawnSync('node_modules/.bin/astro', ['build', '--outDir', outDir, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    // A local throwaway site: SITE_URL says so, as production builds must (and do under CI=true).
    env: { ...process.env, HINDSIGHT_CONTENT_DIR: join(work, 'content'), HINDSIGHT_DIAGRAMS: 'off', NODE_ENV: 'production', SITE_URL: DEV_SITE },
  });
  // The content store Astro kept for this throwaway folder (src/lib/format/content-store.ts).
  rmSync(resolve(contentStoreCacheDir({ HINDSIGHT_CONTENT_DIR: join(work, 'content') })!), { recursive: true, force: true });
  if (built.status !== 0) throw new Error(`build failed with exit ${built.status}`);
  const buildSeconds = (performance.now() - started) / 1000;
  console.log(`built in ${buildSeconds.toFixed(1)} s`);

  const browser = await launchChromium();
  if (!browser) throw new Error('no Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
  const server = await serveDirectory(outDir);
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/`);
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-root]')?.dataset.searchReady !== undefined);

  const samples: { query: string; ms: number; results: number }[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const query of QUERIES) {
      await page.fill('#search-q', '');
      await page.locator('#search-q').pressSequentially(query, { delay: 60 });
      await page.waitForFunction((q) => document.querySelector<HTMLElement>('[data-search-root]')?.dataset.searchQuery === q, query, { timeout: 30_000 });
      const ms = Number(await page.$eval('[data-search-root]', (el) => (el as HTMLElement).dataset.searchMs));
      samples.push({ query, ms, results: await page.locator('[data-result-link]').count() });
    }
  }
  await browser.close();
  await server.close();

  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const firstRound = samples.slice(0, QUERIES.length).map((s) => s.ms);
  const summary = {
    count,
    buildSeconds: Number(buildSeconds.toFixed(1)),
    queries: samples.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    maxMs: sorted.at(-1),
    firstRoundMaxMs: Math.max(...firstRound),
    samples,
  };
  console.log(`search latency over ${count} postmortems, last keystroke to results shown, ${samples.length} queries: median ${summary.medianMs} ms, p95 ${summary.p95Ms} ms, max ${summary.maxMs} ms (first round max ${summary.firstRoundMaxMs} ms)`);
  return summary;
}
