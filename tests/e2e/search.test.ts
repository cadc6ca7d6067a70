/** Search, end to end: the demo corpus built and indexed, served locally, driven in headless Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildSite } from '../support/build-site.ts';
import { chromiumOrSkip, servedInChromium } from '../support/browser.ts';
import { CAUSE_LABELS } from '../../src/lib/format/labels.ts';

const hasBrowser = Boolean(await chromiumOrSkip('search e2e'));
let browser: Browser;
let server: { url: string };
let page: Page;
let close: () => Promise<void> = async () => {};
let site: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  if (!hasBrowser) return;
  site = await buildSite('content');
  ({ browser, server, page, close } = await servedInChromium(site.outDir));
});
afterAll(() => close());

const resultIds = (p: Page) => p.$$eval('[data-result-link]', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/')[2]));

/** Types a query like a person and waits until its results are on screen; returns keystroke-to-results ms. */
async function typeQuery(p: Page, query: string) {
  await p.fill('#search-q', '');
  await p.locator('#search-q').pressSequentially(query);
  await p.waitForFunction((q) => document.querySelector<HTMLElement>('[data-search-root]')?.dataset.searchQuery === q, query);
  return Number(await p.$eval('[data-search-root]', (el) => (el as HTMLElement).dataset.searchMs));
}

async function openSearch(p: Page, query = '') {
  await p.goto(`${server.url}/search/${query}`);
  await p.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-root]')?.dataset.searchReady !== undefined);
  const q = new URLSearchParams(query).get('q');
  if (q) await p.waitForFunction((text) => document.querySelector<HTMLElement>('[data-search-root]')?.dataset.searchQuery === text, q);
}

const RANKED: [query: string, first: string][] = [
  ['full table scan', '2024-06-05-checkout-db-slowdown'],
  ['BGP', '2021-10-04-facebook-bgp-withdrawal'],
  ['regex backtracking', '2019-07-02-cloudflare-regex-cpu-exhaustion'],
  ['certificate expired', '2013-02-22-azure-storage-certificate-expiry'],
  ['thread limit', '2020-11-25-aws-kinesis-us-east-1'],
  ['Consul streaming', '2021-10-28-roblox-consul-outage'],
  ['channel file', '2024-07-19-crowdstrike-channel-file-291'],
  ['leap second', '2017-01-01-cloudflare-leap-second-dns'],
  ['left-pad', '2016-03-22-npm-left-pad-unpublish'],
  ['CAA rechecking', '2020-02-29-letsencrypt-caa-rechecking-bug'],
  ['Transit Gateway', '2021-01-04-slack-outage'],
  ['pg_dump', '2017-01-31-gitlab-database-deletion'],
  ['Orchestrator failover', '2018-10-21-github-network-partition'],
  ['lightning', '2015-08-13-gce-belgium-lightning-storage'],
  ['buffer overrun', '2017-02-17-cloudflare-cloudbleed'],
  ['consecutive whitespace', '2016-07-20-stack-exchange-regex-outage'],
  ['Modify All permissions', '2019-05-17-salesforce-pardot-permissions'],
];

describe.skipIf(!hasBrowser)('search page', () => {
  it('ranks the incident whose root cause or fix matches first', async () => {
    await openSearch(page);
    const latencies: number[] = [];
    for (const [query, first] of RANKED) {
      latencies.push(await typeQuery(page, query));
      expect((await resultIds(page))[0], query).toBe(first);
    }
    latencies.sort((a, b) => a - b);
    const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    console.log(`search latency, keystroke to results, ${latencies.length} queries over the demo corpus: median ${pick(0.5)} ms, p95 ${pick(0.95)} ms`);
  });

  it('shows title, date, severity and cause with a highlighted excerpt', async () => {
    await openSearch(page, '?q=full+table+scan');
    const card = page.locator('[data-search-results] > li').first();
    await expect(card.locator('[data-result-link]').textContent()).resolves.toContain('Checkout database slowdown');
    const text = await card.textContent();
    expect(text).toContain('2024-06-05');
    expect(text).toContain('SEV1');
    expect(text).toContain('Database');
    expect(await card.locator('mark').count()).toBeGreaterThan(0);
  });

  it('narrows by cause category, with counts that match the results', async () => {
    await openSearch(page, '?q=outage');
    const before = (await resultIds(page)).length;
    const networkCount = Number(await page.locator('#f-category-network ~ [data-count]').textContent());
    await page.check('#f-category-network');
    await page.waitForFunction(() => location.search.includes('category=network'));
    await page.waitForFunction((n) => document.querySelectorAll('[data-result-link]').length === n, networkCount);
    const categories = await page.$$eval('[data-search-results] > li', (items) => items.map((li) => li.textContent ?? ''));
    expect(networkCount).toBeGreaterThan(0);
    expect(networkCount).toBeLessThan(before);
    for (const text of categories) expect(text).toContain('Network');
  });

  it('opens a prefilled link with its query and filters applied, and the back button restores the state', async () => {
    await openSearch(page, '?q=database&category=database&severity=SEV1');
    expect(await page.inputValue('#search-q')).toBe('database');
    expect(await page.isChecked('#f-category-database')).toBe(true);
    expect(await page.isChecked('#f-severity-SEV1')).toBe(true);
    const ids = await resultIds(page);
    expect(ids).toContain('2024-06-05-checkout-db-slowdown');
    for (const text of await page.$$eval('[data-search-results] > li', (items) => items.map((li) => li.textContent ?? ''))) {
      expect(text).toContain('SEV1');
      expect(text).toContain('Database');
    }
    await page.uncheck('#f-severity-SEV1');
    await page.waitForFunction(() => !location.search.includes('severity'));
    await page.goBack();
    await page.waitForFunction(() => location.search.includes('severity=SEV1'));
    await page.waitForFunction(() => (document.getElementById('f-severity-SEV1') as HTMLInputElement | null)?.checked === true);
  });

  it('lists each link once for the arrow keys, and excerpts skip the header card', async () => {
    for (const query of ['database', 'outage', 'SEV1 critical']) {
      await openSearch(page, `?q=${encodeURIComponent(query)}`);
      const cards = await page.$$eval('[data-search-results] > li', (items) =>
        items.map((li) => ({
          url: new URL(li.querySelector<HTMLAnchorElement>('[data-result-link]')!.href).pathname,
          title: li.querySelector('[data-result-link]')!.textContent!.trim(),
          subs: [...li.querySelectorAll<HTMLAnchorElement>('[data-sub-result]')].map((a) => ({ title: a.textContent!.trim(), hash: new URL(a.href).hash })),
          excerpt: li.querySelector('h2 + p')!.textContent!.trim(),
        })),
      );
      expect(cards.length, query).toBeGreaterThan(0);
      for (const card of cards) {
        expect(card.subs.map((s) => s.title), card.url).not.toContain(card.title);
        expect(card.subs.map((s) => s.hash), card.url).not.toContain('#incident-title');
        // The header card (severity badge, status, cause chip, id) is not indexed.
        expect(card.excerpt, card.url).not.toMatch(/^(SEV[1-4]|published|review|draft)\b/i);
        expect(card.excerpt, card.url).not.toContain(card.url.split('/')[2]);
      }
    }
  });

  it('links sub-results to the matching section anchor', async () => {
    await openSearch(page, '?q=full+table+scan');
    const sub = page.locator('[data-sub-result][href*="#root-cause"]').first();
    await sub.click();
    await page.waitForURL(/\/postmortems\/2024-06-05-checkout-db-slowdown\/#root-cause$/);
    expect(await page.locator('#root-cause').count()).toBe(1);
  });

  it('works by keyboard alone: / focuses search, Enter moves to results, Enter opens one', async () => {
    await page.goto(`${server.url}/postmortems/`);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await page.keyboard.type('BGP');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-root]')?.dataset.searchQuery === 'BGP');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-result-link'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/postmortems\/2021-10-04-facebook-bgp-withdrawal\/$/);
  });

  it('says so without JavaScript, and links to the browse pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${server.url}/search/?q=bgp`);
    const text = await noJs.locator('main').textContent();
    expect(text).toContain('Search needs JavaScript');
    expect(await noJs.locator('main a[href="/causes/"]').count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe.skipIf(!hasBrowser)('incident list filters', () => {
  /** The filtered rows on screen: severity, cause label and link of each. */
  const filteredRows = (p: Page) =>
    p.$$eval('[data-filter-rows] tr', (rows) => (rows as HTMLTableRowElement[]).map((r) => ({ severity: r.cells[0]!.textContent!.trim(), cause: r.cells[4]!.textContent!.trim(), href: r.querySelector('a')!.getAttribute('href')! })));

  it('search every incident through the index, not only this page, with the state in the URL', async () => {
    const all = (JSON.parse(site.read('api/postmortems.json')) as { postmortems: { id: string; severity: string; causeCategory: string }[] }).postmortems;
    const network = all.filter((pm) => pm.causeCategory === 'network');
    await page.goto(`${server.url}/postmortems/?category=network`);
    await page.waitForFunction(() => document.querySelector('[data-filter-status]')?.textContent?.includes('match'));
    expect(await page.locator('[data-list-pages]').isHidden()).toBe(true);
    let rows = await filteredRows(page);
    expect(rows.map((r) => r.href.split('/')[2]).sort()).toEqual(network.map((pm) => pm.id).sort());
    expect(new Set(rows.map((r) => r.cause))).toEqual(new Set([CAUSE_LABELS.network]));

    await page.selectOption('select[name="severity"]', 'SEV1');
    await page.waitForFunction(() => location.search.includes('severity=SEV1'));
    await page.waitForFunction((n) => document.querySelectorAll('[data-filter-rows] tr').length === n, network.filter((pm) => pm.severity === 'SEV1').length);
    rows = await filteredRows(page);
    for (const row of rows) expect(row).toMatchObject({ severity: 'SEV1', cause: CAUSE_LABELS.network });

    await page.click('button[type="reset"]');
    await page.waitForFunction(() => location.search === '');
    expect(await page.locator('[data-list-pages]').isVisible()).toBe(true);
    expect(await page.locator('[data-filter-results]').isHidden()).toBe(true);
  });
});
