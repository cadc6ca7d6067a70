/**
 * Headless Chromium for browser tests. Without Chromium the suite skips with a printed reason,
 * except under CI=true, where a missing browser is a failure.
 */
import { findChromium, launchChromium } from '../../src/lib/charts/renderer/chromium.ts';
import { serveDirectory } from './static-server.ts';

export async function chromiumOrSkip(suite: string): Promise<string | undefined> {
  const path = await findChromium();
  if (path) return path;
  if (process.env.CI === 'true') throw new Error(`${suite}: no Chromium found under CI (install it: apt-get install -y chromium, or set CHROMIUM_PATH)`);
  console.warn(`${suite}: skipped, no Chromium found (install it: apt-get install -y chromium, or set CHROMIUM_PATH)`);
  return undefined;
}

/** A built site served on loopback and a headless Chromium with one page open; `close()` ends both. */
export async function servedInChromium(outDir: string) {
  const server = await serveDirectory(outDir);
  const browser = (await launchChromium())!;
  const page = await browser.newPage();
  return { server, browser, page, close: async () => { await browser.close(); await server.close(); } };
}
