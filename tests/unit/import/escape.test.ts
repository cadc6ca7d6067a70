import { describe, expect, it } from 'vitest';
import { mdxToJs } from 'satteri';
import { codeBlock, escapeMarkdown } from '../../../src/lib/import/escape.ts';
import { renderMdx } from './helpers.ts';

const render = (markdown: string) => renderMdx(mdxToJs(escapeMarkdown(markdown)).code);

describe('escaping for MDX', () => {
  it.each([
    ['braces', 'Total {users.length} and a lone } or {'],
    ['script tags', "<script>alert('x')</script>"],
    ['components', '<Chart data={points} />'],
    ['HTML comments', '<!-- hidden -->'],
    ['MDX comments', '{/* note */}'],
    ['unclosed tags', '<div class="x">open'],
    ['angle brackets', 'a < b > c'],
  ])('%s stay text', (_, text) => {
    const { text: shown, html } = render(text);
    expect(shown).toBe(text);
    expect(html).toMatch(/^<p>[^<]*<\/p>$/);
  });

  it('import and export lines stay text', () => {
    expect(render("import fs from 'node:fs'\nexport const x = 1").text).toBe("import fs from 'node:fs'\nexport const x = 1");
    expect(render('- import a list item').text).toContain('import a list item');
  });

  it('code blocks and code spans are left as written', () => {
    expect(escapeMarkdown('`{x} <y>` and\n```js\nconst a = {b: <c/>};\n```')).toBe('`{x} <y>` and\n```js\nconst a = {b: <c/>};\n```');
    expect(render('```js\nconst a = {b: <c/>};\n```').text).toContain('const a = {b: <c/>};');
  });

  it('closes a fence left open, so it cannot swallow what follows', () => {
    expect(escapeMarkdown('```\necho {x}')).toBe('```\necho {x}\n```');
  });

  it('keeps block quotes, autolinks and line breaks working', () => {
    expect(render('> quoted {x}').html.replace(/\n/g, '')).toBe('<blockquote><p>quoted {x}</p></blockquote>');
    expect(render('see <https://example.com/a>').html).toBe('<p>see <a href="https://example.com/a">https://example.com/a</a></p>');
    expect(render('one<br>two').html).toBe('<p>one<br></br>two</p>');
  });

  it('ends a bare URL before escaped brackets', () => {
    expect(render('<iframe src="https://evil.example"></iframe>').text).toBe('<iframe src="https://evil.example"></iframe>');
  });

  it('turns javascript: links into text', () => {
    const { html, text } = render('[click me](javascript:alert(1)) and [ok](https://example.com)');
    expect(html).not.toContain('javascript:alert(1)"');
    expect(text).toBe('click me (javascript:alert(1)) and ok');
  });

  it('fences code with more backticks than it contains', () => {
    expect(codeBlock('a ``` b', 'yaml')).toBe('````yaml\na ``` b\n````');
  });
});
