/**
 * `npm run screenshots -- [outDir] [path …]`: serves `dist/` and saves light and dark screenshots
 * (desktop and phone width) of the given pages, to look at what the site shows a person.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../src/lib/charts/renderer/chromium.ts';
import { serveDirectory } from '../tests/support/static-server.ts';

const [outDir = 'screenshots', ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ['/', '/postmortems/', '/postmortems/2024-06-05-checkout-db-slowdown/'];
const browser = await launchChromium();
if (!browser) {
  console.error('No Chromium found: set CHROMIUM_PATH or install it (apt-get install -y chromium).');
  process.exit(1);
}
const server = await serveDirectory('dist');
mkdirSync(outDir, { recursive: true });
for (const scheme of ['light', 'dark'] as const) {
  for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    const page = await browser.newPage({ viewport, colorScheme: scheme });
    for (const path of pages) {
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${scheme}-${device}.png`;
      await page.screenshot({ path: join(outDir, name), fullPage: device === 'desktop' });
      console.log(join(outDir, name));
    }
    await page.close();
  }
}
await browser.close();
await server.close();
