/**
 * Imported files build: every importer fixture (hostile ones included) is imported into a fresh
 * content folder and the site is built over it. Author text must show literally on the pages,
 * never as markup or code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../support/build-site.ts';
import { EXPECTED, HOSTILE } from '../fixtures/import/expected.ts';
import { importFixture } from '../unit/import/helpers.ts';

let site: Awaited<ReturnType<typeof buildSite>>;
const ids: string[] = [];

beforeAll(async () => {
  const content = mkdtempSync(join(tmpdir(), 'hindsight-imported-'));
  mkdirSync(join(content, 'postmortems'));
  const names = [...Object.entries(EXPECTED).map(([name, e]) => [name, e.options] as const), ...Object.keys(HOSTILE).map((n) => [`hostile/${n}`, undefined] as const)];
  for (const [name, options] of names) {
    const result = importFixture(name, options);
    if (!result.ok) throw new Error(`${name}: ${result.reason}`);
    writeFileSync(join(content, 'postmortems', `${result.id}.mdx`), result.mdx);
    ids.push(result.id);
  }
  site = await buildSite(content);
});

/** The page's text: tags dropped, entities decoded, the site's typographic quotes made straight. */
const textOf = (html: string) =>
  html
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');

describe('a site built from imported postmortems', () => {
  it('has a page for every imported file', () => {
    for (const id of ids) expect(site.exists(`postmortems/${id}/index.html`), id).toBe(true);
  });

  for (const [name, want] of Object.entries(HOSTILE)) {
    it(`shows the hostile text of ${name} literally`, () => {
      const html = site.read(`postmortems/${want.id}/index.html`);
      const text = textOf(html);
      for (const literal of want.literal) expect(text).toContain(literal);
      // No element made from author text (attribute values, like the meta description, are text).
      const markup = html.replace(/="[^"]*"/g, '=""');
      expect(markup).not.toMatch(/<iframe|<details>|<Dashboard|<BillingWidget|<Foo>|<img[^>]*onerror|<script>alert/i);
      expect(html).not.toMatch(/href="javascript:/i);
    });
  }

  it('shows front-matter text literally too', () => {
    const html = site.read(`postmortems/${HOSTILE['01-jsx-braces-imports.md']!.id}/index.html`);
    const text = textOf(html);
    expect(text).toContain('Outage of the {billing} <Dashboard /> service');
    expect(text).toContain("<script>alert('summary')</script>");
    expect(text).toContain('Deploy of <BillingWidget prop={1} /> starts');
  });

  it('keeps the seed\'s body sections in the narrative', () => {
    const html = site.read(`postmortems/${EXPECTED['01-seed-checkout-db.md']!.id}/index.html`);
    expect(textOf(html)).toContain('who said postmortems have to be boring?');
    expect(html.match(/>misleading lead<\/span>/g)).toHaveLength(2);
  });
});
