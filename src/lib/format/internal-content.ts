/**
 * `<Internal>…</Internal>` in a postmortem body: content that public builds leave out (the page,
 * its search record and its JSON alike). This module finds where such blocks are in a body, so
 * that checks meant for public builds skip what those builds never show.
 */
import { mdxToMdast, type MdastNode } from 'satteri';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes } from 'mdast';

/** The body component whose content only internal builds show. */
export const INTERNAL_COMPONENT = 'Internal';

/**
 * The lines (1-based, in the body) covered by `<Internal>` blocks that stand on their own lines.
 * An inline `<Internal>` shares its line with public text, so its lines are not included. A body
 * the MDX parser rejects has none (its syntax error is reported elsewhere).
 */
export function internalBlockLines(body: string): Set<number> {
  const lines = new Set<number>();
  let tree: MdastNode;
  try {
    tree = mdxToMdast(body);
  } catch {
    return lines;
  }
  const visit = (node: MdastNode) => {
    const element = node as MdastNode & { name?: string; position?: { start: { line: number }; end: { line: number } } };
    if (element.type === 'mdxJsxFlowElement' && element.name === INTERNAL_COMPONENT && element.position) {
      for (let line = element.position.start.line; line <= element.position.end.line; line++) lines.add(line);
      return;
    }
    for (const child of (node as { children?: MdastNode[] }).children ?? []) visit(child);
  };
  visit(tree);
  return lines;
}

/**
 * Lines (1-based, in the body) of a plain Markdown (`.md`) body where `<Internal>` appears: there it
 * is raw HTML, not the component, so public builds would publish its content.
 */
export function internalTagsInMarkdown(body: string): number[] {
  const lines: number[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'html' && /^<\/?Internal[\s>/]/.test(node.value) && node.position) lines.push(node.position.start.line);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(fromMarkdown(body));
  return lines;
}
