/**
 * The batch renderer: ONE headless Chromium with mermaid loaded in a few pages (one per core, at
 * most MAX_PAGES: each page is its own renderer process, so charts render in parallel while Astro
 * waits for them) renders every diagram of a build, in chunks (a chunk per `page.evaluate`, so
 * progress can be reported and no single message gets huge); each page takes the next chunk when
 * it is done with its last. The pages run in UTC: Gantt sources carry wall-clock times without
 * offsets, and UTC has no DST gaps to shift them.
 */
import { availableParallelism } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.ts';
import { RENDER_SETTINGS, RENDER_WIDTH, type DiagramTheme } from './config.ts';

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

declare global {
  interface Window {
    mermaid: { initialize(config: unknown): void; render(id: string, text: string, container?: Element): Promise<{ svg: string }> };
  }
}

/** Starts Chromium and loads mermaid into `pages` pages (default: one per core, at most MAX_PAGES). */
export async function startRenderer(executablePath: string, mermaidBundle: string, pages = Math.min(MAX_PAGES, availableParallelism())): Promise<Renderer> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: RENDER_WIDTH + 64, height: 800 } });
    const openPage = async (): Promise<Page> => {
      const page = await context.newPage();
      await page.setContent(`<!doctype html><html><body style="margin:0"><div id="host" style="width:${RENDER_WIDTH}px"></div></body></html>`);
      await page.addScriptTag({ path: mermaidBundle });
      return page;
    };
    const renderPages = await Promise.all(Array.from({ length: Math.max(1, pages) }, openPage));
    return {
      async render(jobs, onChunk) {
        let next = 0;
        // Each page renders chunks until none are left: the next chunk goes to the first page free.
        const work = async (page: Page) => {
          let currentTheme: DiagramTheme | undefined;
          while (next < jobs.length) {
            // A chunk never mixes themes: the theme is set once per chunk with initialize().
            const first = next;
            const theme = jobs[first]!.theme;
            let end = first;
            while (end < jobs.length && end - first < CHUNK && jobs[end]!.theme === theme) end++;
            next = end;
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
