/**
 * Security headers, end to end: the fixture site served with the headers of its own `_headers`
 * file, driven in headless Chromium. Every control works under the Content-Security-Policy, no
 * page reports a violation, and an inline script that got into a page does not run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite } from '../support/build-site.ts';
import { serveDirectory } from '../support/static-server.ts';
import { chromiumOrSkip } from '../support/browser.ts';
import { launchChromium } from '../../src/lib/charts/renderer/chromium.ts';

const hasBrowser = Boolean(await chromiumOrSkip('headers e2e'));
const INCIDENT = '/postmortems/2023-03-10-berlin-queue-backlog/';
let site: Awaited<ReturnType<typeof buildSite>>;
let browser: Browser;
let context: BrowserContext;
let server: Awaited<ReturnType<typeof serveDirectory>>;
/** CSP violations the pages reported, by page URL. */
const violations: string[] = [];

beforeAll(async () => {
  if (!hasBrowser) return;
  site = await buildSite('tests/fixtures/site');
  // What an attacker's markup would look like had it reached a page: an inline script and an inline handler.
  mkdirSync(join(site.outDir, 'csp-probe'));
  writeFileSync(
    join(site.outDir, 'csp-probe', 'index.html'),
    '<!doctype html><html><head><title>probe</title><script>window.injected = "script"</script></head><body><img src="/nope.png" onerror="window.injected = \'handler\'"><p>probe</p></body></html>',
  );
  server = await serveDirectory(site.outDir);
  browser = (await launchChromium())!;
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.goto(`${server.url}${path}`);
  return page;
}

describe.skipIf(!hasBrowser)('under the served Content-Security-Policy', () => {
  it('the server sends the headers of _headers: a CSP without unsafe-inline scripts, nosniff, a referrer policy', async () => {
    const response = await fetch(`${server.url}${INCIDENT}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).toContain("'wasm-unsafe-eval'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBeTruthy();
    const embed = await fetch(`${server.url}/runbooks/queue-backlog/embed/`);
    const embedCsp = embed.headers.get('content-security-policy') ?? '';
    expect(embedCsp).toContain("frame-ancestors 'self'");
    expect(embedCsp).not.toContain("frame-ancestors 'none'");
  });

  it('an injected inline script and inline event handler do not run', async () => {
    const page = await open('/csp-probe/');
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => (window as { injected?: string }).injected)).toBeUndefined();
    // Script added at run time is blocked too.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = "dynamic"';
      document.head.append(s);
    });
    expect(await page.evaluate(() => (window as { injected?: string }).injected)).toBeUndefined();
    expect(violations.filter((v) => v.includes('/csp-probe/')).length).toBeGreaterThan(0);
    await page.close();
  });

  it('the theme toggle works, and the stored theme is applied before paint on the next page', async () => {
    const page = await open(INCIDENT);
    const toggle = page.locator('.theme-toggle');
    await expect(toggle.isVisible()).resolves.toBe(true);
    const before = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(!before);
    await page.goto(`${server.url}/postmortems/`);
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(!before);
    await page.close();
  });

  it('`/` focuses the search box', async () => {
    const page = await open(INCIDENT);
    await page.waitForLoadState('load');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await page.close();
  });

  it('copy-link controls copy the full URL', async () => {
    const page = await open(INCIDENT);
    const link = page.locator('a[data-copy-link]').first();
    await link.click();
    await page.waitForSelector('a[data-copy-link][data-copied]');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^${server.url}${INCIDENT}#.+`));
    await page.close();
  });

  it('the chart copy button copies the Mermaid source', async () => {
    const page = await open(INCIDENT);
    await page.locator('.timeline-chart-source summary').click();
    const button = page.locator('.timeline-chart-copy');
    await button.click();
    await page.waitForFunction(() => document.querySelector('.timeline-chart-copy')?.textContent === 'Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^gantt/m);
    await page.close();
  });

  it('search finds incidents (Pagefind runs its WebAssembly)', async () => {
    const page = await open('/search/?q=queue');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-root]')?.dataset.searchQuery === 'queue');
    expect(await page.locator('[data-result-link]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('list filters filter the incident list', async () => {
    const page = await open('/postmortems/');
    await page.waitForSelector('[data-list-filters]:not([hidden])');
    const all = await page.locator('[data-list-pages] tbody tr[data-incident]').count();
    await page.locator('[data-list-filters] select[name="severity"]').selectOption('SEV3');
    await page.waitForFunction(() => /of/.test(document.querySelector('[data-list-count]')?.textContent ?? ''));
    // The filters search the whole index (Pagefind's WebAssembly, under the CSP) and list the matches.
    await page.waitForFunction(() => document.querySelector('[data-filter-status]')?.textContent?.includes('match'));
    const shown = await page.$$eval('[data-filter-rows] tr', (trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[0]!.textContent!.trim()));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all);
    expect(new Set(shown)).toEqual(new Set(['SEV3']));
    await page.close();
  });

  it('short links and aliases redirect, keeping the #fragment', async () => {
    const page = await open('/i/INC-4711/#root-cause');
    await page.waitForURL(`${server.url}${INCIDENT}#root-cause`);
    await page.goto(`${server.url}/postmortems/orders-backlog/#actions`);
    await page.waitForURL(`${server.url}${INCIDENT}#actions`);
    await page.close();
  });

  it('no page reported a CSP violation (except the probe)', () => {
    expect(violations.filter((v) => !v.includes('/csp-probe/'))).toEqual([]);
  });
});
