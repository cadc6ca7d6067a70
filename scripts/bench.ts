/**
 * `npm run bench -- --count N [--out bench-results.json] [--seed S] [--keep] [--no-attribution]`
 *
 * Generates N synthetic postmortems (scripts/synthetic.ts) into a temporary content folder, then
 * builds, each build in its own child process:
 *   peer: what a team would use instead (scripts/bench-peer.ts): a minimal Astro site over the same
 *         MDX files, one page per postmortem, then the Pagefind CLI over it. Every target is a
 *         ratio to this phase, measured in the same run.
 *   baseline (attribution, `--no-attribution` skips it): Hindsight with charts and search off
 *         (HINDSIGHT_DIAGRAMS=off, HINDSIGHT_SEARCH=off): what the pages alone cost.
 *   cold: Hindsight's full build with everything wiped (output, Astro's cache and content store,
 *         `.astro/`, the chart cache).
 *   warm: what a person gets running `npm run build` a second time in the same checkout after
 *         editing one postmortem's timeline: the same output folder, Astro's cache (its content
 *         store) and the chart cache are all kept from the cold build.
 * The Hindsight builds run on a snapshot of the project in the work folder, so that other builds of
 * the project cannot interfere. Measured per phase by polling /proc: wall time, CPU time and peak
 * memory (PSS) of the whole process tree (Node, Chromium, Pagefind), and the largest process's peak RSS.
 *
 * Before the builds, the similarity phase times the similar-incidents computation alone (in this
 * process, no build) over synthetic corpora of each size in `--similarity-sizes` (default 1000 and
 * 10000). `--similarity-only` stops after it.
 */
import { spawn } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticPostmortem, writeSyntheticCorpus } from './synthetic.ts';
import { writePeerSite } from './bench-peer.ts';
import { cpuTicksOf, processTree, pssOf, rssOf, TICKS_PER_SECOND } from './proc.ts';
import { similarIncidents, type SimilarityInput } from '../src/lib/insights/similarity.ts';
import { DEV_SITE } from '../src/lib/site/site-url.ts';
import { loadPostmortems } from '../src/lib/format/content-files.ts';
import { formatProblem } from '../src/lib/format/problems.ts';
import type { BatchReport } from '../src/lib/charts/renderer/batch.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  allowNegative: true,
  options: {
    count: { type: 'string', default: '1000' },
    out: { type: 'string', default: 'bench-results.json' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    /** Also build with charts and search off (baseline), to tell what the pages alone cost. */
    attribution: { type: 'boolean', default: true },
    'similarity-sizes': { type: 'string', default: '1000,10000' },
    'similarity-only': { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${values.count}`);

// ---------------------------------------------------------------------------------------------
// Similarity phase: the computation alone, on in-memory synthetic postmortems.

interface SimilarityResult {
  count: number;
  ms: number;
  /** CPU time of this process during the computation (user + system): less skewed by other work on the machine. */
  cpuMs: number;
  /** Incidents with at least one similar incident above the threshold, and the mean list length. */
  withSimilar: number;
  meanListLength: number;
}

function benchSimilarity(size: number, seed: number): SimilarityResult {
  const inputs: SimilarityInput[] = Array.from({ length: size }, (_, i) => {
    const { id, data } = syntheticPostmortem(i, seed);
    const pm = data as { cause: SimilarityInput['data']['cause']; resolution: string; tags: string[]; services: string[] };
    return { id, data: { cause: pm.cause, resolution: pm.resolution, tags: pm.tags, services: pm.services, related: [] } };
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const similar = similarIncidents(inputs);
  const ms = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  const lengths = [...similar.values()].map((list) => list.length);
  return { count: size, ms, cpuMs, withSimilar: lengths.filter(Boolean).length, meanListLength: Math.round((lengths.reduce((a, b) => a + b, 0) / size) * 100) / 100 };
}

const similaritySizes = values['similarity-sizes']!.split(',').map(Number);
if (similaritySizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--similarity-sizes must be positive integers, got ${values['similarity-sizes']}`);
const similarity = similaritySizes.map((size) => {
  const result = benchSimilarity(size, Number(values.seed));
  console.log(`[bench] similarity: ${size} postmortems in ${result.ms} ms (CPU ${result.cpuMs} ms; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}; ${result.withSimilar} with similar incidents, ${result.meanListLength} per incident on average)`);
  return result;
});
if (values['similarity-only']) {
  const outPath = resolve(values.out!);
  writeFileSync(outPath, `${JSON.stringify({ date: new Date().toISOString(), seed: Number(values.seed), machine: { cpus: cpus().length, node: process.version }, similarity }, null, 2)}\n`);
  console.log(`results: ${outPath}`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'hindsight-bench-'));
const content = join(work, 'content');
const diagramCache = join(work, 'diagram-cache');
const log = (line: string) => console.log(`[bench] ${line}`);

/**
 * The project as of now, copied to the work folder (with node_modules linked): Astro keeps
 * generated files in `<root>/.astro` (content modules, prerendered chunks), so builds of the real
 * project running at the same time (other people, tests, a dev server) must not share a root.
 */
const root = join(work, 'root');
mkdirSync(root);
for (const name of ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json', '.gitignore']) {
  if (existsSync(join(ROOT, name))) cpSync(join(ROOT, name), join(root, name), { recursive: true });
}
symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
const peerRoot = join(work, 'peer');
writePeerSite(peerRoot, join(ROOT, 'node_modules'));

interface PhaseResult {
  name: string;
  wallMs: number;
  /**
   * User + system CPU time of the build and every process it started (Chromium, Pagefind), from
   * /proc: less skewed than wall time by whatever else the machine is doing.
   */
  cpuSeconds?: number;
  /** Memory of the build's whole process tree (sum of PSS: shared pages split between processes), at its highest. */
  peakMemoryBytes: number;
  /** RSS of the largest single process (the Node build), at its highest. */
  peakRssLargestProcessBytes: number;
  exitCode: number | null;
  diagrams?: BatchReport;
  /** Time Pagefind took (Hindsight's integration, or the peer's CLI run). */
  searchMs?: number;
  /** Pages in the search index. */
  searchPages?: number;
  /** /proc/loadavg when the phase started: other work on the machine skews the figures. */
  loadAverageAtStart: string;
  /** What the phase is, in words (printed with the results). */
  note: string;
  log: string;
}

interface PhaseSpec {
  name: string;
  note: string;
  /** An ES module run with `node --input-type=module -e` in `cwd`. */
  script: string;
  cwd: string;
  env?: Record<string, string>;
  /** Read the chart batch report from the diagram cache afterwards. */
  diagrams?: boolean;
}

/** `astro build` of `root` into `outDir`, with Astro's cache in `cacheDir`. */
const astroBuildScript = (buildRoot: string, outDir: string, cacheDir: string) =>
  `const { build } = await import(${JSON.stringify(import.meta.resolve('astro'))}); await build({ root: ${JSON.stringify(buildRoot)}, outDir: ${JSON.stringify(outDir)}, cacheDir: ${JSON.stringify(cacheDir)}, mode: 'production' });`;

async function runPhase(spec: PhaseSpec): Promise<PhaseResult> {
  const { name } = spec;
  const logFile = join(work, `${name}.log`);
  const logStream = createWriteStream(logFile);
  const loadAverageAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  log(`phase ${name}: ${spec.note}… (load average ${loadAverageAtStart})`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', spec.script], {
    cwd: spec.cwd,
    // A local throwaway site: SITE_URL says so, as production builds must (and do under CI=true).
    env: { ...process.env, NODE_ENV: 'production', SITE_URL: DEV_SITE, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peak = 0;
  let peakLargest = 0;
  // CPU time per process of the tree, as last seen (a process that ends between two samples loses
  // at most one interval): the build's CPU use, Chromium's renderer included.
  const cpuTicks = new Map<number, number>();
  const sample = () => {
    if (child.pid === undefined) return;
    let sum = 0;
    for (const pid of processTree(child.pid)) {
      const ticks = cpuTicksOf(pid);
      if (ticks !== undefined) cpuTicks.set(pid, Math.max(cpuTicks.get(pid) ?? 0, ticks));
      sum += pssOf(pid);
      peakLargest = Math.max(peakLargest, rssOf(pid));
    }
    peak = Math.max(peak, sum);
  };
  const timer = setInterval(sample, 200);
  let output = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    logStream.write(chunk);
    for (const line of text.split('\n')) if (/\[hindsight:(diagrams|search-index)\]|\[ERROR\]|^\[peer\]/.test(line)) console.log(`         ${line.trim()}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(timer);
  const wallMs = performance.now() - started;
  logStream.end();
  const cpuSeconds = Math.round(([...cpuTicks.values()].reduce((a, b) => a + b, 0) / TICKS_PER_SECOND) * 10) / 10;
  const result: PhaseResult = { name, note: spec.note, wallMs: Math.round(wallMs), cpuSeconds, peakMemoryBytes: peak, peakRssLargestProcessBytes: peakLargest, exitCode, loadAverageAtStart, log: logFile };
  if (exitCode !== 0) {
    console.error(output.slice(-4000));
    throw new Error(`phase ${name} failed with exit code ${exitCode}; log: ${logFile}`);
  }
  if (spec.diagrams) result.diagrams = JSON.parse(readFileSync(join(diagramCache, 'last-build.json'), 'utf8')) as BatchReport;
  const search = /search index: (\d+) postmortems indexed in (\d+) ms/.exec(output) ?? /\[peer\] pagefind: (\d+) pages indexed in (\d+) ms/.exec(output);
  if (search) {
    result.searchPages = Number(search[1]);
    result.searchMs = Number(search[2]);
  }
  log(`phase ${name}: ${(wallMs / 1000).toFixed(1)} s (CPU ${cpuSeconds ?? '?'} s), peak memory ${gib(peak)} (largest process RSS ${gib(peakLargest)})`);
  return result;
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

// ---------------------------------------------------------------------------------------------

log(`generating ${count} postmortems in ${content}`);
const ids = writeSyntheticCorpus(content, count, Number(values.seed));
{
  const saved = process.env.HINDSIGHT_CONTENT_DIR;
  process.env.HINDSIGHT_CONTENT_DIR = content;
  const { entries, problems } = loadPostmortems(root);
  process.env.HINDSIGHT_CONTENT_DIR = saved;
  if (problems.length) {
    for (const p of problems.slice(0, 20)) console.error(formatProblem(p));
    throw new Error(`${problems.length} problems in the generated corpus`);
  }
  const lengths = entries.map((e) => e.data.timeline.length);
  log(`${entries.length} valid; timelines of ${Math.min(...lengths)}–${Math.max(...lengths)} entries (mean ${(lengths.reduce((a, b) => a + b, 0) / lengths.length).toFixed(1)})`);
}

// The peer: astro build, then the Pagefind CLI over its output (its pages are the incident pages).
const peerOut = join(peerRoot, 'dist');
const pagefindCli = join(ROOT, 'node_modules', 'pagefind', 'lib', 'runner', 'bin.cjs');
const peer = await runPhase({
  name: 'peer',
  note: 'plain Astro site over the same MDX files + Pagefind CLI, from clean',
  cwd: peerRoot,
  env: { PEER_CONTENT_DIR: join(content, 'postmortems') },
  script: `${astroBuildScript(peerRoot, peerOut, join(work, 'peer-astro-cache'))}
const { spawnSync } = await import('node:child_process');
const t = performance.now();
const run = spawnSync(process.execPath, [${JSON.stringify(pagefindCli)}, '--site', ${JSON.stringify(peerOut)}], { encoding: 'utf8' });
process.stdout.write(run.stdout); process.stderr.write(run.stderr);
if (run.status !== 0) process.exit(run.status ?? 1);
const pages = /Indexed (\\d+) pages?/.exec(run.stdout)?.[1];
console.log('[peer] pagefind: ' + pages + ' pages indexed in ' + Math.round(performance.now() - t) + ' ms');`,
});

// Hindsight. Each build's environment: the synthetic content, and the bench's own chart cache.
const hindsightEnv = { HINDSIGHT_CONTENT_DIR: content, HINDSIGHT_DIAGRAMS_CACHE: diagramCache };
const baselineOut = join(root, 'dist-baseline');
const baseline = values.attribution
  ? await runPhase({
      name: 'baseline',
      note: 'Hindsight with charts and search off, from clean',
      cwd: root,
      env: { ...hindsightEnv, HINDSIGHT_DIAGRAMS: 'off', HINDSIGHT_SEARCH: 'off' },
      script: astroBuildScript(root, baselineOut, join(work, 'astro-cache-baseline')),
    })
  : undefined;
rmSync(baselineOut, { recursive: true, force: true });

// Cold and warm share one checkout: the output, Astro's cache folder and the chart cache.
const out = join(root, 'dist');
const astroCache = join(work, 'astro-cache');
const hindsightBuild = astroBuildScript(root, out, astroCache);
for (const dir of [out, astroCache, diagramCache, join(root, '.astro')]) rmSync(dir, { recursive: true, force: true });
const cold = await runPhase({ name: 'cold', note: 'Hindsight, full build with everything wiped (output, Astro cache, .astro/, chart cache)', cwd: root, env: hindsightEnv, script: hindsightBuild, diagrams: true });

// Edit one postmortem's timeline, so exactly one chart changes.
const edited = join(content, 'postmortems', `${ids[Math.floor(ids.length / 2)]}.mdx`);
{
  const text = readFileSync(edited, 'utf8');
  const started = /\nstarted: (\S+)\n/.exec(text)![1]!;
  writeFileSync(edited, text.replace('\ntimeline:\n', `\ntimeline:\n  - at: ${started}\n    event: A note added for the benchmark\n    kind: note\n`));
}
const warm = await runPhase({
  name: 'warm',
  note: 'Hindsight, second `npm run build` in the same checkout after editing one postmortem (output, Astro cache and chart cache kept)',
  cwd: root,
  env: hindsightEnv,
  script: hindsightBuild,
  diagrams: true,
});
const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
const rendered = cold.diagrams?.rendered ?? 0;
const results = {
  date: new Date().toISOString(),
  count,
  seed: Number(values.seed),
  machine: { cpus: cpus().length, node: process.version, loadAverageAtEnd: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') },
  phases: { peer, ...(baseline ? { baseline } : {}), cold, warm },
  similarity,
  ratios: {
    coldOverPeer: ratio(cold.wallMs, peer.wallMs),
    warmOverPeer: ratio(warm.wallMs, peer.wallMs),
    peakMemoryOverPeer: ratio(cold.peakMemoryBytes, peer.peakMemoryBytes),
    ...(baseline
      ? {
          baselineOverPeer: ratio(baseline.wallMs, peer.wallMs),
          coldOverBaseline: ratio(cold.wallMs, baseline.wallMs),
          warmOverBaseline: ratio(warm.wallMs, baseline.wallMs),
        }
      : {}),
  },
  cpuRatios:
    peer.cpuSeconds && cold.cpuSeconds && warm.cpuSeconds
      ? { coldOverPeer: ratio(cold.cpuSeconds, peer.cpuSeconds), warmOverPeer: ratio(warm.cpuSeconds, peer.cpuSeconds) }
      : undefined,
  /** Cold chart rendering per chart (Chromium start included), in ms. */
  msPerChart: cold.diagrams && rendered > 0 ? Math.round((cold.diagrams.ms / rendered) * 10) / 10 : undefined,
  targets: {
    coldOverPeer: '≤ 1.6 (N=1000)',
    warmOverPeer: '≤ 1.2 (N=1000)',
    peakMemoryOverPeer: '≤ 1.2 (N=5000)',
    msPerChart: '≤ 10 (cold)',
  },
};
const outPath = resolve(values.out!);
mkdirSync(resolve(outPath, '..'), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(results, null, 2)}\n`);

const row = (p: PhaseResult) =>
  `${p.name.padEnd(13)} ${(p.wallMs / 1000).toFixed(1).padStart(7)} s  (CPU ${String(p.cpuSeconds ?? '?').padStart(5)} s)   peak memory ${gib(p.peakMemoryBytes).padStart(9)} (largest process RSS ${gib(p.peakRssLargestProcessBytes)})${p.diagrams ? `   charts: ${p.diagrams.rendered} rendered, ${p.diagrams.cached} cached in ${(p.diagrams.ms / 1000).toFixed(1)} s` : ''}${p.searchMs !== undefined ? `   search: ${p.searchPages} pages in ${(p.searchMs / 1000).toFixed(1)} s` : ''}`;
console.log(`\nHindsight build benchmark, ${count} postmortems, ${cpus().length} CPUs (load average ${peer.loadAverageAtStart} at the start, ${results.machine.loadAverageAtEnd} at the end)`);
for (const p of [peer, ...(baseline ? [baseline] : []), cold, warm]) console.log(`${row(p)}\n              ${p.note}`);
console.log(`cold / peer        = ${results.ratios.coldOverPeer}   target ≤ 1.6`);
console.log(`warm / peer        = ${results.ratios.warmOverPeer}   target ≤ 1.2`);
console.log(`peak memory / peer = ${results.ratios.peakMemoryOverPeer}   target ≤ 1.2 (cold build's process tree over the peer's)`);
if (results.cpuRatios) console.log(`CPU time: cold / peer = ${results.cpuRatios.coldOverPeer}, warm / peer = ${results.cpuRatios.warmOverPeer}`);
if (baseline) console.log(`baseline / peer = ${results.ratios.baselineOverPeer}, cold / baseline = ${results.ratios.coldOverBaseline}, warm / baseline = ${results.ratios.warmOverBaseline}`);
console.log(`ms per chart (cold, Chromium start included) = ${results.msPerChart}   target ≤ 10`);
console.log(`results: ${outPath}`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
else log(`kept ${work}`);
