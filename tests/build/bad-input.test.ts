/**
 * The build holds untrusted and broken content to the same lines as `npm run check`
 * (tests/support/bad-content.ts): it stops before rendering anything, exit 1, no stack trace. And a
 * site whose content is hostile but valid builds with everything shown as text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';
import { ROOT, buildSite, runBuildCli } from '../support/build-site.ts';
import { writeBadContent } from '../support/bad-content.ts';
import { MAX_SLUG_LENGTH } from '../../src/lib/site/catalog.ts';

describe('a build over input that used to crash or hang', () => {
  it('stops with the same file:line: field: message lines as npm run check', async () => {
    const { dir, expected, unexpected } = writeBadContent();
    const { code, stdout, stderr } = await runBuildCli(dir);
    expect(code).toBe(1);
    for (const line of expected) expect(stderr).toMatch(line);
    for (const pattern of unexpected) expect(stdout + stderr).not.toMatch(pattern);
    expect(stderr).toContain('build stopped');
  }, 180_000);
});

describe('a build over hostile but valid content', () => {
  const SEED = readFileSync(join(ROOT, 'tests/fixtures/site/postmortems/2024-06-05-checkout-db-slowdown.mdx'), 'utf8').replace('aliases: [checkout-db-2024]\n', '');
  const LONG_TAG = 'y'.repeat(300);
  const SUMMARY = 'Summary with <script>alert(1)</script> & <b>markup</b>';
  let site: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-hostile-'));
    cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'postmortems', '2024-08-01-hostile.mdx'),
      SEED.replace(/tags: \[.*\]/, `tags: [${LONG_TAG}]`)
        .replace(/^summary: .*$/m, `summary: ${JSON.stringify(SUMMARY)}`)
        .replace('runbooks:', 'sources: ["https://status.example.com/1"]\nrunbooks:')
        .concat('\n<details><summary>More</summary>Safe HTML<br />stays</details>\n\n[a link](https://example.com/a) and \\{braces\\}.\n'),
    );
    site = await buildSite(dir);
  }, 300_000);

  it('caps the long tag slug, so its page is written', () => {
    expect(site.exists(`tags/${'y'.repeat(MAX_SLUG_LENGTH)}/index.html`)).toBe(true);
  });

  it('renders the allowed body HTML and links only http(s) sources', () => {
    const html = site.read('postmortems/2024-08-01-hostile/index.html');
    expect(html).toMatch(/<details><summary>More<\/summary>Safe HTML<br\/?>stays<\/details>/);
    expect(html).toContain('<a class="print-url" href="https://status.example.com/1">');
    expect(html).toContain('{braces}');
    expect(html).toContain('Summary with &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;markup&lt;/b&gt;');
    const scripts: string[] = [];
    const walk = (node: { type: string; tagName?: string; children?: unknown[] }) => {
      if (node.type === 'element' && node.tagName === 'script') scripts.push(JSON.stringify(node));
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(fromHtml(html));
    expect(scripts.filter((s) => s.includes('alert(1)'))).toEqual([]);
  });

  it('lists the safe-MDX rules and the allowlist on /format/', () => {
    const html = site.read('format/index.html');
    expect(html).toContain('Safe MDX');
    expect(html).toContain('<code>&lt;Internal&gt;The customer was Acme Corp.&lt;/Internal&gt;</code>');
    expect(html).toContain('<code>&lt;details&gt;</code> (open)');
    expect(html).toContain('<code>&lt;script&gt;</code>');
    expect(html).toContain('<code>trustedMdx: true</code>');
  });

  it('puts the summary in the feed as text', () => {
    const feed = new XMLParser().parse(site.read('rss.xml')) as { rss: { channel: { item: { link: string; description: string }[] } } };
    const item = feed.rss.channel.item.find((i) => i.link.includes('2024-08-01-hostile'))!;
    expect(item.description).toBe('Summary with &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;markup&lt;/b&gt;');
  });
});
