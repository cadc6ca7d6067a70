/**
 * The batch renderer: ONE headless Chromium with ONE page that has mermaid loaded renders every
 * diagram of a build, in chunks (a chunk per `page.evaluate`, so progress can be reported and no
 * single message gets huge). The page runs in UTC: Gantt sources carry wall-clock times without
 * offsets, and UTC has no DST gaps to shift them. A source that asks for a zone (`%% timezone`,
 * a chart across a DST change: see gantt.ts) is drawn with the page's zone set to it.
 */
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.ts';
import { RENDER_SETTINGS, RENDER_WIDTH, type DiagramTheme } from './config.ts';
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
   * Renders jobs in order, handing each chunk's results to `onChunk` (with the index of its first
   * job) as soon as they arrive; nothing is kept, so memory does not grow with the batch.
   */
  render(jobs: readonly RenderJob[], onChunk: (first: number, results: RenderResult[]) => void): Promise<void>;
  close(): Promise<void>;
}

const CHUNK = 40;

declare global {
  interface Window {
    mermaid: { initialize(config: unknown): void; render(id: string, text: string, container?: Element): Promise<{ svg: string }> };
  }
}

/** Starts Chromium and loads mermaid into one page. */
export async function startRenderer(executablePath: string, mermaidBundle: string): Promise<Renderer> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    // The zone is set per chunk through DevTools (a context's own `timezoneId` cannot be changed later).
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: RENDER_WIDTH + 64, height: 800 } });
    const page: Page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await page.setContent(`<!doctype html><html><body style="margin:0"><div id="host" style="width:${RENDER_WIDTH}px"></div></body></html>`);
    await page.addScriptTag({ path: mermaidBundle });
    let currentTheme: DiagramTheme | undefined;
    let currentZone: string | undefined;
    return {
      async render(jobs, onChunk) {
        for (let i = 0; i < jobs.length; ) {
          // A chunk never mixes themes or zones: both are set once per chunk.
          const theme = jobs[i]!.theme;
          const zone = renderZone(jobs[i]!.source) ?? 'UTC';
          let end = i;
          while (end < jobs.length && end - i < CHUNK && jobs[end]!.theme === theme && (renderZone(jobs[end]!.source) ?? 'UTC') === zone) end++;
          if (zone !== currentZone) {
            // An override in effect must be cleared (empty id) before another is set.
            if (currentZone) await devtools.send('Emulation.setTimezoneOverride', { timezoneId: '' });
            await devtools.send('Emulation.setTimezoneOverride', { timezoneId: zone });
            currentZone = zone;
          }
          const chunk = jobs.slice(i, end).map(({ id, source }) => ({ id, source }));
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
          onChunk(i, out);
          i = end;
        }
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
