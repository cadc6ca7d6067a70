/**
 * Timeline charts in the built site: static SVG rendered in Chromium at build (cached across
 * builds), and the client-side fallback when no Chromium is reachable.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, FIXTURE_SITE, idsIn, ROOT } from '../support/build-site.ts';
import { findChromium } from '../../src/lib/charts/renderer/chromium.ts';
import type { BatchReport } from '../../src/lib/charts/renderer/batch.ts';

const FIXTURE = 'tests/fixtures/site';
const published = readdirSync(`${FIXTURE}/postmortems`)
  .map((f) => f.replace(/\.mdx$/, ''))
  .filter((id) => id !== '2022-01-15-draft-incident');
const page = (site: { read: (p: string) => string }, id: string) => site.read(`postmortems/${id}/index.html`);
const report = (cacheDir: string) => JSON.parse(readFileSync(join(cacheDir, 'last-build.json'), 'utf8')) as BatchReport;
/** The text of every `<text>` element of the first inline SVG with the given class. */
const svgTexts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim());
const chartSvgs = (html: string) => [...html.matchAll(/<svg id="timeline-chart-[^"]*"[\s\S]*?<\/svg>/g)].map((m) => m[0]);

const chromium = await findChromium();
const mustRun = process.env.CI === 'true';
if (!chromium && !mustRun) console.log('diagrams.test.ts: no Chromium found (CHROMIUM_PATH, Playwright, /usr/bin/chromium): skipping the static-render suite');

describe.skipIf(!chromium && !mustRun)('charts rendered at build', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'hindsight-diagram-cache-'));
  let site: Awaited<ReturnType<typeof buildSite>>;
  let first: BatchReport;

  beforeAll(async () => {
    site = await buildSite(FIXTURE, { HINDSIGHT_DIAGRAMS_CACHE: cacheDir });
    first = report(cacheDir);
  });

  it('renders every published chart (and the dark palette once) in one batch', () => {
    expect(first).toMatchObject({ total: published.length + 1, cached: 0, rendered: published.length + 1, failed: [], browser: 'ok' });
  });

  it('inlines one SVG per chart, with the light and the dark palette, whose text includes the events', () => {
    for (const id of published) {
      const svgs = chartSvgs(page(site, id));
      expect(svgs, id).toHaveLength(1);
      const svg = svgs[0]!;
      expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Timeline of [^"]+"[^>]*aria-describedby="[^"]+-desc"/);
      // Light rules as rendered; dark rules only on screens (print stays light), under html.dark and,
      // without JavaScript, for a system in dark mode.
      const css = /<style>([\s\S]*?)<\/style>/.exec(svg)![1]!;
      expect(css).toMatch(new RegExp(`^#timeline-chart-${id}-svg\\{color:#cbd5e1\\}#timeline-chart-${id}-svg\\{`));
      expect(css).toMatch(/@media screen\{html\.dark #timeline-chart-[^{]+\{color:#334155\}/);
      expect(css).toMatch(/\.task0[^{]*\{fill:#7dd3fc;stroke:#0284c7;\}/);
      expect(css).toContain('html.dark #timeline-chart-');
      expect(css).toMatch(/@media screen and \(prefers-color-scheme:dark\)\{html:not\(\.light\) #timeline-chart-[^{]+\{color:#334155\}/);
      // Mermaid's flowchart edge styles are dropped: nothing in a Gantt chart uses them.
      expect(css).not.toContain('edge-animation');
    }
    const dns = chartSvgs(page(site, '2021-11-02-review-dns'))[0]!;
    expect(svgTexts(dns)).toEqual(expect.arrayContaining(['Resolver stops answering', 'Latency alert fires', 'Resolver restarted', 'Detected +4 min', '09:00', '09:40']));
    const seed = svgTexts(chartSvgs(page(site, '2024-06-05-checkout-db-slowdown'))[0]!);
    expect(seed).toEqual(expect.arrayContaining(['Impact 1 h 30 min', 'Rollback of the recent code…', '14:00', '15:30']));
    // Author text stays text: the event with markup in it is drawn, not run.
    const berlin = chartSvgs(page(site, '2023-03-10-berlin-queue-backlog'))[0]!;
    // Labels are cut at 36 characters (GANTT_OPTIONS), at a word: the table has the whole text.
    expect(svgTexts(berlin)).toContain('Consumer v2 deployed: batch size…');
    expect(svgTexts(berlin)).toContain('Queue age passes 10 minutes…');
    for (const text of [...svgTexts(berlin), ...seed]) expect(Array.from(text).length).toBeLessThanOrEqual(36);
    expect(berlin).not.toContain('<script');
  });

  it('gives every SVG a title and description, and ids unique on the page', () => {
    for (const id of published) {
      const html = page(site, id);
      for (const svg of chartSvgs(html)) {
        expect(svg).toMatch(/<title id="[^"]+-title">Timeline of /);
        expect(svg).toMatch(/<desc id="[^"]+-desc">Gantt chart of \d+ timed event/);
      }
      const all = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(all.length, id).toBe(idsIn(html).size);
    }
  });

  it('is laid out at the printed width of an A4 page and scales down from it', () => {
    const svg = chartSvgs(page(site, '2024-06-05-checkout-db-slowdown'))[0]!;
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 680 \d+"/);
    expect(svg).toMatch(/^<svg [^>]*style="max-width: 680px; height: auto;[^"]*" width="100%"/);
  });

  it('offers the Mermaid source under the chart, and ships no mermaid JavaScript', () => {
    for (const id of published) {
      const html = page(site, id);
      expect(html).toMatch(/<details class="timeline-chart-source[^>]*>[\s\S]*?<pre[^>]*><code[^>]*>gantt\n/);
      expect(html).not.toMatch(/<pre class="mermaid"/);
      expect(html).not.toMatch(/mermaid[^"']*\.m?js/);
      // The page's own modules only (controls, the copy button), none of them mermaid.
      const sources = [...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
      expect(sources.every((src) => src.startsWith('/_astro/')), id).toBe(true);
    }
    expect(site.exists('_hindsight/mermaid/mermaid.esm.min.mjs')).toBe(false);
  });

  it('renders nothing on a second build: every chart comes from the cache', async () => {
    const again = await buildSite(FIXTURE, { HINDSIGHT_DIAGRAMS_CACHE: cacheDir });
    expect(report(cacheDir)).toMatchObject({ total: published.length + 1, cached: published.length + 1, rendered: 0, browser: 'not-needed' });
    const id = '2024-06-05-checkout-db-slowdown';
    expect(page(again, id)).toBe(page(site, id));
  });
});

/** Builds in a child process, to see what the build prints. */
function runBuild(env: Record<string, string>) {
  const outDir = join(mkdtempSync(join(tmpdir(), 'hindsight-nobrowser-')), 'dist');
  // Astro stages prerendered pages in `<cwd>/.astro/` when the output is outside the working
  // directory: run from a folder of our own inside the project (so that packages still resolve),
  // not to share that staging folder with other builds of the project running at the same time.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const cwd = mkdtempSync(join(ROOT, 'node_modules/.cache/hindsight-build-'));
  return new Promise<{ code: number | null; output: string; outDir: string }>((done) => {
    execFile(
      join(ROOT, 'node_modules/.bin/astro'),
      // --force: the content layer's cache in node_modules/.astro may hold another content folder
      // (`astro check` syncs content/ first), and two folders with the same file name collide.
      ['build', '--root', ROOT, '--outDir', outDir, '--force'],
      { cwd, env: { ...process.env, HINDSIGHT_CONTENT_DIR: join(ROOT, FIXTURE), NODE_ENV: 'production', SITE_URL: FIXTURE_SITE, ...env } },
      (error, stdout, stderr) => {
        rmSync(cwd, { recursive: true, force: true });
        done({ code: error ? (error.code as number) : 0, output: stdout + stderr, outDir });
      },
    );
  });
}

describe('without a browser', () => {
  let result: Awaited<ReturnType<typeof runBuild>>;
  const read = (path: string) => readFileSync(join(result.outDir, path), 'utf8');

  beforeAll(async () => {
    result = await runBuild({ CHROMIUM_PATH: '/nonexistent/chromium', HINDSIGHT_DIAGRAMS_CACHE: mkdtempSync(join(tmpdir(), 'hindsight-empty-cache-')) });
  });

  it('still builds, with one warning that says how to get Chromium', () => {
    expect(result.code, result.output).toBe(0);
    const warnings = result.output.split('\n').filter((l) => /hindsight:diagrams/.test(l) && /WARN|warn/i.test(l));
    expect(warnings, result.output).toHaveLength(1);
    expect(warnings[0]).toMatch(/no Chromium found/);
    expect(warnings[0]).toContain('apt-get install -y chromium');
    expect(warnings[0]).toContain('CHROMIUM_PATH');
    expect(result.output).not.toMatch(/^\s+at /m);
  });

  it('falls back to drawing the chart in the browser, loading mermaid only on incident pages', () => {
    for (const id of published) {
      const html = read(`postmortems/${id}/index.html`);
      expect(html).toMatch(/<pre class="mermaid"[^>]*>gantt\n/);
      expect(html).toContain('<script type="module" src="/_hindsight/mermaid/render.mjs"></script>');
      expect(html).not.toMatch(/<svg id="timeline-chart-/);
    }
    expect(read('index.html')).not.toContain('mermaid');
    expect(read('postmortems/index.html')).not.toContain('mermaid');
    expect(read('_hindsight/mermaid/mermaid.esm.min.mjs')).toContain('chunks/mermaid.esm.min/');
    expect(read('_hindsight/mermaid/render.mjs')).toMatch(/^import mermaid from "\.\/mermaid\.esm\.min\.mjs";/);
  });
});

describe('with charts turned off (HINDSIGHT_DIAGRAMS=off, the benchmark baseline)', () => {
  it('builds incident pages without a chart, its script or its source', async () => {
    const site = await buildSite(FIXTURE, { HINDSIGHT_DIAGRAMS: 'off', HINDSIGHT_DIAGRAMS_CACHE: mkdtempSync(join(tmpdir(), 'hindsight-off-cache-')) });
    for (const id of published) {
      const html = page(site, id);
      expect(html, id).not.toContain('<figure class="timeline-chart"');
      expect(html).not.toContain('timeline-chart-copy');
      expect(html).not.toMatch(/<svg id="timeline-chart|class="mermaid"|mermaid\.esm/);
      expect(html).toContain('id="timeline"');
    }
  });
});
