/**
 * A site built under a base path (`BASE_PATH=/kb/`, as on a GitHub Pages project site): every
 * internal link, anchor, redirect, embed, feed and sitemap entry resolves to a file in `dist`, and
 * search works when the site is served at /kb/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildSite } from '../support/build-site.ts';
import { crawlSite } from '../support/crawl.ts';
import { serveDirectory } from '../support/static-server.ts';
import { chromiumOrSkip } from '../support/browser.ts';
import { launchChromium } from '../../src/lib/charts/renderer/chromium.ts';

const FIXTURE = 'tests/fixtures/site';
const SITE = 'https://kb.example.org';
const BASE = '/kb/';
let site: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  site = await buildSite(FIXTURE, { BASE_PATH: BASE, SITE_URL: SITE });
});

describe('a build under a base path', () => {
  it('has no broken internal link, anchor, redirect, embed, feed or sitemap entry', () => {
    const { checked, broken, pages } = crawlSite(site.outDir, { site: SITE, base: BASE });
    expect(broken).toEqual([]);
    expect(pages).toBeGreaterThan(40);
    expect(checked).toBeGreaterThan(pages * 10);
  });

  it('writes redirects, feed and sitemap under the base', () => {
    const rules = site.read('_redirects').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rules.length).toBeGreaterThan(3);
    for (const rule of rules) expect(rule).toMatch(/^\/kb\/\S+ \/kb\/\S+ 301$/);
    expect(site.read('i/INC-4711/index.html')).toContain('content="0; url=/kb/postmortems/2023-03-10-berlin-queue-backlog/"');
    expect(site.read('rss.xml')).toContain(`<link>${SITE}/kb/postmortems/2024-06-05-checkout-db-slowdown/</link>`);
    expect(site.read('sitemap.xml')).toContain(`<loc>${SITE}/kb/postmortems/</loc>`);
    expect(site.read('runbooks/queue-backlog/index.html')).toContain(`${SITE}/kb/runbooks/queue-backlog/embed/`);
  });

  it('loads search from under the base', () => {
    expect(site.exists('pagefind/pagefind.js')).toBe(true);
    expect(site.read('search/index.html')).toContain('data-base="/kb/"');
  });
});

const hasBrowser = Boolean(await chromiumOrSkip('base path e2e'));
describe.skipIf(!hasBrowser)('served at /kb/', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDirectory>>;
  beforeAll(async () => {
    server = await serveDirectory(site.outDir, BASE);
    browser = (await launchChromium())!;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds incidents and links them under the base', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
    await page.goto(`${server.url}/kb/search/?q=checkout`);
    await page.waitForSelector('[data-result-link]');
    const links = await page.$$eval('[data-result-link]', (as) => as.map((a) => a.getAttribute('href')!));
    expect(links).toContain('/kb/postmortems/2024-06-05-checkout-db-slowdown/');
    await page.click('[data-result-link]');
    await page.waitForURL(/\/kb\/postmortems\/[^/]+\/$/);
    expect(await page.title()).not.toContain('not found');
    expect(failed).toEqual([]);
    await page.close();
  });

  it('filters the incident list through the index under the base', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/kb/postmortems/?severity=SEV1`);
    await page.waitForFunction(() => document.querySelector('[data-filter-status]')?.textContent?.includes('match'));
    const links = await page.$$eval('[data-filter-rows] a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['/kb/postmortems/2024-06-05-checkout-db-slowdown/']);
    await page.close();
  });
});
