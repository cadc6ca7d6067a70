/**
 * The importer's Markdown reader: micromark/mdast (`mdast-util-from-markdown` with GFM tables,
 * task lists and strikethrough) gives the blocks of a document or of a section's lines, mapped
 * back to the source lines they came from. The layer above reads meaning (sections, timeline
 * entries, action items) from these blocks; nothing here splits Markdown by hand.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Root, RootContent, ListItem, Table } from 'mdast';

export interface SourceLine {
  text: string;
  /** 1-based line in the source file. */
  line: number;
  /** Inside a fenced code block (fences included). */
  code?: boolean;
}

export type Block =
  | { type: 'paragraph'; lines: SourceLine[] }
  | {
      type: 'item';
      lines: SourceLine[];
      indent: number;
      ordered: boolean;
      /** `[x]` → true, `[ ]` → false, no box → undefined. */
      checked?: boolean;
      /** The item's text without marker and box; continuation lines joined with `\n`. */
      text: string;
    }
  | { type: 'table'; lines: SourceLine[]; header: string[]; rows: string[][] }
  | { type: 'code'; lines: SourceLine[] };

/**
 * Legacy postmortems indent freely (wiki exports, pasted chat logs): an indented line is text,
 * not a code block, so indented code is switched off. Fenced code still is code.
 */
const NO_INDENTED_CODE = { disable: { null: ['codeIndented'] } };

/** The Markdown syntax tree of `text` (GFM), with positions. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm(), NO_INDENTED_CODE], mdastExtensions: [gfmFromMarkdown()] });
}

/** A list item marker with its optional box: `- `, `3. `, `- [x] ` (and the marks people type in boxes). */
export const ITEM = /^(\s*)([-*+•]|\d{1,9}[.)])(?:\s+|$)(?:\[([ xX✓✔-])\]\s*)?/;

export const indentOf = (text: string) => (/^\s*/.exec(text)![0].replace(/\t/g, '    ').length);

/** Blocks per section: the layers above ask for a section's blocks more than once. */
const parsed = new WeakMap<SourceLine[], Block[]>();

/** The blocks of a run of source lines, in order. */
export function splitBlocks(lines: SourceLine[]): Block[] {
  if (!lines.length) return [];
  const cached = parsed.get(lines);
  if (cached) return cached;
  const blocks: Block[] = [];
  // Fenced code the section finder already marked stays one block, whatever is inside.
  let run: SourceLine[] = [];
  const flush = () => {
    if (run.length) blocks.push(...readRun(run));
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.code) {
      run.push(lines[i]!);
      continue;
    }
    flush();
    const start = i;
    while (i + 1 < lines.length && lines[i + 1]!.code) i++;
    blocks.push({ type: 'code', lines: lines.slice(start, i + 1) });
  }
  flush();
  parsed.set(lines, blocks);
  return blocks;
}

function readRun(lines: SourceLine[]): Block[] {
  const tree = parseMarkdown(lines.map((l) => l.text).join('\n'));
  const out: Block[] = [];
  const span = (node: { position?: { start: { line: number }; end: { line: number } } }) =>
    lines.slice(node.position!.start.line - 1, node.position!.end.line);
  const visit = (node: RootContent) => {
    switch (node.type) {
      case 'list':
        for (const item of node.children) readItem(item, node.ordered ?? false);
        return;
      case 'table':
        out.push(readTable(node));
        return;
      case 'code':
        out.push({ type: 'code', lines: span(node) });
        return;
      case 'thematicBreak':
        return;
      default:
        // Paragraphs, quotes, HTML, headings the section finder left as text, definitions.
        out.push(...paragraphs(span(node)));
    }
  };
  const readItem = (item: ListItem, ordered: boolean) => {
    const all = span(item);
    const nested = item.children.filter((c) => c.type === 'list');
    const firstNested = nested[0]?.position?.start.line;
    const own = firstNested ? all.slice(0, firstNested - item.position!.start.line) : all;
    const marker = ITEM.exec(own[0]!.text);
    const indent = marker ? indentOf(marker[1]!) : indentOf(own[0]!.text);
    // An unindented line after the item is a lazy continuation in CommonMark; legacy timelines
    // put their next entry on such a line, so it ends the item here.
    let end = own.length;
    for (let i = 1; i < own.length; i++) {
      if (own[i]!.text.trim() && own[i - 1]!.text.trim() && indentOf(own[i]!.text) <= indent) {
        end = i;
        break;
      }
    }
    const body = own.slice(0, end);
    const first = marker ? body[0]!.text.slice(marker[0].length) : body[0]!.text.trim();
    const text = [first, ...body.slice(1).map((l) => l.text.trim())].join('\n').replace(/\n+$/, '').trim();
    const box = marker?.[3];
    const checked = item.checked ?? (box === undefined ? undefined : /[xX✓✔]/.test(box));
    out.push({ type: 'item', lines: trimBlankEnd(body), indent, ordered, ...(checked === undefined || checked === null ? {} : { checked }), text });
    if (end < own.length) out.push(...paragraphs(own.slice(end)));
    for (const list of nested) if (list.type === 'list') for (const child of list.children) readItem(child, list.ordered ?? false);
  };
  const readTable = (table: Table): Block => {
    const cellText = (cell: Table['children'][number]['children'][number]) => {
      const row = lines[cell.position!.start.line - 1]!.text;
      // Positions count columns in the joined text; a row is one line, so columns index it.
      return row
        .slice(cell.position!.start.column - 1, cell.position!.end.column - 1)
        .replace(/^\s*\|?/, '')
        .replace(/\|?\s*$/, '')
        .trim()
        .replace(/\\\|/g, '|');
    };
    const [head, ...rows] = table.children;
    return {
      type: 'table',
      lines: span(table),
      header: head ? head.children.map(cellText) : [],
      rows: rows.map((r) => r.children.map(cellText)),
    };
  };
  for (const node of tree.children) visit(node);
  return out;
}

/** `•` is not a Markdown list marker, but word processors paste it as one. */
const BULLET_CHAR = /^(\s*)•\s+/;

/** Lines of a non-list block, split at blank lines into paragraphs (and `•` lines into items). */
function paragraphs(lines: SourceLine[]): Block[] {
  const out: Block[] = [];
  let current: SourceLine[] = [];
  for (const line of lines) {
    const bullet = BULLET_CHAR.exec(line.text);
    if (bullet) {
      if (current.length) out.push({ type: 'paragraph', lines: current });
      current = [];
      out.push({ type: 'item', lines: [line], indent: indentOf(bullet[1]!), ordered: false, text: line.text.slice(bullet[0].length).trim() });
    } else if (line.text.trim()) current.push(line);
    else if (current.length) {
      out.push({ type: 'paragraph', lines: current });
      current = [];
    }
  }
  if (current.length) out.push({ type: 'paragraph', lines: current });
  return out;
}

const trimBlankEnd = (lines: SourceLine[]) => {
  let end = lines.length;
  while (end > 1 && !lines[end - 1]!.text.trim()) end--;
  return lines.slice(0, end);
};

/** A paragraph's or item's text as one string (lines joined with spaces). */
export const blockText = (block: Block) =>
  block.type === 'item' ? block.text.replace(/\s*\n\s*/g, ' ') : block.lines.map((l) => l.text.trim()).join(' ');
