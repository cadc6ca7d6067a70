/**
 * Linking from runbooks (issue 5), on the fixture site: permanent links and redirects, per-entry
 * anchors (stable across a second build with unrelated entries inserted), runbook and service
 * pages, the JSON API against its generated JSON Schemas, the feed and the sitemap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { buildSite, idsIn, ROOT } from '../support/build-site.ts';
import { serveDirectory } from '../support/static-server.ts';
import { loadContent } from '../../src/lib/format/content-files.ts';
import { isListed } from '../../src/lib/site/listing.ts';
import { sortEntries } from '../../src/lib/site/catalog.ts';
import { actionAnchors, timelineAnchors } from '../../src/lib/format/anchors.ts';
import { citesRunbook } from '../../src/lib/site/backlinks.ts';
import { postmortemSchema } from '../../src/lib/format/schema.ts';

const FIXTURE = 'tests/fixtures/site';
const SITE = 'http://localhost:4321';
const content = loadContent(ROOT, { HINDSIGHT_CONTENT_DIR: join(ROOT, FIXTURE) });
const published = sortEntries(content.postmortems.filter((e) => isListed(e.data, { includeDrafts: false, publicOnly: false })));
const DRAFT = '2022-01-15-draft-incident';
const SEED = '2024-06-05-checkout-db-slowdown';
const BERLIN = '2023-03-10-berlin-queue-backlog';
const DNS = '2021-11-02-review-dns';

let site: Awaited<ReturnType<typeof buildSite>>;
/** The same fixture with unrelated timeline entries and action items inserted above existing ones. */
let edited: Awaited<ReturnType<typeof buildSite>>;
let server: Awaited<ReturnType<typeof serveDirectory>>;

function insertUnrelatedEntries(dir: string) {
  const edit = (name: string, replace: (text: string) => string) => {
    const file = join(dir, 'postmortems', `${name}.mdx`);
    const before = readFileSync(file, 'utf8');
    const after = replace(before);
    expect(after, name).not.toBe(before);
    writeFileSync(file, after);
  };
  edit(SEED, (t) =>
    t
      .replace('timeline:\n', 'timeline:\n  - event: "A feature flag for the new query path is switched on for all users."\n    kind: trigger\n')
      .replace('  - at: "2024-06-05T14:15:00Z"', '  - at: "2024-06-05T14:10:00Z"\n    event: "Status page updated: checkout is slow."\n    kind: communicate\n  - at: "2024-06-05T14:15:00Z"')
      .replace('actions:\n', 'actions:\n  - title: "Add a status page template for checkout slowness."\n    type: process\n'),
  );
  edit(BERLIN, (t) => t.replace('timeline:\n', 'timeline:\n  - at: "2023-03-10 21:45"\n    event: "Consumer v2 approved in review"\n    kind: note\n'));
}

beforeAll(async () => {
  site = await buildSite(FIXTURE);
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-anchors-'));
  cpSync(join(ROOT, FIXTURE), dir, { recursive: true });
  insertUnrelatedEntries(dir);
  edited = await buildSite(dir);
  server = await serveDirectory(site.outDir);
});

afterAll(async () => {
  await server?.close();
});

const refreshTarget = (html: string) => /<meta http-equiv="refresh" content="0; url=([^"]+)"/.exec(html)?.[1];

describe('permanent links', () => {
  it('give every incident page a canonical link to /postmortems/<id>/', () => {
    for (const { id } of published) {
      expect(site.read(`postmortems/${id}/index.html`)).toContain(`<link rel="canonical" href="${SITE}/postmortems/${id}/">`);
    }
  });

  it('make every alias and /i/ form a static redirect page: refresh, canonical, noindex, visible link', () => {
    const forms = published.flatMap(({ id, data }) => [[`i/${id}`, id], ...data.aliases.flatMap((a) => [[`postmortems/${a}`, id], [`i/${a}`, id]])]);
    expect(forms.length).toBe(3 + 2 * 3);
    for (const [path, id] of forms) {
      const html = site.read(`${path}/index.html`);
      expect(refreshTarget(html), path).toBe(`/postmortems/${id}/`);
      expect(html, path).toContain(`<link rel="canonical" href="${SITE}/postmortems/${id}/">`);
      expect(html, path).toContain('<meta name="robots" content="noindex">');
      expect(html, path).toContain(`<a href="/postmortems/${id}/">`);
    }
  });

  it('resolve to the right incident page when followed over HTTP', async () => {
    const cases: [string, string][] = [
      ['/i/INC-4711/', BERLIN],
      ['/postmortems/INC-4711/', BERLIN],
      ['/i/orders-backlog/', BERLIN],
      ['/postmortems/checkout-db-2024/', SEED],
      ['/i/checkout-db-2024/', SEED],
      [`/i/${DNS}/`, DNS],
    ];
    for (const [path, id] of cases) {
      const first = await fetch(server.url + path);
      expect(first.status, path).toBe(200);
      const target = refreshTarget(await first.text());
      const page = await fetch(server.url + target);
      expect(page.status, path).toBe(200);
      const html = await page.text();
      expect(html, path).toContain(`<link rel="canonical" href="${SITE}/postmortems/${id}/">`);
      expect(html, path).toContain('id="incident-title"');
    }
  });

  it('leave out the aliases and short links of drafts', () => {
    expect(site.exists('i/INC-9000/index.html')).toBe(false);
    expect(site.exists('postmortems/INC-9000/index.html')).toBe(false);
    expect(site.exists(`i/${DRAFT}/index.html`)).toBe(false);
    expect(site.read('_redirects')).not.toContain('INC-9000');
  });

  it('write every alias into _redirects, both with and without the trailing slash, and one rule for /i/<id>/', () => {
    const rules = site
      .read('_redirects')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(' '));
    for (const rule of rules) expect(rule).toHaveLength(3);
    const map = new Map(rules.map(([from, to]) => [from, to]));
    for (const { id, data } of published) {
      for (const alias of data.aliases) {
        for (const from of [`/postmortems/${alias}/`, `/postmortems/${alias}`, `/i/${alias}/`, `/i/${alias}`]) expect(map.get(from), from).toBe(`/postmortems/${id}/`);
      }
    }
    expect(map.get('/i/:id/')).toBe('/postmortems/:id/');
    // Static rules first: the placeholder rule must come after every alias.
    expect(rules.findIndex(([from]) => from!.includes(':id'))).toBe(rules.length - 2);
  });
});

describe('anchors', () => {
  it('exist for every timeline entry and action item, each with a copy-link control', () => {
    for (const { id, data } of published) {
      const html = site.read(`postmortems/${id}/index.html`);
      const ids = idsIn(html);
      for (const anchor of [...timelineAnchors(data.timeline, data.timezone), ...actionAnchors(data.actions)]) {
        expect(ids.has(anchor), `${id}#${anchor}`).toBe(true);
        expect(html, `${id}#${anchor}`).toMatch(new RegExp(`<a href="#${anchor}"[^>]*data-copy-link`));
      }
    }
    const seed = idsIn(site.read(`postmortems/${SEED}/index.html`));
    for (const anchor of ['t-1415-engineers-hypothesize', 't-code-update-unoptimized-sql', 'a-patch-redeploy-optimized-query']) expect(seed.has(anchor), anchor).toBe(true);
  });

  it('give every section heading a copy-link control', () => {
    const html = site.read(`postmortems/${SEED}/index.html`);
    for (const section of ['summary', 'impact', 'timeline', 'root-cause', 'resolution', 'actions', 'lessons']) {
      expect(html, section).toMatch(new RegExp(`<h2 id="${section}"[^>]*>[^]*?<a href="#${section}"[^>]*data-copy-link[^]*?</h2>`));
    }
  });

  it('stay the same when unrelated entries are inserted above (second build)', () => {
    const anchorsOf = (html: string) => [...html.matchAll(/<tr id="([ta]-[^"]+)"/g)].map((m) => m[1]!);
    for (const id of [SEED, BERLIN]) {
      const before = anchorsOf(site.read(`postmortems/${id}/index.html`));
      const after = anchorsOf(edited.read(`postmortems/${id}/index.html`));
      expect(after.length, id).toBeGreaterThan(before.length);
      // Every old anchor is still there, in the same order; the inserted entries got new ones.
      expect(after.filter((a) => before.includes(a)), id).toEqual(before);
    }
    const after = anchorsOf(edited.read(`postmortems/${SEED}/index.html`));
    expect(after).toContain('t-feature-flag-new-query');
    expect(after).toContain('t-1410-status-page');
    expect(after).toContain('a-add-status-page-template');
  });

  it('are copied by one module every page loads, not by an inline script (the CSP allows none)', () => {
    const html = site.read(`postmortems/${SEED}/index.html`);
    const inline = [...html.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.some((s) => s.includes('data-copy-link'))).toBe(false);
    const modules = [...html.matchAll(/<script type="module" src="\/([^"]+)"/g)].map((m) => site.read(m[1]!));
    expect(modules.filter((js) => js.includes('data-copy-link'))).toHaveLength(1);
  });
});

const incidentIdsIn = (html: string) => [...html.matchAll(/data-incident="([^"]+)"/g)].map((m) => m[1]!);
const listedIdsIn = (html: string) => [...html.matchAll(/href="\/postmortems\/([^/"]+)\/" class="font-medium"/g)].map((m) => m[1]!);

describe('runbook pages', () => {
  const expected: Record<string, string[]> = {
    'checkout-db-slow-queries': [SEED],
    'deploy-rollback': [SEED, BERLIN],
    'queue-backlog': [BERLIN],
    // Cited by URL, not by id.
    'dns-resolver-failover': [DNS],
    'cdn-purge': [],
  };

  it('list exactly the published incidents that cite the runbook, newest first, here and in the embed', () => {
    expect(content.runbooks.map((r) => r.id).sort()).toEqual(Object.keys(expected).sort());
    for (const runbook of content.runbooks) {
      const citing = published.filter((e) => citesRunbook(e.data, runbook.data)).map((e) => e.id);
      expect(citing, runbook.id).toEqual(expected[runbook.id]);
      expect(incidentIdsIn(site.read(`runbooks/${runbook.id}/index.html`)), runbook.id).toEqual(citing);
      expect(incidentIdsIn(site.read(`runbooks/${runbook.id}/embed/index.html`)), `${runbook.id} embed`).toEqual(citing);
    }
    expect(site.read('runbooks/deploy-rollback/index.html')).not.toContain(DRAFT);
  });

  it('show root causes and open action items linked to their anchors', () => {
    const html = site.read('runbooks/queue-backlog/index.html');
    expect(html).toContain('A consumer deploy halved throughput &lt;b&gt;and&lt;/b&gt; {nobody} noticed the queue growing.');
    expect(html).toContain(`href="/postmortems/${BERLIN}/#root-cause"`);
    expect(html).toContain(`href="/postmortems/${BERLIN}/#a-alert-queue-age-over"`);
    expect(html).not.toContain('Load-test consumer batch size changes');
  });

  it('are listed on /runbooks/', () => {
    const index = site.read('runbooks/index.html');
    for (const { id } of content.runbooks) expect(index).toContain(`href="/runbooks/${id}/"`);
  });

  it('have an embed without site chrome or scripts, light and dark, that opens links outside the frame', () => {
    const embed = site.read('runbooks/deploy-rollback/embed/index.html');
    expect(embed).not.toMatch(/<script|<header|<nav|<footer role|stylesheet/);
    expect(embed).toContain('prefers-color-scheme: dark');
    expect(embed).toContain('<base target="_blank">');
    expect(embed).toContain('<meta name="robots" content="noindex">');
    expect(site.read('runbooks/cdn-purge/embed/index.html')).toContain('No incident cites this runbook yet.');
  });
});

describe('service pages', () => {
  it('list exactly the published incidents of each service, and every service on /services/', () => {
    const index = site.read('services/index.html');
    for (const service of content.services) {
      const mine = published.filter((e) => e.data.services.includes(service.id)).map((e) => e.id);
      expect(listedIdsIn(site.read(`services/${service.id}/index.html`)), service.id).toEqual(mine);
      expect(index).toContain(`href="/services/${service.id}/"`);
    }
    expect(listedIdsIn(site.read('services/orders/index.html'))).toEqual([BERLIN]);
    expect(site.read('services/payments/index.html')).toContain('No incidents recorded for this service.');
  });

  it('show owner, runbooks, counts by severity and cause, and time to resolve', () => {
    const html = site.read('services/checkout-db/index.html');
    expect(html).toContain('database-team');
    expect(html).toContain('href="/runbooks/checkout-db-slow-queries/"');
    expect(html).toMatch(/data-severity="SEV1">1</);
    expect(html).toMatch(/data-severity="SEV2">0</);
    expect(html).toMatch(/data-cause="database">1</);
    expect(html).toMatch(/Median time to resolve<\/dt><dd[^>]*>1 h 30 min</);
    // Runbooks that name the service count as its runbooks too.
    expect(site.read('services/dns/index.html')).toContain('href="/runbooks/dns-resolver-failover/"');
  });

  it('replace the generic services facet', () => {
    expect(site.read('services/index.html')).toContain('Payments');
    expect(site.exists('services/payments/index.html')).toBe(true);
  });
});

describe('JSON API', () => {
  const ajv = new Ajv2020({ allErrors: true });
  ajv.addFormat('uri', { validate: (value: string) => URL.canParse(value) });
  const schema = (path: string) => JSON.parse(site.read(path)) as object;
  const json = (path: string) => JSON.parse(site.read(path));
  const check = (schemaPath: string, data: unknown, label: string) => {
    const validate = ajv.getSchema(schemaPath) ?? (ajv.addSchema(schema(schemaPath), schemaPath), ajv.getSchema(schemaPath)!);
    const ok = validate(data);
    expect(ok ? [] : validate.errors, label).toEqual([]);
  };

  it('publishes a JSON Schema generated from the Zod schema (input side)', () => {
    const generated = json('api/schema.json');
    expect(generated.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(generated.required).toEqual(expect.arrayContaining(['title', 'severity', 'services', 'started', 'resolved', 'timeline']));
    // Input side: fields with defaults are optional.
    expect(generated.required).not.toContain('status');
    expect(generated.properties.cause.properties.category.enum).toContain('software-bug');
    expect(generated.additionalProperties).toBe(false);
  });

  it('validates every JSON file against its generated schema', () => {
    const files = (dir: string) => readdirSync(join(site.outDir, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`);
    check('api/schema/postmortems.json', json('api/postmortems.json'), 'postmortems.json');
    check('api/schema/runbooks.json', json('api/runbooks.json'), 'runbooks.json');
    check('api/schema/services.json', json('api/services.json'), 'services.json');
    const details = files('api/postmortems');
    expect(details).toHaveLength(published.length);
    for (const file of details) {
      const detail = json(file);
      check('api/schema/postmortem.json', detail, file);
      check('api/schema.json', detail.postmortem, `${file} record`);
    }
    for (const file of files('api/runbooks')) {
      check('api/schema/runbook.json', json(file), file);
      check('api/schema/runbook-file.json', json(file).runbook, `${file} runbook`);
    }
    for (const file of files('api/services')) check('api/schema/service.json', json(file), file);
    expect(files('api/runbooks')).toHaveLength(content.runbooks.length);
    expect(files('api/services')).toHaveLength(content.services.length);
  });

  it('catches a record that breaks the format', () => {
    const broken = { ...json(`api/postmortems/${SEED}.json`).postmortem, severity: 'SEV9', extra: 1 };
    const validate = ajv.getSchema('api/schema.json')!;
    expect(validate(broken)).toBe(false);
  });

  it('holds the full record as validated: it reads back through the schema to the same data', () => {
    for (const { id, data } of published) {
      const record = json(`api/postmortems/${id}.json`).postmortem;
      const reparsed = postmortemSchema.parse(record);
      expect(reparsed, id).toEqual(data);
    }
  });

  it('matches the pages: list order, titles, figures, anchors, runbook and service incidents', () => {
    const list = json('api/postmortems.json');
    expect(list.count).toBe(published.length);
    expect(list.postmortems.map((p: { id: string }) => p.id)).toEqual(listedIdsIn(site.read('postmortems/index.html')));
    const seed = list.postmortems.find((p: { id: string }) => p.id === SEED);
    expect(seed).toMatchObject({ url: `${SITE}/postmortems/${SEED}/`, severity: 'SEV1', causeCategory: 'database', durationMinutes: 90, timeToDetectMinutes: 0, timeToMitigateMinutes: 90, timeToResolveMinutes: 90, openActions: 8, started: '2024-06-05T14:00:00Z' });
    for (const { id } of published) {
      const detail = json(`api/postmortems/${id}.json`);
      const html = site.read(`postmortems/${id}/index.html`);
      expect(html).toContain(`id="incident-title" class="text-2xl font-bold leading-tight" data-pagefind-weight="10">${detail.postmortem.title.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</h1>`);
      const ids = idsIn(html);
      for (const anchor of [...detail.anchors.sections, ...detail.anchors.timeline, ...detail.anchors.actions]) expect(ids.has(anchor), `${id}#${anchor}`).toBe(true);
      expect(detail.anchors.timeline).toHaveLength(detail.postmortem.timeline.length);
    }
    for (const { id } of content.runbooks) {
      expect(json(`api/runbooks/${id}.json`).incidents.map((i: { id: string }) => i.id), id).toEqual(incidentIdsIn(site.read(`runbooks/${id}/index.html`)));
    }
    for (const { id } of content.services) {
      const service = json(`api/services/${id}.json`);
      const html = site.read(`services/${id}/index.html`);
      expect(service.incidents.map((i: { id: string }) => i.id), id).toEqual(listedIdsIn(html));
      for (const [sev, n] of Object.entries(service.stats.bySeverity)) expect(html, `${id} ${sev}`).toContain(`data-severity="${sev}">${n}<`);
    }
    const berlin = json('api/runbooks/queue-backlog.json').incidents[0];
    expect(berlin.openActionItems).toEqual([
      { title: 'Alert on queue age over 5 minutes', status: 'in-progress', owner: 'orders-team', priority: 'P1', due: '2023-04-01', url: `${SITE}/postmortems/${BERLIN}/#a-alert-queue-age-over` },
    ]);
  });

  it('leaves drafts out', () => {
    expect(site.exists(`api/postmortems/${DRAFT}.json`)).toBe(false);
    expect(site.read('api/postmortems.json')).not.toContain(DRAFT);
    expect(site.read('api/services/orders.json')).not.toContain(DRAFT);
  });
});

describe('feed and sitemap', () => {
  it('the RSS feed lists every published postmortem newest first, and no draft', () => {
    const rss = site.read('rss.xml');
    const links = [...rss.matchAll(/<item>[^]*?<link>([^<]+)<\/link>/g)].map((m) => m[1]);
    expect(links).toEqual(published.map((e) => `${SITE}/postmortems/${e.id}/`));
    expect(rss).not.toContain(DRAFT);
    expect(rss).toContain('<title>[SEV3] Order queue backlog over two days</title>');
    expect(site.read(`postmortems/${SEED}/index.html`)).toContain('<link rel="alternate" type="application/rss+xml" title="Hindsight: postmortems" href="/rss.xml">');
  });

  it('the sitemap lists every published postmortem and page, and no draft, redirect or embed', () => {
    const sitemap = site.read('sitemap.xml');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    for (const { id } of published) expect(locs).toContain(`${SITE}/postmortems/${id}/`);
    for (const path of ['/', '/postmortems/', '/runbooks/deploy-rollback/', '/services/orders/', '/causes/database/']) expect(locs).toContain(`${SITE}${path}`);
    expect(sitemap).not.toContain(DRAFT);
    expect(locs.filter((l) => /\/i\/|INC-|orders-backlog|checkout-db-2024|\/embed\/|404/.test(l))).toEqual([]);
    expect(new Set(locs).size).toBe(locs.length);
  });
});
