/**
 * Splits a section's lines into Markdown blocks: paragraphs, list items (bullets, numbers,
 * checkboxes), tables and fenced code. Good enough for legacy postmortems; not a full CommonMark
 * parser (no lazy continuation of block quotes, no nested tables).
 */

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

export const ITEM = /^(\s*)([-*+•]|\d{1,3}[.)])\s+(?:\[([ xX✓✔-])\]\s*)?(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const isTableRow = (text: string) => /^\s*\|/.test(text) || /\S\s*\|\s*\S/.test(text);

/** The cells of a table row (escaped pipes `\|` stay in the cell). */
export function tableCells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

export const indentOf = (text: string) => (/^\s*/.exec(text)![0].replace(/\t/g, '    ').length);
export const isBlank = (line: SourceLine | undefined) => !line || (!line.code && !line.text.trim());
/** Horizontal rules: `---`, `***`, `___`, `* * *`. */
export const isRule = (text: string) => /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/.test(text);

export function splitBlocks(lines: SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.code) {
      const start = i;
      while (i < lines.length && lines[i]!.code) i++;
      blocks.push({ type: 'code', lines: lines.slice(start, i) });
      continue;
    }
    if (!line.text.trim() || isRule(line.text)) {
      i++;
      continue;
    }
    if (isTableRow(line.text) && lines[i + 1] && TABLE_SEPARATOR.test(lines[i + 1]!.text) && !lines[i + 1]!.code) {
      const start = i;
      const header = tableCells(line.text);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && !lines[i]!.code && lines[i]!.text.trim() && isTableRow(lines[i]!.text)) {
        rows.push(tableCells(lines[i]!.text));
        i++;
      }
      blocks.push({ type: 'table', lines: lines.slice(start, i), header, rows });
      continue;
    }
    const item = ITEM.exec(line.text);
    if (item) {
      const indent = indentOf(item[1]!);
      const start = i;
      const text = [item[4]!];
      i++;
      // Continuation: lines indented deeper than the marker that do not start another item (a
      // blank line in between is kept). Unlike CommonMark, an unindented line ends the item:
      // legacy timelines put the next entry on a plain line.
      while (i < lines.length && !lines[i]!.code) {
        const next = lines[i]!;
        if (!next.text.trim()) {
          const after = lines[i + 1];
          if (after && !after.code && after.text.trim() && indentOf(after.text) > indent && !ITEM.test(after.text)) {
            text.push('');
            i++;
            continue;
          }
          break;
        }
        if (ITEM.test(next.text) || isRule(next.text) || indentOf(next.text) <= indent) break;
        text.push(next.text.trim());
        i++;
      }
      const box = item[3];
      blocks.push({
        type: 'item',
        lines: lines.slice(start, i),
        indent,
        ordered: /\d/.test(item[2]!),
        ...(box === undefined ? {} : { checked: /[xX✓✔]/.test(box) }),
        text: text.join('\n').trim(),
      });
      continue;
    }
    const start = i;
    while (i < lines.length && !lines[i]!.code && lines[i]!.text.trim() && !ITEM.test(lines[i]!.text) && !isRule(lines[i]!.text)) {
      if (i > start && isTableRow(lines[i]!.text) && lines[i + 1] && TABLE_SEPARATOR.test(lines[i + 1]!.text)) break;
      i++;
    }
    blocks.push({ type: 'paragraph', lines: lines.slice(start, i) });
  }
  return blocks;
}

/** A paragraph's or item's text as one string (lines joined with spaces). */
export const blockText = (block: Block) =>
  block.type === 'item' ? block.text.replace(/\s*\n\s*/g, ' ') : block.lines.map((l) => l.text.trim()).join(' ');
