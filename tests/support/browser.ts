/**
 * Headless Chromium for browser tests. Without Chromium the suite skips with a printed reason,
 * except under CI=true, where a missing browser is a failure.
 */
import { findChromium } from '../../src/lib/charts/renderer/chromium.ts';

export async function chromiumOrSkip(suite: string): Promise<string | undefined> {
  const path = await findChromium();
  if (path) return path;
  if (process.env.CI === 'true') throw new Error(`${suite}: no Chromium found under CI (install it: apt-get install -y chromium, or set CHROMIUM_PATH)`);
  console.warn(`${suite}: skipped, no Chromium found (install it: apt-get install -y chromium, or set CHROMIUM_PATH)`);
  return undefined;
}
