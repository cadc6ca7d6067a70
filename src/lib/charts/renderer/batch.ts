/**
 * Renders every diagram a build needs, in one batch: what the disk cache has is skipped, the rest
 * goes through one Chromium (see render.ts) and into the cache, started in the order given (the
 * order pages are built in, so that page generation can start while later diagrams still render).
 * Prints progress as `diagrams 120/1000, 87 cached`.
 */
import { isCached, renderIdFor, slimSvg, writeCached } from './cache.ts';
import { diagramKey, mermaidDist, mermaidVersion, type DiagramTheme } from './config.ts';
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
  /** `missing`: no Chromium found; `failed`: Chromium would not start; `not-needed`: all cached. */
  browser: 'ok' | 'missing' | 'failed' | 'not-needed';
  browserError?: string;
  /** Time spent rendering (Chromium start included). */
  ms: number;
}

export interface BatchOptions {
  root: string;
  cacheDir: string;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Minimum time between progress lines. */
  progressEveryMs?: number;
}

export interface BatchPlan {
  total: number;
  cached: number;
  /** Diagrams to render, in request order. */
  missing: { key: string; request: DiagramRequest }[];
  version: string;
}

/** Which of the requested diagrams the cache lacks (request order kept, duplicates dropped). */
export function planDiagrams(requests: readonly DiagramRequest[], options: Pick<BatchOptions, 'root' | 'cacheDir'>): BatchPlan {
  const version = mermaidVersion(options.root);
  const unique = new Map<string, DiagramRequest>();
  for (const r of requests) {
    const key = diagramKey(r.source, r.theme, version);
    if (!unique.has(key)) unique.set(key, r);
  }
  const missing = [...unique].filter(([key]) => !isCached(options.cacheDir, key)).map(([key, request]) => ({ key, request }));
  return { total: unique.size, cached: unique.size - missing.length, missing, version };
}

export interface RunningBatch {
  /** Resolves once `key` is in the cache, or will not be (failed, or the batch ended). */
  ready(key: string): Promise<void>;
  done: Promise<BatchReport>;
}

/** Renders the plan's missing diagrams with the Chromium at `executablePath` (when there is one). */
export function runDiagrams(plan: BatchPlan, executablePath: string | undefined, options: BatchOptions): RunningBatch {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const waiting = new Map<string, () => void>();
  const promises = new Map<string, Promise<void>>();
  for (const { key } of plan.missing) promises.set(key, new Promise<void>((resolve) => waiting.set(key, resolve)));
  const settle = (key: string) => {
    waiting.get(key)?.();
    waiting.delete(key);
  };
  const report: BatchReport = { total: plan.total, cached: plan.cached, rendered: 0, failed: [], browser: 'not-needed', ms: 0 };
  const progress = (done: number) => log(`diagrams ${report.cached + done}/${report.total}, ${report.cached} cached`);

  const run = async (): Promise<BatchReport> => {
    if (!plan.missing.length) {
      progress(0);
      return report;
    }
    if (!executablePath) return { ...report, browser: 'missing' };
    let renderer;
    try {
      renderer = await startRenderer(executablePath, mermaidDist(options.root));
    } catch (error) {
      return { ...report, browser: 'failed', browserError: error instanceof Error ? error.message.split('\n')[0] : String(error) };
    }
    report.browser = 'ok';
    progress(0);
    let lastLog = performance.now();
    let done = 0;
    const jobs = plan.missing.map(({ key, request }) => ({ id: renderIdFor(key), source: request.source, theme: request.theme }));
    try {
      await renderer.render(jobs, (first, results) => {
        results.forEach((result, i) => {
          const key = plan.missing[first + i]!.key;
          if (result.ok) {
            writeCached(options.cacheDir, key, slimSvg(result.svg, renderIdFor(key)));
            report.rendered++;
          } else report.failed.push({ key, error: result.error });
          settle(key);
        });
        done += results.length;
        const now = performance.now();
        if (done === jobs.length || now - lastLog >= (options.progressEveryMs ?? 2000)) {
          lastLog = now;
          progress(done);
        }
      });
    } finally {
      await renderer.close();
    }
    return report;
  };

  const done = run()
    .then((r) => ({ ...r, ms: Math.round(performance.now() - started) }))
    .finally(() => {
      for (const key of [...waiting.keys()]) settle(key);
    });
  return { ready: (key) => promises.get(key) ?? Promise.resolve(), done };
}
