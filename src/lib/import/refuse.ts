/**
 * Recognises files that are not postmortems, so that the importer refuses them with a one-line
 * reason instead of writing a half-invented incident: empty files, link lists, empty templates,
 * and instructions for writing a postmortem (course assignments, how-to guides).
 */

export interface RefusalFacts {
  /** A clock time was found somewhere (a start line, a timeline entry). */
  hasTime: boolean;
  /** A calendar date was found somewhere (front matter, a date line, the title, the file name). */
  hasDate: boolean;
  /** A date with its year: templates have example rows ("June 28") but no real incident date. */
  hasFullDate: boolean;
}

const HEADING_LINE = /^\s{0,3}(?:#{1,6}\s|(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$|[=-]{3,}\s*$)/;
const LINK = /\]\(\s*<?(?:https?:|www\.)|(?<![(<])\bhttps?:\/\/\S+/i;
const PLACEHOLDER =
  /\{[^{}\n]{1,60}\}|\[(?![xX ]\])[^\]\n]{2,80}\](?!\()|<!--[\s\S]*?-->|\bYYYY\b|\bHH:MM\b|\bTBD\b|\bTODO\b|\bN\/A\b|^\s*(?:\.{3}|…)\s*$|\|\s*(?:\.{3}|…)\s*(?=\|)|_{3,}|^\s*(?:[-*+]\s+)?[^:\n]{2,40}:\s*$|^\s*[*_][^*_\n]{3,120}[*_]\s*$|\|\s*\|/gim;
const INSTRUCTION =
  /\byou(?:r|'ll|'re|rself)?\b|\b(?:must|should) (?:contain|include|be|have|cover|list|describe|state|explain|use)\b|\brequirements?\b|\bassignment\b|\bsubmi(?:t|ssion)\b|\bgrad(?:ing|ed|er)\b|\bchecker\b|\bhow to write\b|\bwrite (?:a|an|your) (?:postmortem|post-mortem|incident report)\b|\blearning objectives?\b|\bread or watch\b|\bguidelines?\b|\blet'?s review\b|^\s*[-*+]\s+(?:list|give|state|describe|include|explain|do not|don't|add|write|provide)\b/gim;

/** Larger than any postmortem: a file this size is a log, a dump or an export of many pages. */
export const MAX_SOURCE_CHARS = 256 * 1024;
/** Markup characters in one paragraph beyond which it is not prose (and parsing it gets slow). */
const MAX_MARKERS_PER_PARAGRAPH = 4000;
const MARKER = /[[\]*_`<~!]/g;
const FENCE_LINE = /^ {0,3}(?:`{3,}|~{3,})/;

/**
 * Files that cannot be a postmortem by their size or shape, found in one linear pass before any
 * parsing: too large, or a paragraph made of markup characters (`[[[[…`, `**_**_…`). Fenced code
 * is not counted: its text is not parsed as inline Markdown.
 */
export function shapeRefusal(text: string): string | undefined {
  if (text.length > MAX_SOURCE_CHARS) {
    return `${(text.length / 1024).toFixed(0)} KB of text: larger than any postmortem (the limit is ${MAX_SOURCE_CHARS / 1024} KB); split it or remove logs and dumps`;
  }
  let markers = 0;
  let paragraphLine = 1;
  let fenced = false;
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (FENCE_LINE.test(line)) fenced = !fenced;
    if (fenced) continue;
    if (!line.trim()) {
      markers = 0;
      paragraphLine = i + 2;
      continue;
    }
    markers += line.match(MARKER)?.length ?? 0;
    if (markers > MAX_MARKERS_PER_PARAGRAPH) {
      return `line ${paragraphLine}: a paragraph with more than ${MAX_MARKERS_PER_PARAGRAPH} Markdown markup characters ([, *, _, \`, <…) is not prose; put it in a fenced code block or remove it`;
    }
  }
  return undefined;
}

/** A line that is itself only a placeholder (`[Describe the impact]`, `{date}`, `…`, `YYYY-MM-DD`). */
const PLACEHOLDER_LINE = /^\s*(?:[-*+]\s+)?(?:\[[^\]\n]{2,80}\]|\{[^{}\n]{1,60}\}|\.{3}|…|_{3,}|YYYY\S*|HH:MM\S*|TBD|TODO|N\/A)\s*$/i;

/** Why `text` is not a postmortem, or undefined when it may be one. */
export function refusalReason(text: string, facts: RefusalFacts): string | undefined {
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, ' ');
  if (!/[\p{L}\p{N}]/u.test(withoutComments.replace(/^---[\s\S]*?---/, ''))) return 'empty file: there is no text to import';
  const lines = text.split('\n').filter((l) => l.trim() && !HEADING_LINE.test(l));
  const words = (s: string) => s.match(/[\p{L}\p{N}]{2,}/gu)?.length ?? 0;

  const linkLines = lines.filter((l) => LINK.test(l));
  const proseOutsideLinks = lines
    .filter((l) => !LINK.test(l))
    .map(words)
    .reduce((a, b) => a + b, 0);
  if (linkLines.length >= 3 && linkLines.length >= lines.length * 0.6 && !facts.hasTime && proseOutsideLinks < 60) {
    return `a list of links (${linkLines.length} of ${lines.length} lines are links), not an incident report`;
  }

  const dated = facts.hasFullDate && facts.hasTime;
  const instructions = text.match(INSTRUCTION)?.length ?? 0;
  if (instructions >= 4 && !dated) {
    return 'instructions for writing a postmortem (an assignment or a guide), not a report of an incident';
  }
  // An empty "Label:" line is a placeholder only when no text follows it before the next label
  // or heading; "Timeline:" above its entries is a heading.
  const textLines = text.split('\n');
  const EMPTY_LABEL = /^\s*(?:[-*+]\s+)?[^:\n]{2,40}:\s*$/;
  const emptyLabelsWithContent = textLines.filter((l, i) => {
    if (!EMPTY_LABEL.test(l)) return false;
    const next = textLines.slice(i + 1).find((n) => n.trim());
    return next !== undefined && !EMPTY_LABEL.test(next) && !HEADING_LINE.test(next) && !PLACEHOLDER_LINE.test(next);
  }).length;
  const placeholders = (text.match(PLACEHOLDER)?.length ?? 0) - emptyLabelsWithContent;
  const contentWords = words(lines.join(' ').replace(PLACEHOLDER, ' '));
  if (!dated && (placeholders >= 3 || contentWords < 25)) {
    return contentWords < 25
      ? `an empty template: headings with almost no text (${contentWords} words)`
      : `an empty template: ${placeholders} placeholders (like YYYY-MM-DD, [Describe…], {…} or empty "Label:" lines) instead of incident facts`;
  }
  if (!facts.hasDate && !facts.hasTime) return "no incident date or time found: not a postmortem (add a line like 'Start: 2024-06-05 14:00 UTC')";
  // Times without a date: imported, with the date left for review (refusing a real report is worse).
  return undefined;
}
