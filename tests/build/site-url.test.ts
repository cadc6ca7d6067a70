/** SITE_URL in production builds: required under CI=true, and `relative` builds without absolute links. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildSite, runBuildCli } from '../support/build-site.ts';
import { crawlSite } from '../support/crawl.ts';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';

const FIXTURE = 'tests/fixtures/site';

describe('a production build without SITE_URL', () => {
  it('fails under CI=true with a clear message and no stack trace', async () => {
    const { code, stderr } = await runBuildCli(FIXTURE, { env: { CI: 'true', SITE_URL: '' } });
    expect(code).toBe(1);
    expect(stderr).toContain('SITE_URL is not set');
    expect(stderr).toContain('SITE_URL=relative');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
  it('fails on a SITE_URL that is not an http(s) URL', async () => {
    const { code, stderr } = await runBuildCli(FIXTURE, { env: { SITE_URL: 'kb.example.org' } });
    expect(code).toBe(1);
    expect(stderr).toContain('SITE_URL: expected an absolute http(s) URL');
  });
});

describe('SITE_URL=relative', () => {
  let site: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    site = await buildSite(FIXTURE, { SITE_URL: 'relative', HINDSIGHT_SEARCH: 'off' });
  });
  const allFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? allFiles(join(dir, d.name)) : [join(dir, d.name)]));

  it('writes no localhost URL anywhere, no sitemap and no feed', () => {
    for (const file of allFiles(site.outDir).filter((f) => /\.(html|json|xml|txt)$|_redirects$/.test(f))) {
      expect(readFileSync(file, 'utf8'), file).not.toContain('localhost');
    }
    expect(site.exists('sitemap.xml')).toBe(false);
    expect(site.exists('rss.xml')).toBe(false);
    expect(site.read('index.html')).not.toContain('rss.xml');
  });
  it('gives root-relative canonical links and API URLs, all resolving on any host', () => {
    expect(site.read('postmortems/2024-06-05-checkout-db-slowdown/index.html')).toContain('<link rel="canonical" href="/postmortems/2024-06-05-checkout-db-slowdown/">');
    const api = JSON.parse(site.read('api/postmortems.json')) as { postmortems: { url: string }[] };
    expect(api.postmortems[0]!.url).toMatch(/^\/postmortems\/[a-z0-9-]+\/$/);
    expect(crawlSite(site.outDir, { site: 'https://any-host.example', base: '/' }).broken).toEqual([]);
  });
});
