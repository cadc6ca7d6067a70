/** Writes an imported postmortem as an `.mdx` file: YAML front matter, then the escaped body. */
import { Document } from 'yaml';
import { codeBlock, escapeMarkdown } from './escape.ts';
import { plainText, slugify } from './text.ts';

/** A piece of the body, placed by the line it came from. */
export interface BodyPart {
  /** Source line (0: after everything else). */
  line: number;
  heading?: string;
  /** 0 → `##`, 1 → `###`, 2+ → `####`. */
  depth?: number;
  /** Legacy Markdown, escaped on output. */
  markdown?: string;
  /** Text shown as a code block. */
  code?: string;
  /** Text kept as an MDX comment (never shown). */
  comment?: string;
  lang?: string;
}

/** Front matter as YAML 1.2 with every string double-quoted (datetimes stay text for every parser). */
export function frontMatterYaml(data: object, comment?: string): string {
  const doc = new Document(data);
  if (comment) doc.commentBefore = comment;
  return doc.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
}

export function renderBody(parts: BodyPart[], reserved: ReadonlySet<string>): string {
  const ordered = parts
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line || Infinity) - (b.p.line || Infinity) || a.i - b.i)
    .map(({ p }) => p);
  // Parts that share a catch-all heading ("Incident details") are written together.
  const merged: BodyPart[] = [];
  for (const part of ordered) {
    const same = part.heading && merged.find((m) => m.heading === part.heading && (m.heading === 'Incident details' || m.heading === 'Original front matter'));
    if (same && part.markdown !== undefined && same.markdown !== undefined) same.markdown += `\n\n${part.markdown}`;
    else if (same && part.code !== undefined && same.code !== undefined) same.code += `\n${part.code}`;
    else merged.push({ ...part });
  }
  const out: string[] = [];
  for (const [i, part] of merged.entries()) {
    const content =
      part.comment !== undefined ? mdxComment(part.comment) : part.code !== undefined ? codeBlock(part.code, part.lang) : escapeMarkdown(trimBlank(part.markdown ?? ''));
    const hasContent = Boolean(content.trim());
    const next = merged[i + 1];
    if (!hasContent && !(part.heading && next && (next.depth ?? 0) > (part.depth ?? 0))) continue;
    if (part.heading) {
      let heading = plainText(part.heading);
      if (reserved.has(slugify(heading))) heading = `${heading} notes`;
      out.push(`${'#'.repeat(Math.min(4, 2 + (part.depth ?? 0)))} ${escapeMarkdown(heading)}`);
    }
    if (hasContent) out.push(content);
  }
  return out.join('\n\n');
}

/** An MDX comment: an expression holding only a JavaScript comment, which renders nothing. */
const mdxComment = (text: string) => `{/* ${text.replace(/\*\//g, '* /')} */}`;

const trimBlank = (text: string) => text.replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');

export function renderPostmortem(data: object, parts: BodyPart[], options: { source?: string; reserved: ReadonlySet<string> }) {
  const comment = ` Imported${options.source ? ` from ${options.source}` : ''} by \`npm run import\`.${'review' in data ? ' Check each item in the review list, then delete the list and set status: published.' : ''}`;
  const body = renderBody(parts, options.reserved);
  const mdx = `---\n${frontMatterYaml(data, comment)}---\n${body ? `\n${body}\n` : ''}`;
  return { mdx, body };
}
