/**
 * Insights over a fixture site whose figures are worked out by hand below (tests/fixtures/insights):
 * the JSON, the pages (charts as inline SVG with their tables), repeat notices, and what drafts and,
 * in a public build, internal postmortems must never touch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { buildSite } from '../support/build-site.ts';

const FIXTURE = 'tests/fixtures/insights';
// The build date: 2025-01-01 (UTC).
const ENV = { SOURCE_DATE_EPOCH: String(Date.UTC(2025, 0, 1, 12) / 1000), HINDSIGHT_SEARCH: 'off', HINDSIGHT_DIAGRAMS: 'off' };

const P1 = '2023-02-01-checkout-db-overload';
const P2 = '2023-06-15-checkout-db-scan-again';
const P3 = '2023-12-13-checkout-db-late';
const P4 = '2024-01-10-checkout-network';
const DRAFT = '2024-02-01-draft-db';
const INTERNAL = '2024-03-01-internal-db';

const none = { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 };
const empty = { median: null, p90: null, n: 0 };

// Worked out by hand from the fixture files.
// 2023: P1 (SEV1; detect 20, mitigate 60, resolve 120), P2 (SEV2; detect 30, no mitigate, resolve 120),
//       P3 (SEV3; detect 5, mitigate 30, resolve 45). detect 5/20/30 → median 20, p90 rank ⌈2.7⌉ = 3 → 30.
//       mitigate 30/60 → median 45, p90 rank ⌈1.8⌉ = 2 → 60.
// 2024: P4 (SEV2; resolve 30, nothing else); the internal one (SEV4; detect 10, resolve 60) in internal builds.
// Impact minutes (SEV1 ×1, SEV2 ×0.5, SEV3 ×0.25, SEV4 ×0.125): checkout-db 120 + 60 + 11.25 (+ 7.5);
// checkout 120 + 15.
// Misleading: P1 10:30 → next entry 11:00 = 30; P2 08:40 → until 09:10 = 30; P3's lead has no end (0).
// Actions: P1 done (closed after 10 days), open due 2023-03-01 (overdue), in progress; P2 done (5 days), wont-do
// (closed after 12 days). Median days to close, over done and dropped items with a date: 5/10/12 → 10. Both open
// items are P1's, 700 days old on 2025-01-01: "a year or more".
// Repeats: P2 repeats P1 (133 days 22 hours, shares checkout-db); P3 is 181 days after P2: none; the internal one
// repeats P3 (not the draft, which is later and nearer).
const publicFigures = {
  asOf: '2025-01-01',
  total: 4,
  byYear: [
    {
      year: 2023,
      count: 3,
      bySeverity: { SEV1: 1, SEV2: 1, SEV3: 1, SEV4: 0 },
      timeToDetectMinutes: { median: 20, p90: 30, n: 3 },
      timeToMitigateMinutes: { median: 45, p90: 60, n: 2 },
      timeToResolveMinutes: { median: 120, p90: 120, n: 3 },
    },
    { year: 2024, count: 1, bySeverity: { ...none, SEV2: 1 }, timeToDetectMinutes: empty, timeToMitigateMinutes: empty, timeToResolveMinutes: { median: 30, p90: 30, n: 1 } },
  ],
  byCause: [
    { category: 'database', count: 3, share: 0.75 },
    { category: 'network', count: 1, share: 0.25 },
  ],
  byService: [
    { service: 'checkout-db', count: 3, impactMinutes: 191 },
    { service: 'checkout', count: 2, impactMinutes: 135 },
  ],
  detection: { monitoring: 2, customer: 1, employee: 0, test: 0, vendor: 0, other: 0 },
  repeats: [{ id: P2, earlier: P1, sharedServices: ['checkout-db'], category: 'database' }],
  misleading: { incidents: 3, entries: 3, minutes: 60 },
  actions: { total: 5, open: 1, inProgress: 1, done: 2, wontDo: 1, overdue: 1, doneShare: 0.4, medianDaysToClose: 10 },
};

const internalFigures = {
  ...publicFigures,
  total: 5,
  byYear: [
    publicFigures.byYear[0],
    {
      year: 2024,
      count: 2,
      bySeverity: { ...none, SEV2: 1, SEV4: 1 },
      timeToDetectMinutes: { median: 10, p90: 10, n: 1 },
      timeToMitigateMinutes: empty,
      timeToResolveMinutes: { median: 45, p90: 60, n: 2 },
    },
  ],
  byCause: [
    { category: 'database', count: 4, share: 0.8 },
    { category: 'network', count: 1, share: 0.2 },
  ],
  byService: [
    { service: 'checkout-db', count: 4, impactMinutes: 199 },
    { service: 'checkout', count: 2, impactMinutes: 135 },
    { service: 'secret-svc', count: 1, impactMinutes: 8 },
  ],
  detection: { ...publicFigures.detection, employee: 1 },
  repeats: [{ id: INTERNAL, earlier: P3, sharedServices: ['checkout-db'], category: 'database' }, ...publicFigures.repeats],
};

let site: Awaited<ReturnType<typeof buildSite>>;
let publicSite: Awaited<ReturnType<typeof buildSite>>;
beforeAll(async () => {
  site = await buildSite(FIXTURE, ENV);
  publicSite = await buildSite(FIXTURE, { ...ENV, HINDSIGHT_VISIBILITY: 'public' });
}, 300_000);

const json = (s: typeof site, path: string) => JSON.parse(s.read(path));

describe('/api/insights.json', () => {
  it('equals the figures worked out by hand (internal build)', () => {
    expect(json(site, 'api/insights.json')).toEqual(internalFigures);
  });
  it('leaves internal postmortems out of a public build', () => {
    expect(json(publicSite, 'api/insights.json')).toEqual(publicFigures);
  });
  it('validates against its schema, published beside the others', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(json(site, 'api/schema/insights.json'));
    for (const s of [site, publicSite]) expect(validate(json(s, 'api/insights.json')) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...json(site, 'api/insights.json'), total: 'four' })).toBe(false);
  });
});

describe('repeatOf in the postmortem JSON and the repeat notice', () => {
  it('names the earlier incident, or null', () => {
    expect(json(site, `api/postmortems/${P2}.json`).repeatOf).toBe(P1);
    expect(json(site, `api/postmortems/${INTERNAL}.json`).repeatOf).toBe(P3);
    for (const id of [P1, P3, P4]) expect(json(site, `api/postmortems/${id}.json`).repeatOf).toBeNull();
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('uri', { validate: (value: string) => URL.canParse(value) });
    const validate = ajv.compile(json(site, 'api/schema/postmortem.json'));
    expect(validate(json(site, `api/postmortems/${P2}.json`)) ? [] : validate.errors).toEqual([]);
  });
  it("shows a notice on the repeat's page with the earlier incident's prevent actions", () => {
    const html = site.read(`postmortems/${P2}/index.html`);
    expect(html).toContain(`data-repeat-of="${P1}"`);
    expect(html).toContain(`href="/postmortems/${P1}/"`);
    // P1's prevent actions: the index was done on 2023-02-11, before 2023-06-15; the review is still open.
    expect(html).toContain('Its prevent action items done before this one started: 1 of 2.');
    expect(site.read(`postmortems/${P1}/index.html`)).not.toContain('data-repeat-of');
    expect(site.read(`postmortems/${P3}/index.html`)).not.toContain('data-repeat-of');
  });
});

describe('the insights pages', () => {
  const page = () => site.read('insights/index.html');
  const svgs = (html: string) => [...html.matchAll(/<svg\b[^>]*role="img"[^>]*>/g)];

  it('are in the navigation', () => {
    expect(site.read('index.html')).toMatch(/<nav aria-label="Main"[\s\S]*href="\/insights\/"/);
  });

  it('draw every chart as inline SVG with a title, a caption and a table, and no chart JavaScript', () => {
    const html = page();
    const figures = [...html.matchAll(/<figure class="insights-chart[^"]*" id="([^"]+)"[\s\S]*?<\/figure>/g)];
    expect(figures.map((f) => f[1])).toEqual([
      'chart-counts',
      'chart-timeToDetectMinutes',
      'chart-timeToMitigateMinutes',
      'chart-timeToResolveMinutes',
      'chart-causes',
      'chart-cause-shares',
      'chart-services',
      'chart-detection',
      'chart-open-age',
    ]);
    for (const [figure] of figures) {
      expect(svgs(figure)).toHaveLength(1);
      expect(figure).toMatch(/<svg[^>]*aria-label="[^"]+"[^>]*><title>/);
      expect(figure).toContain('<figcaption');
    }
    for (const table of ['counts', 'speed', 'causes', 'cause-years', 'services-top', 'detection', 'repeats', 'open-age']) expect(html).toContain(`data-table="${table}"`);
    // No chart JavaScript: the page's scripts are the layout's, the same as on the home page.
    const scripts = (page: string) => [...page.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/g)].map((m) => m[0]);
    expect(scripts(html)).toEqual(scripts(site.read('index.html')));
    expect(html).not.toContain('mermaid');
  });

  it('show the hand-counted figures in their tables', () => {
    const html = page();
    const speed = /data-table="speed"[\s\S]*?<\/table>/.exec(html)![0];
    // 2023: 3 incidents; time to detect 20 min / 30 min / n 3.
    expect(speed).toMatch(/2023<\/th><td[^>]*>3<\/td><td[^>]*>20 min<\/td><td[^>]*>30 min<\/td><td[^>]*>3<\/td>/);
    expect(html).toContain('1 incident without a detection time is left out of time to detect.');
    const repeats = /data-table="repeats"[\s\S]*?<\/table>/.exec(html)![0];
    expect([...repeats.matchAll(/data-repeat="([^"]+)"/g)].map((m) => m[1])).toEqual([INTERNAL, P2]);
    expect(html).toMatch(/data-misleading>[^<]*3 leads[^<]*3 incidents of 5/);
    const followThrough = /data-follow-through>([\s\S]*?)<\/p>/.exec(html)![1]!.replace(/<[^>]+>/g, '');
    expect(followThrough).toMatch(/5 action items: 2 done \(40%\), 1 dropped, 1 in progress, 1 open;\s*1 overdue as of 2025-01-01/);
    expect(followThrough).toMatch(/Done and dropped items took a median 10 days from the day their incident started \(in its zone\) to closed \(n = 3;/);
    const openAge = /data-table="open-age"[\s\S]*?<\/table>/.exec(html)![0];
    expect([...openAge.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th><td[^>]*>(\d+)<\/td>/g)].map((m) => [m[1], Number(m[2])])).toEqual([
      ['under 30 days', 0],
      ['30–89 days', 0],
      ['90–364 days', 0],
      ['a year or more', 2],
    ]);
  });

  it('have a page per severity, counting that severity only', () => {
    for (const sev of ['sev1', 'sev2', 'sev3', 'sev4']) expect(site.exists(`insights/severity/${sev}/index.html`)).toBe(true);
    const sev2 = site.read('insights/severity/sev2/index.html');
    expect(sev2).toMatch(/<dt[^>]*>Incidents<\/dt><dd[^>]*>2<\/dd>/);
    expect(sev2).toContain(`data-repeat="${P2}"`);
    expect(sev2).not.toContain(`data-repeat="${INTERNAL}"`);
  });

  it("put a service's own figures and charts on its page", () => {
    const html = site.read('services/checkout/index.html');
    expect(html).toContain('id="insights"');
    expect(html).toMatch(/<dt[^>]*>Incidents<\/dt><dd[^>]*>2<\/dd>/);
    expect(svgs(html).length).toBeGreaterThanOrEqual(7);
    expect(html).not.toContain('id="insights-chart-services"');
  });
});

describe('drafts and internal postmortems', () => {
  const everyFile = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? everyFile(join(dir, d.name)) : d.name.endsWith('.html') || d.name.endsWith('.json') ? [join(dir, d.name)] : []));

  it('are counted nowhere: no insights page or JSON mentions them', () => {
    const read = (s: typeof site, file: string) => s.read(file.slice(s.outDir.length + 1));
    for (const file of everyFile(join(site.outDir, 'insights'))) {
      const html = read(site, file);
      expect(html).not.toContain(DRAFT);
      expect(html).not.toContain('drafty-service');
    }
    expect(site.read('api/insights.json')).not.toContain('drafty-service');
    for (const file of [...everyFile(join(publicSite.outDir, 'insights')), join(publicSite.outDir, 'api/insights.json')]) {
      const text = read(publicSite, file);
      expect(text).not.toContain(INTERNAL);
      expect(text).not.toContain('secret-svc');
      expect(text).not.toContain(DRAFT);
    }
    expect(publicSite.exists('services/secret-svc/index.html')).toBe(false);
  });
});
