import { describe, expect, it } from 'vitest';
import { astroSite, siteProblem, siteSetting, siteUrl, DEV_SITE } from '../../src/lib/site/site-url.ts';

describe('SITE_URL', () => {
  it('reads an absolute http(s) URL, "relative", or nothing', () => {
    expect(siteSetting({ SITE_URL: 'https://kb.example.org/postmortems' })).toEqual({ kind: 'absolute', site: 'https://kb.example.org/postmortems' });
    expect(siteSetting({ SITE_URL: 'relative' })).toEqual({ kind: 'relative' });
    expect(siteSetting({})).toEqual({ kind: 'unset' });
    expect(siteSetting({ SITE_URL: '  ' })).toEqual({ kind: 'unset' });
    for (const bad of ['kb.example.org', 'ftp://kb.example.org/', 'javascript:alert(1)', '/kb/', 'https://kb.example.org/?x=1']) {
      expect(siteSetting({ SITE_URL: bad }).kind).toBe('invalid');
    }
  });
  it('gives Astro a site only when links can be absolute', () => {
    expect(astroSite(siteSetting({ SITE_URL: 'https://kb.example.org/' }))).toBe('https://kb.example.org/');
    expect(astroSite(siteSetting({ SITE_URL: 'relative' }))).toBeUndefined();
    expect(astroSite(siteSetting({}))).toBe(DEV_SITE);
  });
  it('warns without SITE_URL, fails under CI=true, and always fails on an invalid value', () => {
    expect(siteProblem(siteSetting({}), {})).toMatchObject({ level: 'warn', message: expect.stringContaining(DEV_SITE) });
    expect(siteProblem(siteSetting({}), { CI: 'true' })).toMatchObject({ level: 'error', message: expect.stringContaining('SITE_URL=relative') });
    expect(siteProblem(siteSetting({ SITE_URL: 'relative' }), { CI: 'true' })).toBeUndefined();
    expect(siteProblem(siteSetting({ SITE_URL: 'https://kb.example.org/' }), { CI: 'true' })).toBeUndefined();
    expect(siteProblem(siteSetting({ SITE_URL: 'kb.example.org' }), {})).toMatchObject({ level: 'error', message: expect.stringContaining('"kb.example.org"') });
  });
  it('makes absolute URLs on the site, root-relative paths without one', () => {
    expect(siteUrl('/kb/postmortems/a/', 'https://kb.example.org/')).toBe('https://kb.example.org/kb/postmortems/a/');
    expect(siteUrl('/kb/postmortems/a/', undefined)).toBe('/kb/postmortems/a/');
  });
});
