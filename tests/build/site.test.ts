/** The fixture site (tests/fixtures/site), built once: pages, anchors, times, escaping, no JS. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { buildSite, idsIn } from '../support/build-site.ts';
import { THEME_INIT_SCRIPT } from '../../src/lib/site/inline-scripts.ts';

const FIXTURE = 'tests/fixtures/site';
const ids = readdirSync(`${FIXTURE}/postmortems`).map((f) => f.replace(/\.mdx$/, ''));
const published = ids.filter((id) => id !== '2022-01-15-draft-incident');
let site: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  site = await buildSite(FIXTURE);
});

describe('incident pages', () => {
  it('exist for every non-draft entry, and not for the draft', () => {
    for (const id of published) expect(site.exists(`postmortems/${id}/index.html`), id).toBe(true);
    expect(site.exists('postmortems/2022-01-15-draft-incident/index.html')).toBe(false);
  });

  it('carry the fixed section anchors', () => {
    for (const id of published) {
      const found = idsIn(site.read(`postmortems/${id}/index.html`));
      for (const anchor of ['summary', 'impact', 'timeline', 'root-cause', 'resolution', 'actions', 'lessons']) {
        expect(found.has(anchor), `${id}#${anchor}`).toBe(true);
      }
    }
  });

  it('show every timeline entry, timed or not, and mark misleading leads', () => {
    const html = site.read('postmortems/2023-03-10-berlin-queue-backlog/index.html');
    const timeline = html.slice(html.indexOf('id="timeline"'), html.indexOf('id="root-cause"'));
    expect(timeline.match(/<tr/g)).toHaveLength(1 + 7);
    expect(timeline).toContain('Someone restarted a consumer (time unknown)');
    expect(timeline).toContain('untimed');
    expect(timeline.match(/>misleading lead<\/span>/g)).toHaveLength(1);
    const seed = site.read('postmortems/2024-06-05-checkout-db-slowdown/index.html');
    expect(seed.match(/>misleading lead<\/span>/g)).toHaveLength(2);
  });

  it('show times in the incident zone, named, with machine-readable datetimes', () => {
    const html = site.read('postmortems/2023-03-10-berlin-queue-backlog/index.html');
    expect(html).toMatch(/<time datetime="2023-03-10T22:30:00\+01:00"[^>]*>2023-03-10 22:30 GMT\+1<\/time>/);
    expect(html).toContain('Times in Europe/Berlin');
    const dns = site.read('postmortems/2021-11-02-review-dns/index.html');
    expect(dns).toMatch(/<time datetime="2021-11-02T09:00:00-04:00"[^>]*>2021-11-02 09:00 EDT<\/time>/);
  });

  it('show the header figures: duration and time to detect, mitigate and resolve', () => {
    const html = site.read('postmortems/2024-06-05-checkout-db-slowdown/index.html');
    const header = html.slice(html.indexOf('<header class="card'), html.indexOf('id="summary"'));
    expect(header).toMatch(/Duration<\/dt>\s*<dd[^>]*>1 h 30 min</);
    expect(header).toMatch(/Time to detect<\/dt>\s*<dd[^>]*>0 min</);
    expect(header).toMatch(/Time to mitigate<\/dt>\s*<dd[^>]*>1 h 30 min</);
  });

  it('show author text as text, never as HTML', () => {
    const html = site.read('postmortems/2023-03-10-berlin-queue-backlog/index.html');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('halved throughput &lt;b&gt;and&lt;/b&gt; {nobody} noticed');
  });

  it('ship one inline script (the theme, allowed by its hash in the CSP) and the site\'s own modules', () => {
    for (const id of published) {
      const html = site.read(`postmortems/${id}/index.html`);
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.filter((s) => !/\ssrc=/.test(s)), id).toEqual(['<script>']);
      expect(html).toContain(`<script>${THEME_INIT_SCRIPT}</script>`);
      // Page controls and the chart's copy button, as files: the chart itself is static SVG, so no page loads mermaid.
      const sources = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]!);
      expect(sources, id).toHaveLength(2);
      for (const src of sources) expect(src).toMatch(/^\/_astro\/[^/]+\.js$/);
    }
  });

  it('list related incidents, sources and action items with status, owner and due date', () => {
    const html = site.read('postmortems/2023-03-10-berlin-queue-backlog/index.html');
    expect(html).toContain('href="/postmortems/2024-06-05-checkout-db-slowdown/"');
    expect(html).toMatch(/Alert on queue age over 5 minutes.*?in-progress.*?P1.*?orders-team.*?2023-04-01/s);
  });
});

describe('lists and browse pages', () => {
  it('list every published incident newest first, with sort orders as pages', () => {
    const list = site.read('postmortems/index.html');
    const order = [...list.matchAll(/href="\/postmortems\/([^/"]+)\/" class="font-medium"/g)].map((m) => m[1]);
    expect(order).toEqual(['2024-06-05-checkout-db-slowdown', '2023-03-10-berlin-queue-backlog', '2021-11-02-review-dns']);
    const bySeverity = site.read('postmortems/by-severity/index.html');
    expect([...bySeverity.matchAll(/href="\/postmortems\/([^/"]+)\/" class="font-medium"/g)].map((m) => m[1])).toEqual([
      '2024-06-05-checkout-db-slowdown',
      '2021-11-02-review-dns',
      '2023-03-10-berlin-queue-backlog',
    ]);
    const byDuration = site.read('postmortems/by-duration/index.html');
    expect([...byDuration.matchAll(/href="\/postmortems\/([^/"]+)\/" class="font-medium"/g)].map((m) => m[1])[0]).toBe('2023-03-10-berlin-queue-backlog');
  });

  it('have a page for every cause category, service, tag and year in use', () => {
    for (const path of ['causes/database', 'causes/capacity', 'causes/network', 'services/orders', 'services/checkout-db', 'tags/backlog-growth', 'tags/dns', 'years/2023', 'years/2021']) {
      expect(site.exists(`${path}/index.html`), path).toBe(true);
    }
    expect(site.read('services/orders/index.html')).toContain('2023-03-10-berlin-queue-backlog');
    expect(site.read('services/orders/index.html')).not.toContain('2022-01-15-draft-incident');
  });

  it('home shows counts, latest incidents and the most common causes', () => {
    const home = site.read('index.html');
    expect(home).toMatch(/Incidents<\/dt>\s*<dd[^>]*>3</);
    expect(home).toContain('Most common causes');
    expect(home).toContain('href="/causes/database/"');
  });

  it('has a helpful 404 page', () => {
    expect(site.read('404.html')).toContain('href="/postmortems/"');
  });
});

describe('search index', () => {
  it('is written, and counts exactly the published postmortems', () => {
    const entry = JSON.parse(site.read('pagefind/pagefind-entry.json')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0)).toBe(published.length);
  });

  it('indexes incident pages only, with filters, sorts, metadata and weights', () => {
    expect(site.read('index.html')).not.toContain('data-pagefind-body');
    expect(site.read('postmortems/index.html')).not.toContain('data-pagefind-body');
    const html = site.read('postmortems/2023-03-10-berlin-queue-backlog/index.html');
    expect(html).toContain('data-pagefind-body');
    for (const filter of ['severity">SEV3', 'category">capacity', 'service">orders', 'service">order-queue', 'tag">Backlog Growth', 'year">2023', 'status">published', 'detection">customer']) {
      expect(html).toContain(`data-pagefind-filter="${filter.split('"')[0]}" data-pagefind-ignore>${filter.split('>')[1]}<`);
    }
    for (const sort of ['date', 'duration', 'severity']) expect(html).toContain(`data-pagefind-sort="${sort}"`);
    for (const meta of ['date', 'severity', 'category', 'summary']) expect(html).toContain(`data-pagefind-meta="${meta}"`);
    expect(html).toMatch(/<h1 id="incident-title"[^>]*data-pagefind-weight="10"/);
    const rootCause = html.slice(html.indexOf('id="root-cause"'), html.indexOf('id="resolution"'));
    expect(rootCause).toContain('data-pagefind-weight="6"');
    expect(html).toMatch(/<section aria-labelledby="similar" data-pagefind-ignore/);
  });
});
