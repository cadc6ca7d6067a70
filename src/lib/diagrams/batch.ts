/**
 * Renders every diagram a build needs, in one batch: what the disk cache has is skipped, the rest
 * goes through one Chromium page (see render.ts) and into the cache. Prints progress as
 * `diagrams 120/1000, 87 cached`.
 */
import { findChromium } from '../chromium.ts';
import { isCached, renderIdFor, writeCached } from './cache.ts';
import { diagramKey, mermaidBundle, mermaidVersion, type DiagramTheme } from './config.ts';
import { startRenderer } from './render.ts';

export interface DiagramRequest {
  source: string;
  theme: DiagramTheme;
}

export interface BatchReport {
  /** Distinct diagrams (source × theme) the build needs. */
  total: number;
  /** Found in the cache. */
  cached: number;
  /** Rendered now (and written to the cache). */
  rendered: number;
  /** Could not be rendered: pages fall back to client-side rendering for these. */
  failed: { key: string; error: string }[];
  /** `missing`: no Chromium found; `failed`: Chromium would not start. */
  browser: 'ok' | 'missing' | 'failed' | 'not-needed';
  browserError?: string;
  ms: number;
}

export interface BatchOptions {
  root: string;
  cacheDir: string;
  /** Progress and summary lines. */
  log?: (line: string) => void;
  env?: Record<string, string | undefined>;
  /** Minimum time between progress lines. */
  progressEveryMs?: number;
}

export async function renderDiagrams(requests: readonly DiagramRequest[], options: BatchOptions): Promise<BatchReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const version = mermaidVersion(options.root);
  const unique = new Map<string, DiagramRequest>();
  for (const r of requests) unique.set(diagramKey(r.source, r.theme, version), r);
  // Light first, then dark: the renderer switches themes once.
  const missing = [...unique].filter(([key]) => !isCached(options.cacheDir, key)).sort(([, a], [, b]) => (a.theme === b.theme ? 0 : a.theme === 'light' ? -1 : 1));
  const report: BatchReport = { total: unique.size, cached: unique.size - missing.length, rendered: 0, failed: [], browser: 'not-needed', ms: 0 };
  const finish = () => ({ ...report, ms: Math.round(performance.now() - started) });
  const progress = (done: number) => log(`diagrams ${report.cached + done}/${report.total}, ${report.cached} cached`);
  if (!missing.length) {
    progress(0);
    return finish();
  }
  const executablePath = await findChromium(options.env);
  if (!executablePath) return { ...finish(), browser: 'missing' };
  let renderer;
  try {
    renderer = await startRenderer(executablePath, mermaidBundle(options.root));
  } catch (error) {
    return { ...finish(), browser: 'failed', browserError: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  report.browser = 'ok';
  progress(0);
  let lastLog = performance.now();
  let written = 0;
  try {
    const jobs = missing.map(([key, r]) => ({ id: renderIdFor(key), source: r.source, theme: r.theme }));
    await renderer.render(jobs, (done, results) => {
      // Write as results arrive, so an interrupted build keeps what it rendered.
      for (; written < results.length; written++) {
        const result = results[written]!;
        const key = missing[written]![0];
        if (result.ok) {
          writeCached(options.cacheDir, key, result.svg);
          report.rendered++;
        } else report.failed.push({ key, error: result.error });
      }
      const now = performance.now();
      if (done === jobs.length || now - lastLog >= (options.progressEveryMs ?? 2000)) {
        lastLog = now;
        progress(done);
      }
    });
  } finally {
    await renderer.close();
  }
  return finish();
}
