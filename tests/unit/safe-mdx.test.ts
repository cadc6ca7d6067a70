/**
 * Item 2: safe MDX. Bodies are checked on the MDX compiler's syntax tree: no code, no scripts, no
 * dangerous URLs however they are spelled, only the allowlisted components and elements.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBody } from '../../src/lib/format/safe-mdx.ts';
import { formatProblem } from '../../src/lib/format/problems.ts';
import { parseFrontmatterFile } from '../../src/lib/format/content-files.ts';
import { BODY_COMPONENTS, HTML_ELEMENTS } from '../../src/lib/format/mdx-allowlist.ts';
import { ROOT } from '../support/build-site.ts';

const FILE = 'content/postmortems/x.mdx';
/** The problems for a body starting on line 20 of its file. */
const check = (body: string, trusted = false) => checkBody(FILE, body, 20, { trusted }).map(formatProblem);
const one = (body: string) => {
  const problems = check(body);
  expect(problems, body).toHaveLength(1);
  return problems[0]!;
};

describe('safe MDX refuses', () => {
  it.each([
    ['an import', "import { readFileSync } from 'node:fs'", /import and export are not allowed/],
    ['an export', 'export const home = process.env.HOME', /import and export are not allowed/],
    ['a flow expression', '{process.env.HOME}', /JavaScript expression \{process\.env\.HOME\} is not allowed; write \\\{ and \\\}/],
    ['a text expression', 'Home is {process.env.HOME}.', /JavaScript expression/],
    ['an expression attribute value', '<a href={url}>x</a>', /href=\{…\} is an expression; only literal values/],
    ['a spread attribute', '<a {...props}>x</a>', /expression attributes like \{…\} are not allowed/],
    ['<script>', '<script>alert(1)</script>', /<script> is not allowed: it runs JavaScript/],
    ['<SCRIPT>', '<SCRIPT>alert(1)</SCRIPT>', /<SCRIPT> is not allowed/],
    ['<Script>', '<Script src="https://x.example/a.js" />', /<Script> is not allowed/],
    ['<style>', '<style>body \\{ display: none \\}</style>', /<style> is not allowed/],
    ['<iframe>', '<iframe src="https://example.com" />', /<iframe> is not allowed/],
    ['<IFrame>', '<IFrame src="https://example.com" />', /<IFrame> is not allowed/],
    ['<object>', '<object data="x.swf" />', /<object> is not allowed/],
    ['<embed>', '<Embed src="x.swf" />', /<Embed> is not allowed/],
    ['onerror', '<img src="x.png" alt="" onerror="alert(1)" />', /event handler onerror is not allowed/],
    ['onClick', '<span onClick="alert(1)">x</span>', /event handler onClick is not allowed/],
    ['a style attribute', '<span style="position:fixed;inset:0">x</span>', /attribute style is not allowed/],
    ['an unknown component', '<Chart data="1" />', /<Chart> is not an allowed component/],
    ['a member component', '<x.y />', /<x\.y> is not an allowed component/],
    ['an unknown element', '<marquee>x</marquee>', /<marquee> is not an allowed HTML element/],
    ['<svg>', '<svg><a href="/x/">x</a></svg>', /<svg> is not allowed/],
    ['a prop the component does not take', '<Internal onClick="x">x</Internal>', /event handler onClick/],
  ])('%s', (_, body, message) => {
    expect(one(body)).toMatch(new RegExp(`^content/postmortems/x\\.mdx:20: body: (<[^>]+>: )?${message.source}`));
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](<  javascript:alert(1)>)',
    '[x](java&#x09;script:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](&#0000106;avascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '![x](data:image/svg+xml;base64,PHN2Zz4=)',
    '![x](DATA:text/html,hi)',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="java&#13;script:alert(1)">x</a>',
    '<a href="java&#x0A;script:alert(1)">x</a>',
    '<img src="data:image/png;base64,AAAA" alt="" />',
    '<img alt="" srcset="https://ok.example/a.png 1x, javascript:alert(1) 2x" />',
    '<a xlink:href="javascript:alert(1)">x</a>',
    '<span formaction="javascript:alert(1)">x</span>',
    '<span action="vbscript:x">x</span>',
    '<q cite="data:text/html,x">x</q>',
  ])('the URL in %j', (body) => {
    expect(one(body)).toMatch(/: body: .*(javascript|vbscript|data): URLs are not allowed .*; link with http:, https:, mailto: or a path on the site$/);
  });

  it('reports each problem on its line of the file', () => {
    expect(check('# Title\n\nText.\n\n<script>x</script>\n\nMore {x}.\n').map((p) => p.split(': body:')[0])).toEqual([`${FILE}:24`, `${FILE}:26`]);
  });
});

describe('safe MDX allows', () => {
  it('Markdown, safe links, the site components and harmless HTML', () => {
    const body = [
      '## Background',
      '',
      'A [status page](https://status.example.com/1), [mail](mailto:oncall@example.com), [another incident](/postmortems/x/), [a section](#timeline), [relative](notes/), ![graph](https://img.example.com/a.png "t").',
      '',
      '[ref]: https://example.com/ref',
      '',
      '<details><summary>Query plan</summary>Seq scan<br />then<sup>1</sup> <kbd>Ctrl</kbd>+<kbd>C</kbd></details>',
      '',
      '<a href="/runbooks/db/" title="Runbook">runbook</a> <abbr title="Service level objective">SLO</abbr> <img src="/a.png" alt="a" width="10" />',
      '',
      '<Internal>The customer was Acme.</Internal>',
      '',
      '{/* a comment for editors */}',
      '',
      'Braces as text: \\{ and \\}, and `{code}` and <>a fragment</>.',
      '',
      '```js',
      'import x from "y"; const a = {b: <c/>};',
      '```',
    ].join('\n');
    expect(check(body)).toEqual([]);
  });

  it('every component and element in the allowlist', () => {
    expect(BODY_COMPONENTS.map((c) => c.name)).toContain('Internal');
    for (const c of BODY_COMPONENTS) expect(check(c.example), c.name).toEqual([]);
    for (const [name, attributes] of Object.entries(HTML_ELEMENTS)) {
      const attrs = attributes.map((a) => ` ${a}="${a === 'href' || a === 'src' || a === 'cite' ? '/x/' : '1'}"`).join('');
      expect(check(`<p><${name}${attrs} title="t" /></p>`), name).toEqual([]);
    }
  });

  it('what the importer writes and what the site content holds today', () => {
    const folders = [join(ROOT, 'tests/fixtures/import/expected'), join(ROOT, 'content/postmortems'), join(ROOT, 'tests/fixtures/site/postmortems')];
    let files = 0;
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.mdx'))) {
        const { body } = parseFrontmatterFile(readFileSync(join(folder, name), 'utf8'));
        expect(checkBody(name, body, 1, { trusted: false }).map(formatProblem), name).toEqual([]);
        files++;
      }
    }
    expect(files).toBeGreaterThan(30);
  });
});

describe('MDX is compiled in every mode', () => {
  it('reports syntax errors as file:line: body:', () => {
    expect(check('# T\n\n<div>\n\nunclosed\n')).toEqual([expect.stringMatching(/^content\/postmortems\/x\.mdx:\d+: body: MDX syntax error at column \d+: Expected a closing tag for `<div>`/)]);
    expect(check('Text {1 +} more\n', true)).toEqual([expect.stringMatching(/^content\/postmortems\/x\.mdx:20: body: MDX syntax error at column \d+: Could not parse expression/)]);
    expect(check('export const = 1\n', true)).toEqual([expect.stringMatching(/^content\/postmortems\/x\.mdx:20: body: MDX syntax error at column \d+: Could not parse esm/)]);
  });

  it('and a trusted repository (settings.trustedMdx) may use any valid MDX', () => {
    expect(check("import x from 'y'\n\n<script>alert(1)</script>\n\n{process.env.HOME} [x](javascript:x)\n", true)).toEqual([]);
  });
});
