/**
 * The batch renderer: ONE headless Chromium with mermaid loaded in a few pages (one per core left
 * to it, at most MAX_PAGES: each page is its own renderer process, so charts render in parallel
 * where there are cores for it) renders every diagram of a build, in chunks (a chunk per `page.evaluate`, so
 * progress can be reported and no single message gets huge); each page takes the next chunk when
 * it is done with its last. The pages run in UTC: Gantt sources carry wall-clock times without
 * offsets, and UTC has no DST gaps to shift them. A source that asks for a zone (`%% timezone`,
 * a chart across a DST change: see gantt.ts) is drawn with its page's zone set to it. Each page
 * answers Mermaid's label measurements from one layout per chart (measure.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.ts';
import { RENDER_SETTINGS, RENDER_WIDTH, type DiagramTheme } from './config.ts';
import { cacheTextBoxes } from './measure.ts';
import { renderZone } from '../gantt.ts';

export interface RenderJob {
  /** Used as the SVG's id while rendering (post-processing replaces it per page). */
  id: string;
  source: string;
  theme: DiagramTheme;
}

export type RenderResult = { ok: true; svg: string } | { ok: false; error: string };

export interface Renderer {
  /**
   * Renders jobs, starting them in order, handing each chunk's results to `onChunk` (with the index
   * of its first job) as soon as they arrive (chunks of different pages may finish out of order);
   * nothing is kept, so memory does not grow with the batch.
   */
  render(jobs: readonly RenderJob[], onChunk: (first: number, results: RenderResult[]) => void): Promise<void>;
  close(): Promise<void>;
}

const CHUNK = 40;
/** More pages than this add memory (a renderer process each) faster than they add speed. */
const MAX_PAGES = 4;
/**
 * One page per core, but one core is Astro's: it builds pages while the charts render. On two
 * cores a second page made the tree's peak memory 11 % higher (2.06 vs 1.85 GiB, N=1,000) for
 * charts 15 % faster (234 vs 276 s on a heavily loaded machine, within its noise).
 */
const defaultPages = () => Math.max(1, Math.min(MAX_PAGES, availableParallelism() - 1));

declare global {
  interface Window {
    mermaid: { initialize(config: unknown): void; render(id: string, text: string, container?: Element): Promise<{ svg: string }> };
  }
}

/** The origin the render page and mermaid's files are served from (by Playwright, never the network). */
const ORIGIN = 'http://hindsight-render.invalid';

/**
 * A page of `context` ready to render: the `#host` element at the layout width, mermaid loaded
 * from `mermaidDist` (mermaid's `dist` folder). Its ES module is loaded rather than the 5.5 MB
 * `mermaid.min.js`: the module pulls in the Gantt diagram's chunks only, which takes ~0.25 s of
 * Chromium's time instead of ~1 s.
 */
export async function openRenderPage(context: BrowserContext, mermaidDist: string): Promise<Page> {
  const page = await context.newPage();
  // The page imports mermaid's module itself: a function given to page.evaluate() would be
  // serialised after Vite's SSR transform, which rewrites import().
  // Without `window.trustedTypes`, DOMPurify (which Mermaid runs over every SVG) skips asking the
  // Trusted Types API about each attribute it keeps (~0.6 ms per chart); it sanitises the same way
  // (the page enforces no Trusted Types policy), and the SVG is the same.
  const html = `<!doctype html><html><body style="margin:0"><div id="host" style="width:${RENDER_WIDTH}px"></div><script>Object.defineProperty(window, 'trustedTypes', { value: undefined });</script><script type="module">import mermaid from './mermaid.esm.min.mjs'; window.mermaid = mermaid;</script></body></html>`;
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') {
      await route.fulfill({ contentType: 'text/html', body: html });
      return;
    }
    const file = normalize(join(mermaidDist, decodeURIComponent(path)));
    if (file.startsWith(mermaidDist + sep) && extname(file) === '.mjs' && existsSync(file)) await route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) });
    else await route.fulfill({ status: 404 });
  });
  // Module scripts run before the load event goto() waits for.
  await page.goto(`${ORIGIN}/`);
  if (!(await page.evaluate('typeof window.mermaid?.render === "function"'))) throw new Error(`mermaid did not load from ${mermaidDist}`);
  await page.evaluate(cacheTextBoxes);
  return page;
}

/** Starts Chromium and loads mermaid into `pages` pages (see defaultPages). */
export async function startRenderer(executablePath: string, mermaidDist: string, pages = defaultPages()): Promise<Renderer> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    // The zone is set per chunk through DevTools (a context's own `timezoneId` cannot be changed later).
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: RENDER_WIDTH + 64, height: 800 } });
    const openPage = async (): Promise<{ page: Page; devtools: CDPSession }> => {
      const page = await openRenderPage(context, mermaidDist);
      return { page, devtools: await context.newCDPSession(page) };
    };
    const renderPages = await Promise.all(Array.from({ length: Math.max(1, pages) }, openPage));
    const zoneOf = (job: RenderJob) => renderZone(job.source) ?? 'UTC';
    return {
      async render(jobs, onChunk) {
        let next = 0;
        // Each page renders chunks until none are left: the next chunk goes to the first page free.
        const work = async ({ page, devtools }: { page: Page; devtools: CDPSession }) => {
          let currentTheme: DiagramTheme | undefined;
          let currentZone: string | undefined;
          while (next < jobs.length) {
            // A chunk never mixes themes or zones: both are set once per chunk.
            const first = next;
            const theme = jobs[first]!.theme;
            const zone = zoneOf(jobs[first]!);
            let end = first;
            while (end < jobs.length && end - first < CHUNK && jobs[end]!.theme === theme && zoneOf(jobs[end]!) === zone) end++;
            next = end;
            if (zone !== currentZone) {
              // An override in effect must be cleared (empty id) before another is set.
              if (currentZone) await devtools.send('Emulation.setTimezoneOverride', { timezoneId: '' });
              await devtools.send('Emulation.setTimezoneOverride', { timezoneId: zone });
              currentZone = zone;
            }
            const chunk = jobs.slice(first, end).map(({ id, source }) => ({ id, source }));
            const settings = theme === currentTheme ? null : RENDER_SETTINGS[theme];
            currentTheme = theme;
            const out = await page.evaluate(
              async ({ chunk, settings }) => {
                if (settings) window.mermaid.initialize(settings);
                const host = document.getElementById('host')!;
                const done: ({ ok: true; svg: string } | { ok: false; error: string })[] = [];
                for (const { id, source } of chunk) {
                  try {
                    const { svg } = await window.mermaid.render(id, source, host);
                    done.push({ ok: true, svg });
                  } catch (error) {
                    done.push({ ok: false, error: error instanceof Error ? error.message : String(error) });
                  } finally {
                    host.replaceChildren();
                  }
                }
                return done;
              },
              { chunk, settings },
            );
            onChunk(first, out);
          }
        };
        await Promise.all(renderPages.map(work));
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
