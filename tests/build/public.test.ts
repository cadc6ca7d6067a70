/**
 * Public builds and redaction (tests/fixtures/public). Every internal-only place holds a canary
 * ("canaryx"): an internal postmortem, a draft, an internal service and runbook, `<Internal>`
 * content and the internal versions of the fields a `public:` block overrides. A public build
 * holds it nowhere: not in HTML, JSON, feeds, sitemap, `_redirects`, redirect pages or the
 * decompressed Pagefind index. The internal build of the same content shows it, marked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildSite } from '../support/build-site.ts';

const FIXTURE = 'tests/fixtures/public';
const CANARY = /canaryx/i;
const PUBLIC_ID = '2024-02-01-search-latency';
let publicSite: Awaited<ReturnType<typeof buildSite>>;
let internalSite: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  publicSite = await buildSite(FIXTURE, { HINDSIGHT_VISIBILITY: 'public' });
  internalSite = await buildSite(FIXTURE);
});

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** A file's text; Pagefind's index files are gzip-compressed (the fragments behind a `pagefind_dcd` header once unpacked). */
function textOf(path: string): string {
  const bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes).toString('latin1');
  return bytes.toString('latin1');
}

/** Every output file (path relative to the output) that holds the canary, in its name or its text. */
const leaks = (outDir: string) => [...files(outDir)].filter((path) => CANARY.test(relative(outDir, path)) || CANARY.test(textOf(path))).map((path) => relative(outDir, path));

describe('a public build', () => {
  it('holds no internal-only text anywhere: pages, JSON, feeds, sitemap, redirects, search index', () => {
    const all = [...files(publicSite.outDir)].map((p) => relative(publicSite.outDir, p));
    // The scan covers every kind of output: make sure they were built.
    for (const kind of ['_redirects', 'sitemap.xml', 'rss.xml', 'api/postmortems.json', `i/${PUBLIC_ID}/index.html`, 'i/PUB-1/index.html']) expect(all).toContain(kind);
    expect(all.filter((p) => p.startsWith('pagefind/fragment/') || p.startsWith('pagefind/index/')).length).toBeGreaterThan(0);
    expect(textOf(join(publicSite.outDir, all.find((p) => p.startsWith('pagefind/fragment/'))!))).toContain('pagefind_dcd');
    expect(leaks(publicSite.outDir)).toEqual([]);
  });

  it('shows the public: versions of the overridden fields, everywhere', () => {
    const page = publicSite.read(`postmortems/${PUBLIC_ID}/index.html`);
    for (const text of ['Search latency from a batch job', 'A batch job saturated the search cluster for an hour.', 'Some customers saw slow search.', 'A batch job ran without a rate limit.', 'Rate-limited the batch job.']) {
      expect(page).toContain(text);
    }
    const record = JSON.parse(publicSite.read(`api/postmortems/${PUBLIC_ID}.json`));
    expect(record.postmortem.title).toBe('Search latency from a batch job');
    expect(record.postmortem.cause.summary).toBe('A batch job ran without a rate limit.');
    expect(record.postmortem).not.toHaveProperty('public');
    expect(publicSite.read('rss.xml')).toContain('Search latency from a batch job');
    expect(publicSite.read(`i/${PUBLIC_ID}/index.html`)).toContain('Search latency from a batch job');
  });

  it('leaves <Internal> content out and keeps the text around it', () => {
    const page = publicSite.read(`postmortems/${PUBLIC_ID}/index.html`);
    expect(page).toContain('Search slowed down for an hour while a batch job ran.');
    expect(page).toMatch(/We now rate-limit every batch job\s+before it runs\./);
    expect(page).not.toContain('data-internal');
    // A body of <Internal> blocks only: no empty Narrative section.
    expect(publicSite.read('postmortems/2024-03-01-cache-warmup/index.html')).not.toContain('id="narrative"');
    expect(internalSite.read('postmortems/2024-03-01-cache-warmup/index.html')).toContain('id="narrative"');
  });

  it('publishes the services and runbooks that published postmortems name, and those marked public', () => {
    for (const path of ['services/web/index.html', 'services/status-page/index.html', 'runbooks/web-restart/index.html', 'runbooks/public-howto/index.html', 'runbooks/public-howto/embed/index.html', 'api/services/status-page.json', 'api/runbooks/public-howto.json']) {
      expect(publicSite.exists(path), path).toBe(true);
    }
    expect(JSON.parse(publicSite.read('api/services.json')).services.map((s: { id: string }) => s.id)).toEqual(['status-page', 'web']);
    expect(JSON.parse(publicSite.read('api/runbooks.json')).runbooks.map((r: { id: string }) => r.id).sort()).toEqual(['public-howto', 'web-restart']);
    // A published runbook lists only published services.
    expect(JSON.parse(publicSite.read('api/runbooks/web-restart.json')).runbook.services).toEqual(['web']);
    expect(publicSite.read('sitemap.xml')).toContain('/services/status-page/');
  });

  it('lists only published postmortems in related, in the JSON as on the page', () => {
    expect(JSON.parse(publicSite.read(`api/postmortems/${PUBLIC_ID}.json`)).postmortem.related).toEqual([]);
  });
});

describe('the internal build of the same content', () => {
  it('shows the internal versions, <Internal> content marked as internal, and every service and runbook', () => {
    const page = internalSite.read(`postmortems/${PUBLIC_ID}/index.html`);
    expect(page).toContain('Canaryx-title');
    expect(page).toContain('Canaryx-resolution');
    expect(page).toMatch(/data-internal[^>]*>.*Internal.*Canaryx-internal-block/s);
    expect(page).toContain('Canaryx-internal-inline');
    expect(internalSite.exists('services/canaryx-billing/index.html')).toBe(true);
    expect(internalSite.exists('runbooks/canaryx-billing-runbook/index.html')).toBe(true);
    expect(internalSite.exists('postmortems/2024-01-10-billing-export/index.html')).toBe(true);
  });

  it('filters related to what it publishes: the internal postmortem, not the draft', () => {
    expect(JSON.parse(internalSite.read(`api/postmortems/${PUBLIC_ID}.json`)).postmortem.related).toEqual(['2024-01-10-billing-export']);
  });

  it('holds the canary in every kind of output the public scan reads (so that scan can find it there)', () => {
    const found = leaks(internalSite.outDir);
    for (const path of ['_redirects', 'sitemap.xml', 'rss.xml', 'api/postmortems.json', 'api/services.json', 'i/CANARYX-INC-1/index.html', `postmortems/${PUBLIC_ID}/index.html`]) expect(found).toContain(path);
    expect(found.some((p) => p.startsWith('pagefind/fragment/'))).toBe(true);
    expect(found.some((p) => p.startsWith('pagefind/index/'))).toBe(true);
  });
});
