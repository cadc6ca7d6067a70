/**
 * The postmortem format as one Zod schema. It is the single source of truth: the content
 * collection, `npm run check`, the types, the JSON Schema and the generated reference (`/format/`,
 * docs/format.md) all use it.
 *
 * Datetimes are written as text (with or without an offset) and come out as absolute `Date`s:
 * a datetime without an offset is read in the postmortem's `timezone`, so the conversion happens
 * at object level, after the zone itself has been validated.
 */
import { z } from 'astro/zod';
import { formatDate, parseDate, parseDateTime, timeZoneProblem } from './time.ts';
import { httpUrl, nameOrHttpUrl } from './urls.ts';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const STATUSES = ['draft', 'review', 'published'] as const;
export const VISIBILITIES = ['internal', 'public'] as const;
export const CAUSE_CATEGORIES = [
  'deploy',
  'config',
  'capacity',
  'dependency',
  'database',
  'network',
  'hardware',
  'software-bug',
  'security',
  'data',
  'process',
  'unknown',
] as const;
export const DETECTION_METHODS = ['monitoring', 'customer', 'employee', 'test', 'vendor', 'other'] as const;
export const TIMELINE_KINDS = [
  'trigger',
  'detect',
  'investigate',
  'escalate',
  'mitigate',
  'resolve',
  'communicate',
  'note',
] as const;
export const ACTION_TYPES = ['prevent', 'mitigate', 'detect', 'process'] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/** Ids of postmortems, services and runbooks: lowercase letters, digits, hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Aliases (old ids, ticket keys like `INC-1234`): one URL path segment, case kept. */
export const ALIAS_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An enum whose error says what was expected and what was given. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, expected = values.join(' | ')) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? `required: expected ${expected}` : `expected ${expected}, got ${JSON.stringify(issue.input)}`,
  });
}

const text = z.string().trim().min(1, { error: 'must not be empty' });
const textList = z.array(text).default([]);
const identifier = z
  .string()
  .regex(ID_PATTERN, { error: (issue) => `expected lowercase letters, digits and hyphens (like "checkout-api"), got ${JSON.stringify(issue.input)}` });
/** Another name of a postmortem (old id, ticket key): a URL path segment, `/i/<alias>/`. */
const alias = z
  .string()
  .trim()
  // A folder name under /i/ and /postmortems/: well under the 255-byte file-name limit.
  .max(100, { error: (issue) => `expected an alias of at most 100 characters, got ${String(issue.input).length}` })
  .regex(ALIAS_PATTERN, { error: (issue) => `expected an alias usable in a URL (letters, digits, ".", "_" and "-", like "INC-1234"), got ${JSON.stringify(issue.input)}` });
const percent = z.number().min(0, { error: 'expected a percentage from 0 to 100' }).max(100, { error: 'expected a percentage from 0 to 100' });
/** Checked for shape here; resolved against `timezone` at object level. */
const dateTimeText = z.string({
  error: (issue) =>
    issue.input === undefined
      ? 'required: expected an ISO 8601 datetime like 2024-06-05T14:00:00Z'
      : `expected an ISO 8601 datetime as text like "2024-06-05T14:00:00Z", got ${JSON.stringify(issue.input)}`,
});
const dateText = z.string({ error: 'expected a date as text like "2024-06-30"' });

export const timelineEntrySchema = z.strictObject({
  at: dateTimeText.optional().describe('When; without it the entry is an untimed note, kept in order, left out of the chart.'),
  event: text.describe('What happened, one sentence.'),
  kind: oneOf(TIMELINE_KINDS).default('note').describe('Phase.'),
  misleading: z.boolean().default(false).describe('A lead that turned out wrong.'),
  approximate: z.boolean().default(false).describe('The time is a guess.'),
  until: dateTimeText.optional().describe('The activity lasted until then.'),
});

export const actionItemSchema = z.strictObject({
  title: text.describe('One actionable sentence.'),
  type: oneOf(ACTION_TYPES).optional().describe('Prevent a repeat, mitigate faster, detect sooner, or fix a process.'),
  owner: text.optional().describe('Team or person.'),
  status: oneOf(ACTION_STATUSES).default('open').describe('Where it stands.'),
  priority: oneOf(PRIORITIES, 'P0–P3').optional().describe('P0 is the most urgent.'),
  due: dateText.optional().describe('Date, like 2024-06-30.'),
  ticket: nameOrHttpUrl('a ticket key like OPS-42').optional().describe('Ticket key (like OPS-42) or its http(s) URL.'),
  closed: dateText.optional().describe('When it was done or dropped, like 2024-07-02; not before the incident started.'),
});

const rawPostmortemSchema = z.strictObject({
  title: text.describe('One line.'),
  summary: text.describe('One or two sentences for lists, feeds and search results.'),
  status: oneOf(STATUSES).default('published').describe('Drafts are left out of production builds; review shows a badge.'),
  /**
   * What a reviewer must check before publishing, one line each: values an importer or author
   * guessed (a severity, a start time taken from the first timeline entry). Set with
   * `status: review`; removed once checked.
   */
  review: z.array(text).optional().describe('What a reviewer must check before publishing (guessed values), one line each.'),
  visibility: oneOf(VISIBILITIES).default('internal').describe('Public builds (HINDSIGHT_VISIBILITY=public) leave internal postmortems out.'),
  severity: oneOf(SEVERITIES, 'SEV1–SEV4').describe('SEV1 is the worst.'),
  services: z.array(identifier).min(1, { error: 'expected at least one affected service id' }).describe('Affected service ids, each defined in content/services/.'),
  tags: textList.describe('Free keywords.'),
  authors: textList.describe('Who wrote it.'),
  timezone: z.string().default('UTC').describe('Canonical IANA zone the times are shown in (like Europe/Berlin or UTC; not an offset or a legacy name); datetimes without an offset are read in it.'),
  started: dateTimeText.describe('Impact began.'),
  detected: dateTimeText.optional().describe('Someone or something noticed; between started and resolved.'),
  mitigated: dateTimeText.optional().describe('Impact stopped or was contained; between started and resolved.'),
  resolved: dateTimeText.describe('Incident over; not before started.'),
  impact: z.strictObject({
    summary: text.describe('Who and what was affected, in a sentence or two.'),
    usersAffectedPercent: percent.optional().describe('Share of users affected.'),
    requestsFailedPercent: percent.optional().describe('Share of requests that failed.'),
    customers: z.number().int().nonnegative().optional().describe('Number of customers affected.'),
    dataLoss: z.boolean().optional().describe('Whether data was lost.'),
  }).describe('Who and what was affected.'),
  cause: z.strictObject({
    category: oneOf(CAUSE_CATEGORIES).describe('The taxonomy of causes.'),
    summary: text.describe('The root cause, in a paragraph.'),
    trigger: text.optional().describe('What set it off (a deploy, a config push, a traffic spike).'),
    factors: textList.describe('Contributing factors.'),
  }).describe('The root cause: its category (the taxonomy), a paragraph, the trigger.'),
  resolution: text.describe('What fixed it, in a paragraph.'),
  detection: z
    .strictObject({
      method: oneOf(DETECTION_METHODS).describe('Who or what noticed first.'),
      details: text.optional().describe('Which alert, which customer report.'),
    })
    .optional()
    .describe('How the incident was noticed.'),
  timeline: z.array(timelineEntrySchema).min(1, { error: 'expected at least one timeline entry' }).describe('What happened, in time order.'),
  actions: z.array(actionItemSchema).default([]).describe('Action items.'),
  lessons: z
    .strictObject({ wentWell: textList.describe('What went well.'), wentWrong: textList.describe('What went wrong.'), lucky: textList.describe('Where we got lucky.') })
    .optional()
    .describe('What went well, what went wrong, where we got lucky.'),
  related: z.array(identifier).default([]).describe('Ids of other postmortems; each must exist.'),
  runbooks: z.array(nameOrHttpUrl('a runbook id')).default([]).describe('Runbook ids (content/runbooks/) or http(s) URLs that responders used or should have used.'),
  public: z
    .strictObject({
      title: text.optional().describe('Title shown in public builds.'),
      summary: text.optional().describe('Summary shown in public builds.'),
      impact: z.strictObject({ summary: text.optional().describe('Impact summary shown in public builds.') }).optional().describe('Impact fields shown in public builds.'),
      cause: z.strictObject({ summary: text.optional().describe('Root-cause summary shown in public builds.') }).optional().describe('Root-cause fields shown in public builds.'),
      resolution: text.optional().describe('Resolution shown in public builds.'),
    })
    .optional()
    .describe('The redacted version for public builds (HINDSIGHT_VISIBILITY=public): each field given here replaces the field of the same name there; internal builds show the originals.'),
  aliases: z.array(alias).default([]).describe('Other names that keep resolving: old ids, ticket keys like INC-1234.'),
  sources: z.array(httpUrl).default([]).describe('Where the facts came from (http(s) URLs): public reports, dashboards, chat logs.'),
});

type RawPostmortem = z.output<typeof rawPostmortemSchema>;
type Path = (string | number)[];

/**
 * Every datetime field of a postmortem, with its path. The cross-field rules run even when other
 * fields failed (so that every problem is reported at once), hence the defensive reading.
 */
function* dateTimeFields(pm: Partial<RawPostmortem>): Generator<[Path, string]> {
  for (const key of ['started', 'detected', 'mitigated', 'resolved'] as const) {
    const value = pm[key];
    if (typeof value === 'string') yield [[key], value];
  }
  const timeline = Array.isArray(pm.timeline) ? pm.timeline : [];
  for (const [i, entry] of timeline.entries()) {
    if (typeof entry?.at === 'string') yield [['timeline', i, 'at'], entry.at];
    if (typeof entry?.until === 'string') yield [['timeline', i, 'until'], entry.until];
  }
}

const keyOf = (path: Path) => path.join('.');
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Cross-field rules: zone, datetimes read in it, their order, duplicates in lists. */
function checkCrossFieldRules(pm: Partial<RawPostmortem>, ctx: z.RefinementCtx) {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const timezone = pm.timezone ?? 'UTC';
  const zoneProblem = typeof timezone === 'string' ? timeZoneProblem(timezone) : `expected an IANA time zone name as text, got ${JSON.stringify(timezone)}`;
  if (zoneProblem) {
    issue(['timezone'], zoneProblem);
    return;
  }
  const instants = new Map<string, number>();
  for (const [path, value] of dateTimeFields(pm)) {
    const parsed = parseDateTime(value, timezone);
    if (parsed.ok) instants.set(keyOf(path), parsed.date.getTime());
    else issue(path, parsed.reason);
  }
  const started = instants.get('started');
  for (const [i, action] of listOf(pm.actions).entries()) {
    for (const key of ['due', 'closed'] as const) {
      const value = (action as { due?: unknown; closed?: unknown } | null)?.[key];
      if (typeof value !== 'string') continue;
      const parsed = parseDate(value);
      if (!parsed.ok) issue(['actions', i, key], parsed.reason);
      // `closed` is a calendar day: compare it with the day the incident started, in its zone.
      else if (key === 'closed' && started !== undefined && value < formatDate(new Date(started), timezone)) {
        issue(['actions', i, key], `must not be before the incident started (${pm.started}), got ${JSON.stringify(value)}`);
      }
    }
  }
  const resolved = instants.get('resolved');
  if (started !== undefined && resolved !== undefined) {
    if (resolved < started) issue(['resolved'], `must not be before started (${pm.started}), got ${JSON.stringify(pm.resolved)}`);
    for (const key of ['detected', 'mitigated'] as const) {
      const at = instants.get(key);
      if (at !== undefined && (at < started || at > resolved)) {
        issue([key], `expected a time between started (${pm.started}) and resolved (${pm.resolved}), got ${JSON.stringify(pm[key])}`);
      }
    }
  }
  let previous: { index: number; at: number } | undefined;
  const timeline = listOf(pm.timeline) as Partial<RawPostmortem['timeline'][number]>[];
  for (const [i, entry] of timeline.entries()) {
    const at = instants.get(`timeline.${i}.at`);
    if (at === undefined) continue;
    if (previous && at < previous.at) {
      issue(['timeline', i, 'at'], `timeline out of order: ${JSON.stringify(entry.at)} is before the entry above it (timeline.${previous.index}.at: ${timeline[previous.index]!.at}); entries must be in time order`);
    }
    const until = instants.get(`timeline.${i}.until`);
    if (until !== undefined && until < at) issue(['timeline', i, 'until'], `must not be before at (${entry.at}), got ${JSON.stringify(entry.until)}`);
    previous = { index: i, at };
  }
  for (const key of ['aliases', 'related', 'services'] as const) {
    const seen = new Set<unknown>();
    for (const [i, value] of listOf(pm[key]).entries()) {
      if (seen.has(value)) issue([key, i], `duplicate ${JSON.stringify(value)}`);
      seen.add(value);
    }
  }
}

/** A postmortem's time fields with datetimes of type `T` and action dates (due, closed) of type `D`. */
interface TimeFields<T, D> {
  started: T;
  detected?: T;
  mitigated?: T;
  resolved: T;
  timeline: { at?: T; until?: T }[];
  actions: { due?: D; closed?: D }[];
}

type TimeKeys = 'started' | 'detected' | 'mitigated' | 'resolved' | 'timeline' | 'actions';
/** `P` with its datetimes of type `U` and its action dates of type `E`. */
type WithTimes<P extends TimeFields<unknown, unknown>, U, E> = Omit<P, TimeKeys> & {
  started: U;
  detected?: U;
  mitigated?: U;
  resolved: U;
  timeline: (Omit<P['timeline'][number], 'at' | 'until'> & { at?: U; until?: U })[];
  actions: (Omit<P['actions'][number], 'due' | 'closed'> & { due?: E; closed?: E })[];
};

/**
 * Maps every datetime of a postmortem through `at` and every action date (due, closed) through `day`, keeping
 * everything else: the schema reads text into Dates with it, the JSON API writes them back as text.
 */
export function mapTimeFields<T, D, U, E, P extends TimeFields<T, D>>(pm: P, at: (value: T) => U, day: (value: D) => E): WithTimes<P, U, E> {
  const maybe = (value: T | undefined) => (value === undefined ? undefined : at(value));
  const maybeDay = (value: D | undefined) => (value === undefined ? undefined : day(value));
  return {
    ...pm,
    started: at(pm.started),
    detected: maybe(pm.detected),
    mitigated: maybe(pm.mitigated),
    resolved: at(pm.resolved),
    timeline: pm.timeline.map((entry) => ({ ...entry, at: maybe(entry.at), until: maybe(entry.until) })),
    actions: pm.actions.map((action) => ({ ...action, due: maybeDay(action.due), closed: maybeDay(action.closed) })),
  } as WithTimes<P, U, E>;
}

export const postmortemSchema = rawPostmortemSchema
  .superRefine(checkCrossFieldRules, { when: () => true })
  // Safe: superRefine rejected every datetime and date that does not parse.
  .transform((pm) =>
    mapTimeFields<string, string, Date, Date, typeof pm>(
      pm,
      (value) => (parseDateTime(value, pm.timezone) as { date: Date }).date,
      (value) => (parseDate(value) as { date: Date }).date,
    ),
  );

/** A validated postmortem's data, as the site and tools use it. */
export type Postmortem = z.output<typeof postmortemSchema>;
export type PostmortemInput = z.input<typeof postmortemSchema>;
export type TimelineEntry = Postmortem['timeline'][number];
export type ActionItem = Postmortem['actions'][number];
export type Severity = (typeof SEVERITIES)[number];
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
