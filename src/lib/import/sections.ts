/**
 * Finds the sections of a legacy postmortem by shape and by meaning.
 *
 * Shapes: `#`–`######` headings, underlined (`===`, `---`) titles, whole-line bold or italic
 * labels (`**Issue Summary:**`), `Label:` lines and bold labels followed by text
 * (`**Impact:** The site…`, `- Start: 14:00 UTC`), and ALL CAPS lines.
 * Meaning: the heading text without emoji, numbering and parentheses, with misspelt words
 * corrected against a small vocabulary, matched against synonyms ("Overview", "Summary of the
 * outage", "Preventive measures", "Next steps", "Where we got lucky"…).
 */
import { ITEM, parseMarkdown, type SourceLine } from './markdown.ts';
import { editDistance, plainText, stripEmoji } from './text.ts';

export type SectionKind =
  | 'root'
  | 'title'
  | 'summary'
  | 'impact'
  | 'timeline'
  | 'cause'
  | 'causeResolution'
  | 'trigger'
  | 'factors'
  | 'resolution'
  | 'detection'
  | 'actions'
  | 'lessons'
  | 'wentWell'
  | 'wentWrong'
  | 'lucky'
  | 'duration'
  | 'start'
  | 'end'
  | 'date'
  | 'detectedAt'
  | 'severity'
  | 'services'
  | 'authors'
  | 'tags'
  | 'category'
  | 'aliases'
  | 'timezone'
  /** A `Title:` or `Incident:` line. */
  | 'name'
  | 'unknown';

/** Labels whose text is a fact (a time, a list of names), not prose. */
export const FACT_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>([
  'duration', 'start', 'end', 'date', 'detectedAt', 'severity', 'services', 'authors', 'tags', 'category', 'aliases', 'timezone', 'name',
]);

export interface Section {
  kind: SectionKind;
  /** The heading as written, without `#`, emphasis markers and a trailing colon. */
  heading: string;
  shape: 'root' | 'atx' | 'setext' | 'bold' | 'label' | 'caps';
  /** `#` count for headings; label-like headings sit half a level below the heading above. */
  level: number;
  /** 1-based line of the heading. */
  line: number;
  /** Text after a label on the same line (`Start: June 5, 14:00`). */
  inline?: string;
  lines: SourceLine[];
  children: Section[];
}

/** Words the classifier knows; misspelt heading words are corrected to the nearest one. */
const VOCABULARY = [
  'summary', 'overview', 'impact', 'timeline', 'chronology', 'root', 'cause', 'causes', 'resolution', 'remediation',
  'recovery', 'corrective', 'preventative', 'preventive', 'prevention', 'measures', 'action', 'actions', 'items',
  'follow', 'followup', 'followups', 'lessons', 'learned', 'learnt', 'learnings', 'takeaways', 'trigger', 'triggers',
  'detection', 'detected', 'severity', 'duration', 'start', 'started', 'services', 'service', 'systems', 'components',
  'improvements', 'tasks', 'lucky', 'well', 'wrong', 'poorly', 'contributing', 'factors', 'mitigation', 'fixes',
  'next', 'steps', 'outage', 'incident', 'issue', 'executive', 'affected', 'analysis', 'events', 'sequence', 'what',
  'went', 'postmortem', 'mortem', 'recommendations', 'resolved', 'authors', 'author', 'category', 'timezone',
  'happened', 'response', 'solution', 'description', 'background', 'assessment', 'customer', 'detailed', 'preventing',
];
const VOCABULARY_SET = new Set(VOCABULARY);

function correctWord(word: string): string {
  if (word.length < 5 || VOCABULARY_SET.has(word) || /\d/.test(word)) return word;
  const limit = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of VOCABULARY) {
    const d = editDistance(word, candidate, limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return best && !tie ? best : word;
}

/** The heading reduced to lowercase words: no emoji, numbering, parentheses or punctuation. */
export function normalizeHeading(text: string): string {
  return stripEmoji(plainText(text))
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/^\s*(?:(?:step|part|section|phase|chapter)\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-h])(?:[.):]\s*|\s+)(?=[a-z])/, '')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map(correctWord)
    .join(' ');
}

const RULES: [RegExp, SectionKind][] = [
  // Facts: anchored, so that prose headings that merely contain the word do not match.
  [/^(?:incident |outage |issue |impact )?(?:start(?:ed)?|begin|began|beginning|onset)(?: time| date| at| date and time)?$|^time (?:started|of onset)$/, 'start'],
  [/^(?:incident |outage |issue |impact )?(?:end(?:ed)?|resolved|recovered|finish(?:ed)?|restored|resolution time)(?: time| at| date| date and time)?$/, 'end'],
  [/^(?:detection time|time (?:of )?detect(?:ed|ion)|detected(?: at| time)?|first detected|alerted at)$/, 'detectedAt'],
  [/\bduration\b|^(?:outage|incident|impact) (?:window|period|time)$|^(?:time ?frame|window|when|date and time|time and date|time)$/, 'duration'],
  [/^(?:incident |outage |event )?date$|^date of (?:the )?(?:incident|outage|event)$|^occurred(?: on)?$|^incident day$/, 'date'],
  [/^(?:incident )?(?:severity|sev|priority|impact level|incident level|level)(?: level)?$/, 'severity'],
  [/^(?:affected |impacted )?(?:services?|systems?|components?|products?|applications?|apps?)(?: affected| impacted| involved)?$/, 'services'],
  [/^(?:authors?|written by|prepared by|(?:postmortem|report|document) (?:author|owner)s?|contributors?)$/, 'authors'],
  [/^(?:tags|keywords|labels)$/, 'tags'],
  [/^(?:cause |root cause |incident )?(?:category|type|classification)$/, 'category'],
  [/^(?:ticket|jira|incident (?:id|number|no|ref|reference|key)|ticket (?:id|number)|reference)$/, 'aliases'],
  [/^(?:title|incident|incident (?:name|title)|name|subject|outage)$/, 'name'],
  [/^(?:time ?zone|tz|all times(?: are)?(?: in)?)$/, 'timezone'],
  [/^(?:the )?(?:post ?mortem|incident (?:report|post ?mortem|review|analysis|retrospective)|outage (?:report|post ?mortem)|post ?mortem report|retrospective|post incident review|pir|rca report)$/, 'title'],
  // Prose sections.
  [/^why\b|\bwhat caused\b/, 'cause'],
  [/\blucky\b|\bluck\b/, 'lucky'],
  [/\b(?:went|go|going|gone) (?:wrong|poorly|badly)\b|\bdid ?n'?t go (?:well|right)\b|\bcould (?:have gone|go|be) better\b|^the bad\b|\bwhat we could improve\b|\bpain points\b/, 'wentWrong'],
  [/\b(?:went|go) (?:well|right)\b|\bwhat worked\b|^the good\b/, 'wentWell'],
  [/\bcauses? (?:and|or) (?:resolution|remediation|fix|fixes|recovery|solution|mitigation)\b|\b(?:resolution|fix) and (?:root )?causes?\b/, 'causeResolution'],
  [/\bcontributing\b|^factors$|\bsecondary causes?\b/, 'factors'],
  [/\btriggers?\b|\btriggering event\b/, 'trigger'],
  [/\broot ?causes?\b|\brca\b|^causes?\b|\bcause analysis\b|\bprimary cause\b|\bimmediate cause\b|\btechnical (?:details|cause|analysis)\b|^analysis$/, 'cause'],
  [/\bcorrective\b|\bprevent(?:ative|ive|ion|ing)\b|\baction (?:items?|plan|points)\b|^actions?\b|\bfollow ?ups?\b|\bfollowups?\b|\bnext steps\b|^to ?dos?$|^tasks?$|\bimprovements?\b|\brecommendations?\b|\bremediation (?:items|plan|actions)\b|\bfuture work\b|\bdoing about it\b|\bwhat we will do\b|\bwhat we'll do\b/, 'actions'],
  [/\blessons?\b|\blearn(?:ed|t|ings)\b|\btakeaways?\b/, 'lessons'],
  [/\btime ?line\b|\bchronology\b|\bsequence of events\b|^events$|\bincident log\b|\bevent log\b|\btimeline of events\b/, 'timeline'],
  [/^(?:customer |user |business |service |client )?impact\b|\bimpact (?:assessment|scope|analysis)\b|\bwho was affected\b|^scope\b|^blast radius$/, 'impact'],
  [/\bsummary\b|\boverview\b|\btl ?dr\b|\bsynopsis\b|\babstract\b|\bexecutive\b/, 'summary'],
  [/\bimpact\b/, 'impact'],
  [/^detection\b|\bdetection$|\bhow (?:we|it was) (?:found|noticed|discovered|detected)\b|^discovery$|^alerting$|^detection (?:method|and response)$/, 'detection'],
  [/\bresolution\b|\bremediation\b|\brecovery\b|^(?:the )?fix(?:es)?\b|\bhow (?:we|it was) fixed\b|\bmitigation\b|\bsolution\b|^(?:incident )?response$|\bactions taken\b|^repair$|\bimmediate (?:fix|actions?)\b|\bworkaround\b/, 'resolution'],
];

/** The kind of a heading or label, by meaning. */
export function classifyHeading(text: string): SectionKind {
  const normalized = normalizeHeading(text);
  if (!normalized) return 'unknown';
  for (const [re, kind] of RULES) if (re.test(normalized)) return kind;
  return 'unknown';
}

const ATX = /^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const WHOLE_BOLD = /^\s{0,3}(?:\*\*|__)(?!\s)(.+?)(?:\*\*|__)\s*:?\s*$/;
const WHOLE_ITALIC = /^\s{0,3}([*_])(?![\s*_])(.+?)\1\s*:?\s*$/;
/** `**Label:** text`, `**Label**: text`, `- **Label:** text` (the colon is required). */
const BOLD_LABEL = /^\s{0,3}((?:[-*+•]|\d{1,3}[.)])\s+)?(?:\*\*|__)([^*_\n]{1,60}?)(?:\s*:\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(.*)$/;
/** `Label: text`, `- Label: text`. */
const PLAIN_LABEL = /^\s{0,3}((?:[-*+•]|\d{1,3}[.)])\s+)?([\p{L}\p{Extended_Pictographic}][\p{L}\p{Extended_Pictographic}\uFE0F /&'()-]{1,40}?)\s*:\s*(.*)$/u;
/** "All times are IST.", "_Times in UTC_": a line that only states the zone. */
const ZONE_LINE = /^\s{0,3}[*_]*((?:all )?(?:times?|timestamps)(?: are| is)?(?: (?:in|shown in|given in|listed in))? ?(?:[A-Z]{1,5}|[A-Z][a-z]+\/[A-Za-z_]+|(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?)\.?)[*_]*\s*$/i;
const CAPS = /^\s{0,3}(?=.*[A-Z]{3})([A-Z0-9\p{Extended_Pictographic}\uFE0F][A-Z0-9 &/,'()\-:\p{Extended_Pictographic}\uFE0F]{2,60})$/u;

interface HeadingMatch {
  heading: string;
  shape: Section['shape'];
  /** For atx/setext; others are placed below the current heading. */
  level?: number;
  inline?: string;
  kind: SectionKind;
  /** A label that ends with its list item or paragraph rather than at the next heading. */
  short?: boolean;
}

const cleanHeading = (text: string) =>
  text
    .trim()
    .replace(/^(?:\*\*|__)(.*)(?:\*\*|__)$/, '$1')
    .replace(/\s*:\s*$/, '')
    .replace(/^(?:\*\*|__)(.*)(?:\*\*|__)$/, '$1')
    .trim();

/**
 * Whether a line is a heading, given the kind of the section it is in (labels in timelines and
 * action lists are entries, not headings).
 */
function matchHeading(text: string, context: SectionKind, next: string | undefined, prevBlank: boolean, tree: LineShape | undefined): HeadingMatch | undefined {
  const atx = tree === 'atx' ? ATX.exec(text) : null;
  if (atx) {
    const heading = cleanHeading(atx[2] ?? '');
    return { heading, shape: 'atx', level: atx[1]!.length, kind: classifyHeading(heading) };
  }
  const inList = context === 'timeline' || context === 'actions';
  if (tree === 'setext' && next !== undefined && prevBlank && text.trim() && !ITEM.test(text) && !/\|/.test(text) && text.trim().length <= 100) {
    if (/^\s{0,3}=+\s*$/.test(next) || (/^\s{0,3}-{2,}\s*$/.test(next) && !/[.!?]$/.test(text.trim()))) {
      const heading = cleanHeading(text);
      return { heading, shape: 'setext', level: next.includes('=') ? 1 : 2, kind: classifyHeading(heading) };
    }
  }
  const bold = WHOLE_BOLD.exec(text);
  if (bold && !/[.!?]\s*(?:\*\*|__)?\s*$/.test(text.trim()) && bold[1]!.split(/\s+/).length <= 12 && !/\*\*|__/.test(bold[1]!)) {
    const heading = cleanHeading(bold[1]!);
    return { heading, shape: 'bold', kind: classifyHeading(heading) };
  }
  const italic = WHOLE_ITALIC.exec(text);
  if (italic) {
    const heading = cleanHeading(italic[2]!);
    const kind = classifyHeading(heading);
    if (kind !== 'unknown' && kind !== 'title') return { heading, shape: 'bold', kind };
  }
  for (const re of [BOLD_LABEL, PLAIN_LABEL]) {
    const label = re.exec(text);
    if (!label) continue;
    const bullet = Boolean(label[1]);
    if (bullet && inList) return undefined;
    const heading = cleanHeading(label[2]!);
    const kind = classifyHeading(heading);
    if (kind === 'unknown' || kind === 'title') continue;
    // In a timeline or action list, only a section name at the start of a line ("Root cause: …")
    // ends the list; facts there ("Detection time: …") are entries.
    if (inList && (FACT_KINDS.has(kind) || kind === context)) return undefined;
    const inline = label[3]!.trim();
    // `Impact: …` inside a bullet list ends with its item; facts end with their line.
    return { heading, shape: 'label', kind, ...(inline ? { inline } : {}), short: bullet || FACT_KINDS.has(kind) };
  }
  const zoneLine = ZONE_LINE.exec(text);
  if (zoneLine) return { heading: 'Time zone', shape: 'label', kind: 'timezone', inline: zoneLine[1]!.trim(), short: true };
  const caps = CAPS.exec(text);
  if (caps && prevBlank && caps[1]!.trim().split(/\s+/).length <= 8) {
    const heading = cleanHeading(caps[1]!);
    const kind = classifyHeading(heading);
    // Inside a timeline or action list only a known section name ends the list.
    if (!inList || (kind !== 'unknown' && kind !== 'title')) return { heading, shape: 'caps', kind };
  }
  return undefined;
}

type LineShape = 'atx' | 'setext' | 'code';
const MAX_HEADING_SCAN = 2000;

/**
 * What the Markdown syntax tree says about the document's lines: where its headings are (at the
 * top level, not inside lists or quotes) and which lines are fenced code.
 */
function lineShapes(source: string): Map<number, LineShape> {
  const shapes = new Map<number, LineShape>();
  for (const node of parseMarkdown(source).children) {
    const { start, end } = node.position!;
    if (node.type === 'heading') {
      if (start.line === end.line) shapes.set(start.line, 'atx');
      // One line of text and its underline; a longer underlined paragraph stays text.
      else if (end.line === start.line + 1) shapes.set(start.line, 'setext');
    } else if (node.type === 'code') {
      for (let l = start.line; l <= end.line; l++) shapes.set(l, 'code');
    }
  }
  return shapes;
}

/**
 * The document as a tree of sections. The root holds the lines before the first heading; each
 * heading holds the lines up to the next heading and the deeper headings after it.
 */
export function parseSections(source: string, firstLine = 1): Section {
  const shapes = lineShapes(source);
  // Wiki exports put whole blocks on one line with `<br>`: each piece is a line (same number).
  const lines: string[] = [];
  const numbers: number[] = [];
  for (const [i, line] of source.split('\n').entries()) {
    const shape = shapes.get(i + 1);
    const pieces = shape === 'code' || /^\s*\|/.test(line) || line.length > MAX_HEADING_SCAN ? [line] : line.split(/\s*<br\s*\/?>\s*/i);
    for (const piece of pieces) {
      lines.push(piece);
      numbers.push(i + 1);
    }
  }
  const root: Section = { kind: 'root', heading: '', shape: 'root', level: 0, line: firstLine, lines: [], children: [] };
  const stack: Section[] = [root];
  /** A short label: it ends with its list item or line, then text goes back to its parent. */
  let short: { section: Section; indent: number } | undefined;
  let headingLevel = 0;
  let prevBlank = true;
  const context = () => {
    for (let i = stack.length - 1; i > 0; i--) {
      const kind = stack[i]!.kind;
      if (!FACT_KINDS.has(kind)) return kind;
    }
    return 'root';
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const n = numbers[i]! + firstLine - 1;
    const shape = shapes.get(numbers[i]!);
    const top = () => stack[stack.length - 1]!;
    if (shape === 'code') {
      if (short) endShort();
      top().lines.push({ text, line: n, code: true });
      prevBlank = false;
      continue;
    }
    // Very long lines are text: no heading is that long, and no pattern should scan them.
    const match: HeadingMatch | undefined = text.length > MAX_HEADING_SCAN ? undefined : matchHeading(text, context(), lines[i + 1], prevBlank, shape);
    if (match) {
      if (short) endShort();
      let level: number;
      const listContext = [...stack].reverse().find((s) => s.kind === 'timeline' || s.kind === 'actions');
      if (match.level !== undefined) {
        level = match.level;
        headingLevel = level;
      } else if (listContext && match.kind !== 'unknown' && match.kind !== 'title' && match.kind !== listContext.kind && !FACT_KINDS.has(match.kind)) {
        // "ROOT CAUSE" after a timeline list ends the timeline: it is the timeline's sibling.
        level = listContext.level;
      } else {
        level = headingLevel + (match.shape === 'label' ? 0.75 : 0.5);
      }
      while (stack.length > 1 && top().level >= level) stack.pop();
      const section: Section = {
        kind: match.kind,
        heading: match.heading,
        shape: match.shape,
        level,
        line: n,
        lines: [],
        children: [],
        ...(match.inline !== undefined ? { inline: match.inline } : {}),
      };
      top().children.push(section);
      stack.push(section);
      if (match.short) short = { section, indent: /^\s*/.exec(text)![0].length };
      if (match.shape === 'setext') i++;
      prevBlank = match.shape !== 'label';
      continue;
    }
    if (short) {
      const continues = text.trim() !== '' && /^\s+/.test(text) && /^\s*/.exec(text)![0].length > short.indent && !ITEM.test(text.slice(short.indent));
      if (!continues) endShort();
    }
    top().lines.push({ text, line: n });
    prevBlank = !text.trim();
  }
  return root;

  function endShort() {
    const index = stack.indexOf(short!.section);
    if (index > 0) stack.length = index;
    short = undefined;
  }
}

/** Every section below `section`, depth first, in document order. */
export function* walk(section: Section): Generator<Section> {
  for (const child of section.children) {
    yield child;
    yield* walk(child);
  }
}
