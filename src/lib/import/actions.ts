/**
 * Action items as legacy postmortems write them: bullets, numbered lists, checkboxes (`[x]` is
 * done), tables with owner/status/type/priority/due/ticket columns, inline metadata
 * (`@owner`, `(owner: …)`, `JIRA-123`, `due 2024-07-01`, `P1`, `(done)`), grouped under
 * sub-headings ("Improvements", "Tasks", "Prevention", "Detection"…).
 */
import type { ActionItem } from '../format/schema.ts';
import { splitBlocks, blockText, type Block, type SourceLine } from './markdown.ts';
import { findDates, isoDate, type DateOptions } from './dates.ts';
import type { Section } from './sections.ts';
import { plainText, stripEmoji } from './text.ts';

type ActionType = NonNullable<ActionItem['type']>;
type ActionStatus = ActionItem['status'];
type Priority = NonNullable<ActionItem['priority']>;

export interface ParsedAction {
  title: string;
  type?: ActionType;
  owner?: string;
  status?: ActionStatus;
  priority?: Priority;
  due?: string;
  /** When it was done or dropped, when the source says (`done 2024-06-20`, a Closed column). */
  closed?: string;
  ticket?: string;
  line: number;
}

export interface ActionsParse {
  actions: ParsedAction[];
  /** Text in the action sections that is not an action item (intros, conclusions). */
  leftover: { heading?: string; lines: SourceLine[] }[];
}

const TYPE_RULES: [RegExp, ActionType][] = [
  [/\bmonitor|\balert|\balarm|\bdashboard|\bobservab|\bdetect|\blogging\b|\bmetrics?\b|\btracing\b|\btelemetry\b|\bhealth ?checks?\b|\bsynthetic\b|\bvisibility\b|\bslos?\b|\bslis?\b|\bpaging\b|\bnotif(?:y|ication)/i, 'detect'],
  [/\bprocess|\btrain(?:ing|ed)?\b|\bdocument|\brunbook|\bplaybook|\bchecklist|\bpostmortem|\bcommunicat|\bon-?call\b|\bhandbook|\bguideline|\bprocedure|\bpeer review|\bapproval|\bsign-?off|\beducat|\bworkshop|\bknowledge shar|\bownership\b|\bescalation path/i, 'process'],
  [/\bcapacity\b|\bfail-?over\b|\bredundan|\brate[- ]?limit|\bcircuit[- ]breaker|\bauto-?scal|\bscal(?:e|ing) (?:up|out)\b|\bfallback|\bgraceful|\bbackups?\b|\bretr(?:y|ies)\b|\btimeouts?\b|\bbulkhead|\bisolat|\bdegradation\b|\breplica|\bmulti-?region|\bheadroom\b|\bfaster (?:rollback|recovery)|\brollback (?:plan|procedure|automation)/i, 'mitigate'],
];

/** The type an action item's wording suggests (`prevent` when nothing else fits). */
export function inferActionType(title: string): ActionType {
  for (const [re, type] of TYPE_RULES) if (re.test(title)) return type;
  return 'prevent';
}

/** A type stated by a group heading ("Prevention", "Detection", "Process changes"). */
export function typeFromHeading(heading: string): ActionType | undefined {
  const h = heading.toLowerCase();
  const hits = ([
    [/\bprevent/, 'prevent'],
    [/\bdetect|\bmonitor|\balert/, 'detect'],
    [/\bmitigat/, 'mitigate'],
    [/\bprocess|\bpeople\b|\bcommunicat/, 'process'],
  ] as [RegExp, ActionType][]).filter(([re]) => re.test(h));
  return hits.length === 1 ? hits[0]![1] : undefined;
}

const STATUS_WORDS: [RegExp, ActionStatus][] = [
  [/^(?:done|closed|complete(?:d)?|fixed|resolved|shipped|merged|finished|yes|✅|✔️?|☑️?)$/i, 'done'],
  [/^(?:in[- ]progress|wip|ongoing|started|doing|in review|underway|active)$/i, 'in-progress'],
  [/^(?:won'?t ?(?:do|fix)|wontfix|cancell?ed|dropped|rejected|declined|not doing|obsolete)$/i, 'wont-do'],
  [/^(?:open|todo|to ?do|planned|not started|pending|new|backlog|no|proposed|tbd|❌|⬜|🔲)$/i, 'open'],
];
export function parseStatus(text: string): ActionStatus | undefined {
  const t = text.trim().replace(/[’‘]/g, "'").replace(/[*_`[\]().~]/g, '').trim();
  for (const [re, status] of STATUS_WORDS) if (re.test(t)) return status;
  return undefined;
}

const PRIORITY_WORDS: [RegExp, Priority][] = [
  [/^(?:p0|critical|urgent|blocker|highest)$/i, 'P0'],
  [/^(?:p1|high)$/i, 'P1'],
  [/^(?:p2|medium|med|normal|moderate)$/i, 'P2'],
  [/^(?:p3|p4|p5|low|lowest|minor|nice to have)$/i, 'P3'],
];
const parsePriority = (text: string): Priority | undefined => {
  const t = text.trim().replace(/[*_`()]/g, '').trim();
  for (const [re, p] of PRIORITY_WORDS) if (re.test(t)) return p;
  return undefined;
};
const TYPE_WORDS: [RegExp, ActionType][] = [
  [/^(?:prevent(?:ion|ive|ative)?|fix|repair)$/i, 'prevent'],
  [/^(?:detect(?:ion)?|monitoring|alerting|observability)$/i, 'detect'],
  [/^(?:mitigat(?:e|ion)|resilience|recovery)$/i, 'mitigate'],
  [/^(?:process|people|communication|documentation|training)$/i, 'process'],
];
const parseType = (text: string): ActionType | undefined => {
  const t = text.trim().replace(/[*_`]/g, '').trim();
  for (const [re, type] of TYPE_WORDS) if (re.test(t)) return type;
  return undefined;
};

const DECORATION = /^\s*(?:✅|✔️?|☑️?)\s*/u;
const TICKET = /\b([A-Z][A-Z0-9]{1,9}-\d{1,6})\b|(https?:\/\/\S+\/(?:issues|browse|pull|tickets?|merge_requests)\/[\w-]+)|(?<![\w&])(#\d{1,6})\b/;
const OWNER_PAREN = /\(\s*(?:owner|assignee|assigned to|owned by|dri)\s*[:=-]?\s*([^)]+?)\s*\)/i;
const OWNER_INLINE = /\s*[-–—,;|]?\s*\b(?:owner|assignee|assigned to|owned by|dri)\s*[:=]\s*(@?[\w.@-]+(?: [A-Z][\w.-]+)?)/i;
const HANDLE = /(?:^|[\s(])@([\w][\w.-]*)/;
const DUE = /\b(?:due|by|deadline|eta|target(?: date)?)\s*(?:date)?\s*[:=]?\s*((?:\d{4}-\d{1,2}-\d{1,2})|(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4})|(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?)|(?:\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8}(?: \d{4})?))/;
const PRIORITY_TOKEN = /\(\s*(P[0-3])\s*\)|\[\s*(P[0-3])\s*\]|\b(P[0-3])\b/;
const STATUS_PAREN = /\(\s*(done|completed?|closed|fixed|in progress|wip|ongoing|won'?t do|wontfix|cancell?ed|open|todo|planned)\s*\)|^\s*\[?\s*(DONE|TODO|WIP)\s*\]?\s*[:\-–]\s*/i;

export interface ActionContext extends DateOptions {
  /** The year for due dates written without one. */
  year: number;
}

/**
 * Status words and marks anywhere in an item or row: capitalised (`DONE`, `IN PROGRESS`) or
 * emphasised in any case (`**done**`), and ✅ ✔ ☑. Lowercase words inside a sentence are prose.
 */
const STATUS_ANYWHERE =
  /(\*\*|__|\*|_)(done|fixed|complete(?:d)?|closed|resolved|todo|to do|open|in[- ]progress|wip|won['’]?t ?(?:fix|do)|wontfix|cancell?ed)\1|(?<![\w-])(DONE|FIXED|COMPLETED?|CLOSED|RESOLVED|TODO|IN[- ]PROGRESS|WIP|WON['’]?T ?(?:FIX|DO)|WONTFIX|CANCELL?ED)(?![\w-])|(✅|✔️?|☑️?)/u;
/** A date the item was closed on: "done 2024-06-20", "closed on June 25", "completed: 2024-06-20". */
const CLOSED_ON = /\b(?:done|closed|completed?|fixed|resolved|shipped|finished|dropped|cancell?ed)\b[\s:,-]*(?:on\s+|at\s+)?(?=\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8})/i;

/** A status after a dash or colon at the end, in any case: "… – won’t fix", "…: done". */
const TRAILING_STATUS = /(?:\s[–—-]+|:)\s*(done|fixed|complete(?:d)?|closed|todo|to do|in[- ]progress|wip|won['’]?t ?(?:fix|do)|wontfix|cancell?ed)\s*[.!]?\s*$/i;

/** Takes a status word or mark out of `text`: the status and the text without it. */
export function takeStatus(markdown: string): { status?: ActionStatus; rest: string } {
  const trailing = TRAILING_STATUS.exec(markdown);
  if (trailing && parseStatus(trailing[1]!)) return { status: parseStatus(trailing[1]!)!, rest: markdown.slice(0, trailing.index).trim() };
  const m = STATUS_ANYWHERE.exec(markdown);
  const word = m ? (m[2] ?? m[3] ?? m[4]) : undefined;
  const status = word ? parseStatus(word) : undefined;
  if (!m || !status) return { rest: markdown };
  return { status, rest: (markdown.slice(0, m.index) + markdown.slice(m.index + m[0].length)).replace(/\s{2,}/g, ' ').trim() };
}

/** A date the text says the item was closed on, as `YYYY-MM-DD`, and the text without it. */
function takeClosed(text: string, ctx: ActionContext): { closed?: string; rest: string } {
  const m = CLOSED_ON.exec(text);
  if (!m) return { rest: text };
  const found = findDates(text.slice(m.index + m[0].length), ctx)[0];
  if (!found || found.index !== 0) return { rest: text };
  const end = m.index + m[0].length + found.end;
  const closed = isoDate({ year: found.date.year ?? ctx.year, month: found.date.month, day: found.date.day });
  return { closed, rest: (text.slice(0, m.index) + text.slice(end)).replace(/[\s,;–—-]+$/, '').replace(/\s{2,}/g, ' ').trim() };
}

/** One action from an item's text (inline Markdown), with its metadata taken out of the title. */
export function parseActionText(source: string, line: number, ctx: ActionContext, checked?: boolean): ParsedAction {
  const action: ParsedAction = { title: '', line };
  let markdown = source;
  // A struck-through item (`~~Email every customer~~`) is done.
  const struck = /^\s*~~([^~]+)~~(.*)$/.exec(markdown);
  if (struck) {
    action.status = 'done';
    markdown = `${struck[1]}${struck[2]}`;
  }
  const marked = takeStatus(markdown);
  if (marked.status) {
    action.status ??= marked.status;
    markdown = marked.rest;
  }
  let text = plainText(markdown);
  const closed = takeClosed(text, ctx);
  if (closed.closed) {
    action.closed = closed.closed;
    action.status ??= 'done';
    text = closed.rest;
  }
  if (checked !== undefined) action.status = checked ? 'done' : action.status === 'wont-do' ? 'wont-do' : 'open';
  const lead = /^\s*(✅|✔️?|☑️?|❌|⬜|🔲)\s*/u.exec(text);
  if (lead) {
    text = text.slice(lead[0].length);
    action.status ??= parseStatus(lead[1]!);
  }
  const status = STATUS_PAREN.exec(text);
  if (status) {
    action.status ??= parseStatus(status[1] ?? status[2]!);
    text = text.replace(status[0], '');
  }
  const ownerParen = OWNER_PAREN.exec(text);
  const ownerInline = ownerParen ? undefined : OWNER_INLINE.exec(text);
  if (ownerParen || ownerInline) {
    action.owner = (ownerParen ?? ownerInline)![1]!.trim();
    text = text.replace((ownerParen ?? ownerInline)![0], '');
  } else {
    const handle = HANDLE.exec(text);
    if (handle) action.owner = `@${handle[1]!.replace(/[.]+$/, '')}`;
  }
  const due = DUE.exec(text);
  if (due) {
    const found = findDates(due[1]!, ctx)[0];
    if (found) {
      action.due = isoDate({ year: found.date.year ?? ctx.year, month: found.date.month, day: found.date.day });
      const paren = new RegExp(`\\(\\s*${escapeRegExp(due[0])}\\s*\\)`).exec(text);
      text = text.replace(paren ? paren[0] : due[0], '');
    }
  }
  const ticket = TICKET.exec(text);
  if (ticket) {
    action.ticket = ticket[1] ?? ticket[2] ?? ticket[3]!;
    // A ticket in brackets is metadata; one inside the sentence stays in the title too.
    const bracketed = new RegExp(`[[(]\\s*${escapeRegExp(action.ticket)}\\s*[\\])]`).exec(text);
    if (bracketed) text = text.replace(bracketed[0], '');
  }
  const priority = PRIORITY_TOKEN.exec(text);
  if (priority) {
    action.priority = (priority[1] ?? priority[2] ?? priority[3]!) as Priority;
    // Bracketed or trailing ("… at night P2") it is metadata; inside the sentence it stays.
    if (priority[1] || priority[2] || new RegExp(`\\b${priority[0]}\\s*[.;]?\\s*$`).test(text)) text = text.replace(new RegExp(`\\s*${escapeRegExp(priority[0])}(?=\\s*[.;]?\\s*$)|${escapeRegExp(priority[0])}`), '');
  }
  action.title = text.replace(/\s{2,}/g, ' ').replace(/\s+([.,;:])/g, '$1').replace(/^[\s:;,–—-]+|[\s,;–—-]+$/g, '').trim() || plainText(markdown);
  return action;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const COLUMN_RULES: [RegExp, keyof Omit<ParsedAction, 'line'>][] = [
  [/^(?:owners?|assignees?|assigned(?: to)?|who|responsible|team|dri|person)$/, 'owner'],
  [/^(?:closed|closed on|done on|completed on|date closed|date done|resolved on|closed date)$/, 'closed'],
  [/^(?:status|state|done|progress|completed?)$/, 'status'],
  [/^(?:type|category|kind|class)$/, 'type'],
  [/^(?:priority|prio|pri|p)$/, 'priority'],
  [/^(?:due|due date|deadline|eta|by|target|target date|when|date)$/, 'due'],
  [/^(?:tickets?|issues?|jira|links?|id|ref|reference|tracking|bug|pr|tracker)$/, 'ticket'],
  [/^(?:actions?|action items?|items?|tasks?|descriptions?|what|title|todo|to do|remediation|fix|measures?|improvements?|follow ?ups?|steps?)$/, 'title'],
];

function readTable(block: Extract<Block, { type: 'table' }>, ctx: ActionContext, typeHint?: ActionType): ParsedAction[] {
  const roles = block.header.map((h) => {
    const key = stripEmoji(h).toLowerCase().replace(/[^a-z ]/g, ' ').replace(/\s+/g, ' ').trim();
    return COLUMN_RULES.find(([re]) => re.test(key))?.[1];
  });
  let titleCol = roles.indexOf('title');
  if (titleCol < 0) {
    // The column with the longest text is the action.
    const lengths = block.header.map((_, i) => block.rows.reduce((sum, r) => sum + (roles[i] ? 0 : (r[i] ?? '').length), 0));
    titleCol = lengths.indexOf(Math.max(...lengths));
  }
  const out: ParsedAction[] = [];
  for (const [r, row] of block.rows.entries()) {
    const cell = (i: number) => (row[i] ?? '').trim();
    if (!cell(titleCol) && row.every((c) => !c.trim())) continue;
    const action = parseActionText(cell(titleCol) || row.filter(Boolean).join(' '), block.lines[r + 2]?.line ?? block.lines[0]!.line, ctx);
    const extras: string[] = [];
    for (const [i, role] of roles.entries()) {
      if (i === titleCol || !cell(i)) continue;
      const value = cell(i);
      const plain = plainText(value);
      const dueDate = role === 'due' ? findDates(plain, ctx)[0] : undefined;
      if (role === 'owner') action.owner = plain;
      else if (role === 'status' && parseStatus(plain)) action.status = parseStatus(plain);
      else if (role === 'type' && parseType(plain)) action.type = parseType(plain);
      else if (role === 'priority' && parsePriority(plain)) action.priority = parsePriority(plain);
      else if (role === 'due' && dueDate) action.due = isoDate({ year: dueDate.date.year ?? ctx.year, month: dueDate.date.month, day: dueDate.date.day });
      else if (role === 'ticket') {
        // "BUG-5521 **DONE**": the ticket is the key or URL; a status word beside it is the status.
        const marked = takeStatus(value);
        if (marked.status) action.status = marked.status;
        const key = TICKET.exec(plainText(marked.rest));
        action.ticket = key ? (key[1] ?? key[2] ?? key[3]!) : plainText(marked.rest);
        if (!action.ticket) delete action.ticket;
      } else if (role === 'closed' && findDates(plain, ctx)[0]) {
        const d = findDates(plain, ctx)[0]!;
        action.closed = isoDate({ year: d.date.year ?? ctx.year, month: d.date.month, day: d.date.day });
        action.status ??= 'done';
      }
      else if (!action.status && role !== 'status' && takeStatus(value).status && !plainText(takeStatus(value).rest)) action.status = takeStatus(value).status;
      // Anything the format has no place for stays with the title.
      else extras.push(`${plainText(block.header[i] ?? '') || 'Note'}: ${plain}`);
    }
    if (extras.length) action.title = `${action.title} (${extras.join('; ')})`;
    action.type ??= typeHint ?? inferActionType(action.title);
    out.push(action);
  }
  return out;
}

/** Reads the action items of an actions section and its sub-sections. */
export function parseActions(section: Section, ctx: ActionContext): ActionsParse {
  const actions: ParsedAction[] = [];
  const leftover: ActionsParse['leftover'] = [];
  visit(section, undefined, true);
  return { actions, leftover };

  function visit(node: Section, hint: ActionType | undefined, top: boolean) {
    const typeHint = top ? undefined : (typeFromHeading(node.heading) ?? hint);
    const blocks = splitBlocks(node.lines);
    const hasItems = blocks.some((b) => b.type === 'item' || b.type === 'table');
    const notes: SourceLine[] = [];
    if (node.inline) {
      // `Action items: add an alert` on one line.
      const action = parseActionText(node.inline, node.line, ctx);
      action.type ??= typeHint ?? inferActionType(action.title);
      actions.push(action);
    }
    // A ✅ in front of every item is decoration, not a status.
    const items = blocks.filter((b): b is Extract<Block, { type: 'item' }> => b.type === 'item');
    const decorated = items.length > 1 && items.every((b) => DECORATION.test(b.text));
    const groups: { indent: number; label: string }[] = [];
    for (const [b, block] of blocks.entries()) {
      if (block.type === 'table') {
        actions.push(...readTable(block, ctx, typeHint));
        continue;
      }
      if (block.type === 'item') {
        while (groups.length && groups[groups.length - 1]!.indent >= block.indent) groups.pop();
        const next = blocks[b + 1];
        const text = blockText(block);
        // "- Short term:" with nested items is a group label; its words go into each child.
        if (/:\s*$/.test(text) && text.split(/\s+/).length <= 5 && next?.type === 'item' && next.indent > block.indent) {
          groups.push({ indent: block.indent, label: plainText(text).replace(/:\s*$/, '') });
          continue;
        }
        const prefix = groups.map((g) => `${g.label}: `).join('');
        const action = parseActionText(prefix + (decorated ? text.replace(DECORATION, '') : text), block.lines[0]!.line, ctx, block.checked);
        action.type ??= typeFromHeading(groups.map((g) => g.label).join(' ')) ?? typeHint ?? inferActionType(action.title);
        actions.push(action);
        continue;
      }
      if (block.type === 'paragraph' && !hasItems && !top) {
        // A sub-section of prose only ("We will add an alert on queue age."): one action per paragraph.
        const action = parseActionText(blockText(block), block.lines[0]!.line, ctx);
        action.type ??= typeHint ?? inferActionType(action.title);
        actions.push(action);
        continue;
      }
      if (block.type === 'paragraph' && !hasItems && top && !node.children.length) {
        const action = parseActionText(blockText(block), block.lines[0]!.line, ctx);
        action.type ??= inferActionType(action.title);
        actions.push(action);
        continue;
      }
      notes.push(...block.lines);
    }
    if (notes.length) leftover.push({ ...(top ? {} : { heading: node.heading }), lines: notes });
    for (const child of node.children) {
      // A child without any list (a "Conclusion") is prose for the body, not actions.
      const childBlocks = splitBlocks(child.lines);
      const listLike = childBlocks.some((b) => b.type === 'item' || b.type === 'table') || child.children.length > 0 || child.inline;
      if (!listLike && child.kind !== 'actions' && childBlocks.length) {
        leftover.push({ heading: child.heading, lines: child.lines });
        continue;
      }
      visit(child, typeHint, false);
    }
  }
}
