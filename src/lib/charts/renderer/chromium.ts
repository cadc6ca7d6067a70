/**
 * Finding and launching headless Chromium (for diagrams at build time, browser tests and
 * screenshots): `CHROMIUM_PATH`, then Playwright's own browser, then the system `/usr/bin/chromium`.
 */
import { existsSync } from 'node:fs';

/** Flags that keep Chromium from reaching for the network or a GPU (neither exists on CI). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export async function findChromium(env: Record<string, string | undefined> = process.env): Promise<string | undefined> {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  try {
    const { chromium } = await import('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core knows no browser of its own here: fall through to the system one.
  }
  return SYSTEM_PATHS.find((p) => existsSync(p));
}

export async function launchChromium() {
  const executablePath = await findChromium();
  if (!executablePath) return undefined;
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
