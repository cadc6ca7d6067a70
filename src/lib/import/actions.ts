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
  const t = text.trim().replace(/[*_`[\]().]/g, '').trim();
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

/** One action from an item's text (inline Markdown), with its metadata taken out of the title. */
export function parseActionText(markdown: string, line: number, ctx: ActionContext, checked?: boolean): ParsedAction {
  let text = plainText(markdown);
  const action: ParsedAction = { title: '', line };
  if (checked !== undefined) action.status = checked ? 'done' : 'open';
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
      else if (role === 'ticket') action.ticket = plain;
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
