/**
 * The insights page in headless Chromium, light and dark: no axe violations, chart text legible
 * against the page (contrast of the SVG's text), chart colours switching with the theme, and
 * screenshots to look at (written to `HINDSIGHT_SCREENSHOTS` or a temp folder).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { buildSite } from '../support/build-site.ts';
import { serveDirectory } from '../support/static-server.ts';
import { chromiumOrSkip } from '../support/browser.ts';
import { launchChromium } from '../../src/lib/charts/renderer/chromium.ts';

const hasBrowser = Boolean(await chromiumOrSkip('insights e2e'));
let browser: Browser;
let server: Awaited<ReturnType<typeof serveDirectory>>;
const shots = process.env.HINDSIGHT_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'hindsight-insights-shots-'));

beforeAll(async () => {
  if (!hasBrowser) return;
  const site = await buildSite('tests/fixtures/insights', { HINDSIGHT_SEARCH: 'off', HINDSIGHT_DIAGRAMS: 'off' });
  server = await serveDirectory(site.outDir);
  browser = (await launchChromium())!;
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.skipIf(!hasBrowser)('insights page in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: has no axe violations, legible chart text, themed colours, and a screenshot`, async () => {
      for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 800 }]] as const) {
        const context = await browser.newContext({ viewport, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(`${server.url}/insights/`);
        expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(scheme === 'dark');

        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

        const colours = await page.evaluate(() => {
          const svg = document.querySelector('#chart-counts svg')!;
          const text = svg.querySelector('text')!;
          const bar = svg.querySelector('rect[fill^="var("]')!;
          // Tailwind 4 colours compute as oklch(): paint each on a canvas to read it back as sRGB.
          const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
          const rgb = (colour: string) => {
            context.clearRect(0, 0, 1, 1);
            context.fillStyle = colour;
            context.fillRect(0, 0, 1, 1);
            const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
            return `rgb(${r}, ${g}, ${b})`;
          };
          return { text: rgb(getComputedStyle(text).fill), background: rgb(getComputedStyle(document.body).backgroundColor), bar: rgb(getComputedStyle(bar).fill) };
        });
        expect(contrast(colours.text, colours.background)).toBeGreaterThanOrEqual(4.5);
        // The SEV1 bar: red-700 in light, red-400 in dark (both ≥ 3:1 against the page).
        expect(colours.bar).toBe(scheme === 'light' ? 'rgb(185, 28, 28)' : 'rgb(248, 113, 113)');
        expect(contrast(colours.bar, colours.background)).toBeGreaterThanOrEqual(3);

        // What insights adds to other pages: a severity page, a service's figures, a repeat's notice.
        if (device === 'desktop') {
          for (const [other, part] of [['/insights/severity/sev2/', 'main'], ['/services/checkout-db/', '#insights'], ['/postmortems/2023-06-15-checkout-db-scan-again/', '[data-repeat-of]']] as const) {
            await page.goto(server.url + other);
            const more = await new AxeBuilder({ page }).include(part).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
            expect(more.violations.map((v) => `${other} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
          }
          await page.goto(`${server.url}/insights/`);
        }

        const path = join(shots, `insights-${scheme}-${device}.png`);
        await page.screenshot({ path, fullPage: true });
        expect(statSync(path).size).toBeGreaterThan(20_000);
        await context.close();
      }
    }, 300_000);
  }

  it('prints the light palette even in dark mode', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(`${server.url}/insights/`);
    await page.emulateMedia({ media: 'print' });
    const bar = await page.evaluate(() => getComputedStyle(document.querySelector('#chart-counts svg rect[fill^="var("]')!).fill);
    expect(bar).toBe('rgb(185, 28, 28)');
    await page.close();
  });
});
