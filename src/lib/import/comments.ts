/**
 * HTML comments in a legacy document (`<!-- … -->`): hidden when the Markdown is rendered and
 * often internal (customer ids, names, drafts). The Markdown syntax tree finds them (in code they
 * are text, not comments); they are taken out of the text the importer reads fields from.
 */
import type { Nodes } from 'mdast';
import { parseMarkdown } from './markdown.ts';

export interface HiddenComment {
  /** 1-based line in the text given. */
  line: number;
  start: number;
  end: number;
  /** The comment's text without `<!--` and `-->`. */
  text: string;
}

const COMMENT = /<!--([\s\S]*?)-->/g;

export function hiddenComments(markdown: string): HiddenComment[] {
  const found: HiddenComment[] = [];
  if (!markdown.includes('<!--')) return found; // no need to parse the document a second time
  const visit = (node: Nodes) => {
    if (node.type === 'html' && node.position && node.value.includes('<!--')) {
      const base = node.position.start.offset!;
      for (const m of node.value.matchAll(COMMENT)) {
        const start = base + m.index;
        found.push({ line: markdown.slice(0, start).split('\n').length, start, end: start + m[0].length, text: m[1]!.trim() });
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(parseMarkdown(markdown));
  return found;
}

/** The text with each comment replaced by spaces (its newlines kept, so lines keep their numbers). */
export function blankComments(markdown: string, comments: HiddenComment[]): string {
  let out = '';
  let at = 0;
  for (const c of comments) {
    out += markdown.slice(at, c.start) + markdown.slice(c.start, c.end).replace(/[^\n]/g, ' ');
    at = c.end;
  }
  return out + markdown.slice(at);
}
