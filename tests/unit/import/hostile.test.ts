/**
 * Hostile input: braces, JSX-looking tags, `import`/`export` lines, HTML comments, raw HTML,
 * `javascript:` links and broken fences must import, pass the schema and compile as MDX with the
 * text shown literally (no expression evaluated, no element or module created). The full site
 * build over these files is in tests/build/imported.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mdxToJs } from 'satteri'; // the MDX compiler @astrojs/mdx uses (a dependency of it)
import { HOSTILE } from '../../fixtures/import/expected.ts';
import { validatePostmortemSource } from '../../../src/lib/format/content-files.ts';
import { formatProblem } from '../../../src/lib/format/problems.ts';
import { importFixture, renderMdx } from './helpers.ts';

describe('hostile input', () => {
  for (const [name, want] of Object.entries(HOSTILE)) {
    describe(name, () => {
      const result = importFixture(`hostile/${name}`);
      if (!result.ok) throw new Error(result.reason);

      it('imports and passes the schema', () => {
        expect(result.id).toBe(want.id);
        expect(validatePostmortemSource('x.mdx', result.mdx).problems.map(formatProblem)).toEqual([]);
      });

      it('compiles as MDX, showing the text literally', () => {
        const { code } = mdxToJs(result.body);
        const { html, text } = renderMdx(code);
        for (const literal of want.literal) expect(text).toContain(literal);
        // Only Markdown's own elements: no component, no raw element, no script or iframe.
        expect(code).not.toMatch(/_jsxs?\((?!_components\.|_Fragment|MDXLayout|_createMdxContent)/);
        expect(html).not.toMatch(/<(?:script|iframe|img|div|details|html|foo|dashboard|billingwidget)\b/i);
        expect(html).not.toMatch(/href="javascript:/i);
      });
    });
  }

  it('keeps hostile text in front-matter fields as plain strings', () => {
    const result = importFixture('hostile/01-jsx-braces-imports.md');
    if (!result.ok) throw new Error(result.reason);
    expect(result.data.title).toBe('Outage of the {billing} <Dashboard /> service');
    expect(result.data.summary).toContain("<script>alert('summary')</script>");
    expect(result.data.timeline![0]!.event).toBe('Deploy of <BillingWidget prop={1} /> starts');
    expect(result.data.actions![0]).toMatchObject({ title: 'Escape {all} template output <em>everywhere</em>', owner: '@web', status: 'open' });
  });
});
