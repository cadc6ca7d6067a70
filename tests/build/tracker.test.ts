/**
 * The action tracker and similar incidents on a built fixture site (tests/fixtures/tracker), as of
 * a fixed build date: the page, the CSV and the JSON agree; drafts never count and internal
 * postmortems do not in a public build; the filters work in Chromium with their state in the URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'mdast-util-to-string';
import type { Element, Root } from 'hast';
import Ajv2020 from 'ajv/dist/2020.js';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { buildSite } from '../support/build-site.ts';
import { chromiumOrSkip, servedInChromium } from '../support/browser.ts';

const FIXTURE = 'tests/fixtures/tracker';
// 2025-03-10T12:00:00Z: the build date is 2025-03-10.
const ENV = { SOURCE_DATE_EPOCH: String(Date.UTC(2025, 2, 10, 12) / 1000) };
const API = '2025-01-10-api-regex-cpu';
const SEARCH = '2025-02-01-search-regex-backtracking';
const LONE = '2024-11-05-lone-power';
let site: Awaited<ReturnType<typeof buildSite>>;
let publicSite: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  site = await buildSite(FIXTURE, ENV);
  publicSite = await buildSite(FIXTURE, { ...ENV, HINDSIGHT_VISIBILITY: 'public' });
});

/** Every element of a tree that passes `test`, in document order. */
function elements(tree: Root | Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (test(child)) out.push(child);
      walk(child);
    }
  };
  walk(tree);
  return out;
}
const links = (e: Root | Element) => elements(e, (x) => x.tagName === 'a').map((a) => String(a.properties.href));

/** The tracker table's rows as the page shows them. */
function pageRows(html: string) {
  return elements(fromHtml(html), (e) => e.tagName === 'tr' && e.properties.dataAction !== undefined).map((tr) => {
    const cells = elements(tr, (e) => e.tagName === 'td');
    return { href: links(cells[0]!)[0]!, title: toString(cells[0]!), status: String(tr.properties.dataStatus), owner: String(tr.properties.dataOwner), overdue: tr.properties.dataOverdue === '1', closed: toString(cells[7]!), ticketLinks: links(cells[8]!) };
  });
}
const csvRows = (text: string) => (parse(text, { columns: true }) as Record<string, string>[]);
const json = (s: typeof site, path: string) => JSON.parse(s.read(path));

describe('tracker page, CSV and JSON', () => {
  it('says plainly as of which day', () => {
    expect(site.read('actions/index.html')).toMatch(/As of <time datetime="2025-03-10"[^>]*>2025-03-10<\/time>, the day this site was built/);
    expect(json(site, 'api/actions.json').asOf).toBe('2025-03-10');
  });

  it('list the same action items in the same order, published ones only', () => {
    for (const [s, expected] of [[site, 9], [publicSite, 8]] as const) {
      const rows = pageRows(s.read('actions/index.html'));
      const csv = csvRows(s.read('actions.csv'));
      const api = json(s, 'api/actions.json').actions as { url: string; title: string; status: string; overdue: boolean; closed: string | null }[];
      expect(rows).toHaveLength(expected);
      expect(csv.map((r) => new URL(r.url!).pathname + new URL(r.url!).hash)).toEqual(rows.map((r) => r.href));
      expect(api.map((a) => new URL(a.url).pathname + new URL(a.url).hash)).toEqual(rows.map((r) => r.href));
      expect(api.map((a) => a.title)).toEqual(rows.map((r) => r.title));
      expect(csv.map((r) => r.status)).toEqual(rows.map((r) => r.status));
      expect(api.map((a) => a.overdue)).toEqual(rows.map((r) => r.overdue));
      expect(csv.map((r) => r.overdue === 'yes')).toEqual(rows.map((r) => r.overdue));
      expect(api.map((a) => a.closed ?? '—')).toEqual(rows.map((r) => r.closed));
      for (const other of ['by-due', 'by-priority', 'by-owner', 'by-incident']) expect(pageRows(s.read(`actions/${other}/index.html`)).map((r) => r.href).sort()).toEqual(rows.map((r) => r.href).sort());
    }
  });

  it('never count a draft, and leave internal postmortems out of public builds everywhere', () => {
    for (const s of [site, publicSite]) {
      for (const path of ['actions/index.html', 'actions/by-owner/index.html', 'actions.csv', 'api/actions.json']) {
        expect(s.read(path), path).not.toContain('Draft action nobody may see');
        expect(s.read(path), path).not.toContain('draft-owner');
      }
      expect(s.exists('actions/owner/draft-owner/index.html')).toBe(false);
    }
    expect(site.read('actions.csv')).toContain('secret-team');
    for (const path of ['actions/index.html', 'actions/by-due/index.html', 'actions.csv', 'api/actions.json', `postmortems/${SEARCH}/index.html`, `api/postmortems/${API}.json`]) {
      expect(publicSite.read(path), path).not.toMatch(/secret-team|billing-cert-internal|Automate certificate renewal/);
    }
    expect(publicSite.exists('actions/owner/secret-team/index.html')).toBe(false);
  });

  it('show the follow-through figures counted by hand', () => {
    // Public build: 8 items; done 2 (one undated), dropped 1; overdue: "Cap regex…" (due the 9th)
    // and "Run user regexes…" (due 2025-02-15); closed 10 and 30 days after their incident.
    const html = publicSite.read('actions/index.html');
    const section = html.slice(html.indexOf('id="follow-through"'), html.indexOf('</section>', html.indexOf('id="follow-through"')));
    const text = toString(fromHtml(section));
    expect(text).toMatch(/Done\s*25%\s*2 of 8 items \(1 dropped\)/);
    expect(text).toMatch(/Median days, incident to closed\s*20\s*over 2 closed items with a date/);
    expect(text).toMatch(/Open\s*5\s*4 open, 1 in progress/);
    expect(text).toMatch(/Overdue\s*2/);
    expect(text).toMatch(/under 30 days0.*30–89 days4.*90–364 days1.*a year or more0/s);
    const internal = toString(fromHtml(site.read('actions/index.html').split('id="follow-through"')[1]!.split('</section>')[0]!));
    expect(internal).toMatch(/Overdue\s*3/);
  });

  it('link titles to their anchors on the incident page, and tickets only when they are web URLs', () => {
    const rows = pageRows(site.read('actions/index.html'));
    for (const row of rows) {
      const [path, anchor] = row.href.split('#');
      const page = site.read(`${path!.slice(1)}index.html`);
      expect(page, row.href).toContain(`id="${anchor}"`);
    }
    expect(rows.find((r) => r.title === 'Cap regex run time in the request validator')!.ticketLinks).toEqual(['https://tickets.example.com/PLAT-1']);
    expect(rows.find((r) => r.title.startsWith('=HYPERLINK'))!.ticketLinks).toEqual([]);
    expect(site.read('actions/index.html')).not.toMatch(/href="javascript:/i);
  });

  it('neutralise formulas in the CSV and keep the text otherwise intact', () => {
    const row = csvRows(site.read('actions.csv')).find((r) => r.title!.includes('HYPERLINK'))!;
    expect(row.title).toBe('\'=HYPERLINK("https://evil.example", "click"), said the "attacker"');
    expect(row.owner).toBe("'@ops");
    expect(row.ticket).toBe("'+SUPPORT-12");
  });

  it('validate against the published JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(json(site, 'api/schema/actions.json'));
    expect(validate(json(site, 'api/actions.json')) ? [] : validate.errors).toEqual([]);
    expect(validate({ asOf: '2025-03-10', actions: [{ postmortem: 'x' }] })).toBe(false);
  });

  it('give each owner a page with open and overdue items first', () => {
    const html = site.read('actions/owner/dba-team/index.html');
    const open = html.slice(html.indexOf('id="open"'), html.indexOf('id="closed"'));
    const closed = html.slice(html.indexOf('id="closed"'));
    expect(pageRows(open).map((r) => [r.title, r.overdue])).toEqual([['Run user regexes with a time limit', true]]);
    expect(pageRows(closed).map((r) => r.title)).toEqual(['Add a CPU alert per route']);
    expect(site.exists('actions/owner/ops/index.html')).toBe(true);
  });

  it('show closed dates on the incident page', () => {
    const html = site.read(`postmortems/${API}/index.html`);
    const actions = toString(fromHtml(html.slice(html.indexOf('id="actions"'), html.indexOf('id="lessons"'))));
    expect(actions).toContain('Closed');
    expect(actions).toMatch(/Add a CPU alert per route.*done.*2025-01-20/s);
    expect(actions).toMatch(/Cap regex run time.*open overdue/s);
  });
});

describe('similar incidents on the fixture site', () => {
  it('list hand-written related incidents first, then computed ones, on the page and in the JSON', () => {
    const html = site.read(`postmortems/${SEARCH}/index.html`);
    const section = html.slice(html.indexOf('id="similar"'), html.indexOf('</section>', html.indexOf('id="similar"')));
    expect(links(fromHtml(section)).filter((h) => h.startsWith('/postmortems/'))).toEqual([`/postmortems/${LONE}/`, `/postmortems/${API}/`]);
    expect(toString(fromHtml(section))).toContain('linked by the authors');
    expect(toString(fromHtml(section))).toMatch(/same cause: Software bug · both mention '/);
    const similar = json(site, `api/postmortems/${SEARCH}.json`).similar as { id: string; handWritten: boolean; reasons: string[] }[];
    expect(similar.map((s) => [s.id, s.handWritten])).toEqual([[LONE, true], [API, false]]);
  });

  it('show no list for an incident nothing resembles', () => {
    expect(site.read(`postmortems/${LONE}/index.html`)).not.toContain('id="similar"');
    expect(json(site, `api/postmortems/${LONE}.json`).similar).toEqual([]);
  });
});

const hasBrowser = Boolean(await chromiumOrSkip('tracker e2e'));
describe.skipIf(!hasBrowser)('tracker filters in Chromium', () => {
  let browser: Browser;
  let server: { url: string };
  let page: Page;
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ browser, server, page, close } = await servedInChromium(site.outDir));
  });
  afterAll(() => close());
  const visibleTitles = () => page.$$eval('tr[data-action]:not([hidden]) td:first-child', (cells) => cells.map((c) => c.textContent?.trim()));

  it('reads the state from the URL', async () => {
    await page.goto(`${server.url}/actions/?owner=dba-team&overdue=1`);
    expect(await visibleTitles()).toEqual(['Run user regexes with a time limit']);
    expect(await page.inputValue('select[name="owner"]')).toBe('dba-team');
    expect(await page.isChecked('input[name="overdue"]')).toBe(true);
    expect(await page.textContent('[data-action-count]')).toBe('(1 of 9)');
  });

  it('writes the state to the URL, carries it to the other orders and goes back', async () => {
    await page.goto(`${server.url}/actions/`);
    expect(await visibleTitles()).toHaveLength(9);
    await page.selectOption('select[name="status"]', 'open');
    expect(new URL(page.url()).search).toBe('?status=open');
    expect(await visibleTitles()).toHaveLength(5);
    await page.check('input[name="overdue"]');
    expect(new URL(page.url()).search).toBe('?status=open&overdue=1');
    expect((await visibleTitles()).sort()).toEqual(['Automate certificate renewal for billing', 'Cap regex run time in the request validator']);
    await page.click('a[data-sort-link][href*="/actions/by-due/"]');
    await page.waitForURL(/by-due/);
    expect(new URL(page.url()).search).toBe('?status=open&overdue=1');
    expect(await visibleTitles()).toEqual(['Automate certificate renewal for billing', 'Cap regex run time in the request validator']);
    await page.goBack();
    await page.goBack();
    await page.waitForFunction(() => location.search === '?status=open');
    expect(await page.inputValue('select[name="status"]')).toBe('open');
    expect(await page.isChecked('input[name="overdue"]')).toBe(false);
    expect(await visibleTitles()).toHaveLength(5);
    await page.click('button[type="reset"]');
    await page.waitForFunction(() => location.search === '');
    expect(await visibleTitles()).toHaveLength(9);
  });

  it('shows the full table without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${server.url}/actions/?owner=dba-team`);
    expect(await noJs.$$eval('tr[data-action]:not([hidden])', (rows) => rows.length)).toBe(9);
    expect(await noJs.isVisible('form[data-action-filters]')).toBe(false);
    await context.close();
  });

  it('has no axe violations in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: scheme });
      const themed = await context.newPage();
      // On the incident page, the parts this feature adds: the action table and the similar list.
      for (const [path, parts] of [['/actions/', []], ['/actions/owner/dba-team/', []], [`/postmortems/${SEARCH}/`, ['section[aria-labelledby="actions"]', 'section[aria-labelledby="similar"]']]] as const) {
        await themed.goto(`${server.url}${path}`);
        const axe = new AxeBuilder({ page: themed }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
        for (const part of parts) axe.include(part);
        const { violations } = await axe.analyze();
        expect(violations.map((v) => `${scheme} ${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
      await context.close();
    }
  });
});
