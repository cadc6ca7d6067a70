/**
 * The lists at scale: a few thousand synthetic postmortems (scripts/synthetic.ts), built under a
 * base path with charts and search off (neither changes a list page; charts only change incident
 * pages, whose size does not grow with the corpus). Every list is split into pages, no HTML page
 * exceeds the budget, no incident is dropped from any order, and the page navigation links work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { buildSite } from '../support/build-site.ts';
import { crawlSite, elements } from '../support/crawl.ts';
import { writeSyntheticCorpus } from '../../scripts/synthetic.ts';
import { TABLE_PAGE_SIZE } from '../../src/lib/site/pagination.ts';

const COUNT = 2_000;
const BUDGET = 200 * 1024;
const SITE = 'https://kb.example.org';
let site: Awaited<ReturnType<typeof buildSite>>;
let sizes: { path: string; bytes: number }[];

beforeAll(async () => {
  const content = mkdtempSync(join(tmpdir(), 'hindsight-scale-'));
  writeSyntheticCorpus(content, COUNT);
  site = await buildSite(content, { HINDSIGHT_DIAGRAMS: 'off', HINDSIGHT_SEARCH: 'off', BASE_PATH: '/kb/', SITE_URL: SITE });
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
  sizes = walk(site.outDir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ path: relative(site.outDir, f), bytes: statSync(f).size }))
    .sort((a, b) => b.bytes - a.bytes);
}, 45 * 60_000);

const rowLinks = (path: string) =>
  [...elements(fromHtml(site.read(path)))].filter((el) => el.tagName === 'tr' && el.properties.dataIncident !== undefined).map((el) => String(el.properties.dataIncident));
const pageCount = Math.ceil(COUNT / TABLE_PAGE_SIZE);

describe(`${COUNT} postmortems`, () => {
  it(`keeps every HTML page under ${BUDGET / 1024} KB`, () => {
    // The biggest page of each kind, for the report (route families: incident pages, lists, indexes).
    const family = (path: string) => path.replace(/\/\d+\/index\.html$/, '/N/index.html').replace(/^postmortems\/(?!by-|N\/|index)[^/]+\//, 'postmortems/<id>/').replace(/^(causes|tags|years|services|runbooks)\/[^/]+\//, '$1/<key>/');
    const largest = new Map<string, { path: string; bytes: number }>();
    for (const s of sizes) if (!largest.has(family(s.path))) largest.set(family(s.path), s);
    console.log(`${sizes.length} HTML pages; largest per kind:\n${[...largest.values()].slice(0, 12).map((s) => `  ${(s.bytes / 1024).toFixed(1)} KB  ${s.path}`).join('\n')}`);
    expect(sizes[0]!.bytes, sizes[0]!.path).toBeLessThan(BUDGET);
  });

  it('splits each order of all incidents into pages that together hold every incident once', () => {
    const orders = ['postmortems/', 'postmortems/by-severity/', 'postmortems/by-duration/'];
    const seen = orders.map((order) => {
      const ids: string[] = [];
      for (let n = 1; n <= pageCount; n++) {
        const rows = rowLinks(`${order}${n === 1 ? '' : `${n}/`}index.html`);
        expect(rows.length, `${order} page ${n}`).toBe(n < pageCount ? TABLE_PAGE_SIZE : COUNT - TABLE_PAGE_SIZE * (pageCount - 1));
        ids.push(...rows);
      }
      expect(site.exists(`${order}${pageCount + 1}/index.html`)).toBe(false);
      expect(new Set(ids).size).toBe(COUNT);
      return ids;
    });
    expect([...seen[1]!].sort()).toEqual([...seen[0]!].sort());
    expect(seen[1]).not.toEqual(seen[0]);
  });

  it('links the pages with an accessible navigation', () => {
    const html = site.read('postmortems/by-severity/2/index.html');
    const nav = [...elements(fromHtml(html))].find((el) => el.tagName === 'nav' && el.properties.dataPagination !== undefined)!;
    expect(nav.properties.ariaLabel).toBe('Pages of all incidents');
    const links = [...elements(nav)].filter((el) => el.tagName === 'a');
    const current = links.filter((a) => a.properties.ariaCurrent === 'page');
    expect(current.map((a) => a.properties.href)).toEqual(['/kb/postmortems/by-severity/2/']);
    expect(links.find((a) => String(a.properties.rel) === 'prev')?.properties.href).toBe('/kb/postmortems/by-severity/');
    expect(links.find((a) => String(a.properties.rel) === 'next')?.properties.href).toBe('/kb/postmortems/by-severity/3/');
    expect(links.some((a) => a.properties.href === `/kb/postmortems/by-severity/${pageCount}/`)).toBe(true);
    expect(html).toMatch(new RegExp(`Page <span[^>]*>2</span> of <span[^>]*>${pageCount}</span>`));
    expect(html).toContain(`<title>All incidents (page 2 of ${pageCount}) · Hindsight</title>`);
  });

  it('has no broken link from any list page (pagination, sort orders, facets, services, runbooks)', () => {
    // Every page of the three orders, of every cause and runbook, and the later pages of service lists
    // (tags and years are the same route as causes; reading all 4,500 pages would take minutes).
    const lists = (path: string) => /^(postmortems\/(\d+\/|by-[a-z]+\/|index\.html)|causes\/|runbooks\/|services\/[^/]+\/\d+\/)/.test(path);
    const { broken, checked } = crawlSite(site.outDir, { site: SITE, base: '/kb/', pages: lists });
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  }, 10 * 60_000);
});
