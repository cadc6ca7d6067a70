/**
 * `npm run screenshots -- [--dist dir] [outDir] [path …]`: serves a built site (default `dist/`)
 * and saves light and dark screenshots at desktop, 390 px and 320 px widths of the given pages
 * (default: one page of each type of the demo corpus), to look at what the site shows a person.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../src/lib/charts/renderer/chromium.ts';
import { serveDirectory } from '../tests/support/static-server.ts';

const args = process.argv.slice(2);
const distFlag = args.indexOf('--dist');
const dist = distFlag === -1 ? 'dist' : args.splice(distFlag, 2)[1]!;
const [outDir = 'screenshots', ...paths] = args;
const incident = '/postmortems/2024-06-05-checkout-db-slowdown/';
const pages = paths.length
  ? paths
  : ['/', '/postmortems/', '/postmortems/by-severity/', '/causes/', '/causes/database/', incident, '/services/', '/services/checkout-db/', '/runbooks/', '/runbooks/deploy-rollback/', '/runbooks/deploy-rollback/embed/', '/search/?q=database&severity=SEV1', '/format/', '/no-such-page/'];
const devices = [
  ['desktop', { width: 1280, height: 900 }],
  ['390', { width: 390, height: 844 }],
  ['320', { width: 320, height: 640 }],
] as const;

const browser = await launchChromium();
if (!browser) {
  console.error('No Chromium found: set CHROMIUM_PATH or install it (apt-get install -y chromium).');
  process.exit(1);
}
const server = await serveDirectory(dist);
mkdirSync(outDir, { recursive: true });
for (const scheme of ['light', 'dark'] as const) {
  for (const [device, viewport] of devices) {
    // Phones are touch screens: no hover, a coarse pointer (the `/` hint hides, as on a phone).
    const phone = device !== 'desktop';
    const page = await browser.newPage({ viewport, colorScheme: scheme, isMobile: phone, hasTouch: phone });
    for (const path of pages) {
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${scheme}-${device}.png`;
      await page.screenshot({ path: join(outDir, name), fullPage: true });
      console.log(join(outDir, name));
    }
    await page.close();
  }
}
await browser.close();
await server.close();
