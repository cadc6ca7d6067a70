/**
 * HTML postmortems (Confluence and Google Docs exports, wiki pages, `.docx` through mammoth, raw
 * HTML blocks inside Markdown) become Markdown for the same pipeline: a real HTML parser gives
 * hast (`hast-util-from-html`), `hast-util-to-mdast` turns it into mdast, and
 * `mdast-util-to-markdown` (GFM) writes it out.
 *
 * Before the conversion, what exports encode in attributes is made explicit: Google Docs marks
 * bold and struck text with inline styles and wraps links in a redirect; Confluence and Google
 * Docs put the document title in a class or `<title>`. Comments are kept (the Markdown reader
 * turns them into review items), scripts and styles are kept as code so no word is lost.
 */
import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Html, Code } from 'mdast';

const textOf = (node: HastContent | HastRoot): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map((c) => textOf(c as HastContent)).join('') : '';

const styleOf = (node: Element) => String(node.properties?.style ?? '');
const classesOf = (node: Element): string[] => {
  const c: unknown = node.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};

/** Rewrites export quirks in place: styled spans, title paragraphs, redirected links. */
function normalizeExport(node: HastRoot | Element): void {
  for (const [i, child] of node.children.entries()) {
    if (child.type !== 'element') continue;
    normalizeExport(child);
    const style = styleOf(child);
    if (child.tagName === 'span') {
      // Google Docs: `<span style="font-weight:700">`, `text-decoration:line-through`, italics.
      const wrap = (tagName: string) => {
        node.children[i] = { type: 'element', tagName, properties: {}, children: [child] };
      };
      if (/font-weight\s*:\s*(?:bold|[6-9]00)/i.test(style)) wrap('strong');
      else if (/line-through/i.test(style)) wrap('del');
      else if (/font-style\s*:\s*italic/i.test(style)) wrap('em');
    }
    if (child.tagName === 'p' && classesOf(child).some((c) => /^title$/i.test(c))) child.tagName = 'h1';
    // Confluence task lists: <li class="checked"> is a done task.
    if (child.tagName === 'li' && classesOf(child).includes('checked')) {
      child.children.unshift({ type: 'element', tagName: 'input', properties: { type: 'checkbox', checked: true }, children: [] });
    }
    // Confluence: <h1 id="title-heading"><span id="title-text">Space : Page title</span></h1>.
    if (child.properties?.id === 'title-heading') {
      const text = textOf(child).trim().replace(/^[^:]{1,60}\s:\s/, '');
      child.children = [{ type: 'text', value: text }];
    }
    if (child.tagName === 'p' && classesOf(child).some((c) => /^subtitle$/i.test(c))) child.tagName = 'h2';
    if (child.tagName === 'a' && typeof child.properties?.href === 'string') {
      // Google Docs: https://www.google.com/url?q=<target>&sa=D…
      const href = child.properties.href;
      const redirect = /^https?:\/\/www\.google\.com\/url\?/.test(href) ? new URL(href).searchParams.get('q') : null;
      if (redirect) child.properties.href = redirect;
    }
  }
}

const keepAsCode = (lang: string) => (_state: unknown, node: Element): Code => ({ type: 'code', lang, value: `<${node.tagName}>${textOf(node)}</${node.tagName}>` });

/** The document as Markdown; its `<title>` becomes a `#` heading when the body has none. */
export function htmlToMarkdown(html: string): string {
  const tree = fromHtml(html);
  normalizeExport(tree);
  let title: string | undefined;
  const findTitle = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'title' && !title) title = textOf(child).trim() || undefined;
      else findTitle(child);
    }
  };
  findTitle(tree);
  // The head holds metadata and the export's own styles, not the document: only its title counts.
  const dropHead = (node: HastRoot | Element) => {
    node.children = node.children.filter((c) => !(c.type === 'element' && c.tagName === 'head'));
    for (const c of node.children) if (c.type === 'element') dropHead(c);
  };
  dropHead(tree);
  // Confluence titles read "Space : Page title".
  if (title) title = title.replace(/^[^:]{1,60}\s:\s/, '');
  const mdast = toMdast(tree, {
    handlers: { script: keepAsCode('html'), style: keepAsCode('css'), title: () => undefined },
    nodeHandlers: { comment: (_state, node): Html => ({ type: 'html', value: `<!--${(node as { value: string }).value}-->` }) },
  });
  const markdown = toMarkdown(mdast, { extensions: [gfmToMarkdown()], bullet: '-', emphasis: '_', strong: '*', fences: true, rule: '-' });
  const hasHeading = /^#{1,6} /m.test(markdown);
  return title && !hasHeading ? `# ${title}\n\n${markdown}` : markdown;
}
