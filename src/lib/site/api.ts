/**
 * The JSON API: what each file under `/api/` holds, as Zod schemas (so that the published JSON
 * Schemas are generated, never hand-written) and the functions that build it. Pure: no Astro
 * imports; pages pass in absolute URLs.
 *
 * A postmortem record in the API is in the format's *input* form, the same as in its file:
 * datetimes as ISO 8601 text with the incident zone's offset, dates as `YYYY-MM-DD`, defaults
 * filled in. So it validates against `/api/schema.json` and reads back through the schema to the
 * same data.
 */
import { z } from 'astro/zod';
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  CAUSE_CATEGORIES,
  DETECTION_METHODS,
  PRIORITIES,
  SEVERITIES,
  STATUSES,
  VISIBILITIES,
  mapTimeFields,
  postmortemSchema,
  type Postmortem,
  type PostmortemInput,
} from '../format/schema.ts';
import { runbookSchema, serviceSchema, type Runbook, type Service } from '../format/service-schema.ts';
import { isUrlReference } from '../format/urls.ts';
import { incidentMetrics } from '../format/metrics.ts';
import { isoInZone } from '../format/time.ts';
import { SECTION_ANCHORS, actionAnchors, timelineAnchors } from '../format/anchors.ts';
import { incidentStats, openActionItems } from './backlinks.ts';
import type { SimilarIncident } from '../insights/similarity.ts';
import { dayText, type TrackerRow } from '../insights/tracker.ts';
import type { InsightsReport } from '../insights/report.ts';

/** Absolute URL of a site path (`/postmortems/x/` → `https://hindsight.example.com/postmortems/x/`). */
export type UrlFor = (path: string) => string;

const minutes = z.number().nullable();
const absoluteUrl = z.string().describe('absolute URL (a root-relative path in a SITE_URL=relative build)');
const isoDateTime = z.string().describe('ISO 8601 datetime with the offset of the incident zone');

export const metricsSchema = z.object({
  durationMinutes: z.number(),
  timeToDetectMinutes: minutes,
  timeToMitigateMinutes: minutes,
  timeToResolveMinutes: z.number(),
  openActions: z.number().int(),
});

export const postmortemSummarySchema = z.object({
  id: z.string(),
  url: absoluteUrl,
  title: z.string(),
  summary: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES),
  visibility: z.enum(VISIBILITIES),
  services: z.array(z.string()),
  tags: z.array(z.string()),
  causeCategory: z.enum(CAUSE_CATEGORIES),
  timezone: z.string(),
  started: isoDateTime,
  resolved: isoDateTime,
  aliases: z.array(z.string()),
  ...metricsSchema.shape,
});

export const postmortemListSchema = z.object({
  count: z.number().int(),
  postmortems: z.array(postmortemSummarySchema),
});

export const similarIncidentSchema = z.object({
  id: z.string().describe('the similar postmortem'),
  score: z.number().describe('text similarity plus shared-service and cause bonuses; comparable within one build'),
  reasons: z.array(z.string()).describe('why, in a few words each'),
  handWritten: z.boolean().describe('listed in the postmortem\'s own `related`'),
});

export const postmortemDetailSchema = z.object({
  id: z.string(),
  url: absoluteUrl,
  links: z.object({
    canonical: absoluteUrl,
    short: absoluteUrl.describe('/i/<id>/'),
    aliases: z.array(absoluteUrl).describe('/i/<alias>/ for each alias'),
    json: absoluteUrl,
  }),
  anchors: z.object({
    sections: z.array(z.string()),
    timeline: z.array(z.string()).describe('one per timeline entry, in order'),
    actions: z.array(z.string()).describe('one per action item, in order'),
  }),
  metrics: metricsSchema,
  similar: z.array(similarIncidentSchema).describe('hand-written related incidents first, then computed ones above the threshold, at most 5 in all'),
  repeatOf: z.string().nullable().describe('the earlier incident this one repeats (same cause category, a shared service, within the repeat window), or null'),
  postmortem: postmortemSchema.describe('the record as validated, in the input form of /api/schema.json'),
});

const actionRefSchema = z.object({
  title: z.string(),
  status: z.enum(ACTION_STATUSES),
  owner: z.string().nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  due: z.string().nullable(),
  url: absoluteUrl.describe('the action item on the incident page'),
});

export const citingIncidentSchema = postmortemSummarySchema.extend({
  rootCause: z.string(),
  openActionItems: z.array(actionRefSchema),
});

export const runbookDetailSchema = z.object({
  id: z.string(),
  url: absoluteUrl,
  embedUrl: absoluteUrl,
  runbook: runbookSchema,
  incidents: z.array(citingIncidentSchema).describe('the published incidents that cite this runbook, newest first'),
});

export const runbookListSchema = z.object({
  count: z.number().int(),
  runbooks: z.array(z.object({ id: z.string(), url: absoluteUrl, title: z.string(), runbookUrl: z.string(), services: z.array(z.string()), incidentCount: z.number().int() })),
});

export const serviceDetailSchema = z.object({
  id: z.string(),
  url: absoluteUrl,
  service: serviceSchema.nullable().describe('null while content/services/ defines no services'),
  runbooks: z.array(z.object({ id: z.string().nullable(), title: z.string().nullable(), url: absoluteUrl })),
  stats: z.object({
    count: z.number().int(),
    bySeverity: z.record(z.enum(SEVERITIES), z.number().int()),
    byCause: z.array(z.object({ category: z.enum(CAUSE_CATEGORIES), count: z.number().int() })),
    timeToResolveMinutes: z.object({ median: minutes, max: minutes }),
    timeToDetectMinutes: z.object({ median: minutes }),
    timeToMitigateMinutes: z.object({ median: minutes }),
    openActions: z.number().int(),
  }),
  incidents: z.array(postmortemSummarySchema).describe('the published incidents that affected this service, newest first'),
});

export const serviceListSchema = z.object({
  count: z.number().int(),
  services: z.array(z.object({ id: z.string(), url: absoluteUrl, name: z.string().nullable(), owner: z.string().nullable(), incidentCount: z.number().int() })),
});

export const actionListSchema = z.object({
  asOf: z.string().describe('the build date (YYYY-MM-DD): overdue means due before it'),
  actions: z.array(
    z.object({
      postmortem: z.string(),
      url: absoluteUrl.describe('the action item on the incident page'),
      anchor: z.string(),
      title: z.string(),
      type: z.enum(ACTION_TYPES).nullable(),
      owner: z.string().nullable(),
      status: z.enum(ACTION_STATUSES),
      priority: z.enum(PRIORITIES).nullable(),
      due: z.string().nullable().describe('YYYY-MM-DD'),
      closed: z.string().nullable().describe('YYYY-MM-DD'),
      ticket: z.string().nullable(),
      overdue: z.boolean().describe('open or in progress, due before asOf'),
    }),
  ),
});

const spreadSchema = z
  .object({ median: minutes, p90: minutes, n: z.number().int().describe('incidents the figures rest on (those with the timestamp)') })
  .describe('median (of an even count: the mean of the two middle values) and p90 (nearest rank), in minutes');
const severityCountsSchema = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>);

export const insightsSchema = z.object({
  asOf: z.string().describe('the build date (YYYY-MM-DD): overdue and ages are as of this day'),
  total: z.number().int().describe('published incidents of this build'),
  byYear: z
    .array(
      z.object({
        year: z.number().int().describe('year of `started`, UTC'),
        count: z.number().int(),
        bySeverity: severityCountsSchema,
        timeToDetectMinutes: spreadSchema,
        timeToMitigateMinutes: spreadSchema,
        timeToResolveMinutes: spreadSchema,
      }),
    )
    .describe('every year from the first incident to the last, oldest first'),
  byCause: z.array(z.object({ category: z.enum(CAUSE_CATEGORIES), count: z.number().int(), share: z.number().describe('count / total') })).describe('most incidents first'),
  byService: z
    .array(z.object({ service: z.string(), count: z.number().int(), impactMinutes: z.number().describe('sum of duration × severity weight (settings.severityWeights)') }))
    .describe('most incidents first'),
  detection: z.record(z.enum(DETECTION_METHODS), z.number().int()).describe('incidents by detection method (postmortems without one are in none)'),
  repeats: z
    .array(z.object({ id: z.string(), earlier: z.string().describe('the incident it repeats'), sharedServices: z.array(z.string()), category: z.enum(CAUSE_CATEGORIES) }))
    .describe('incidents that repeat an earlier one, newest first'),
  misleading: z.object({
    incidents: z.number().int().describe('incidents with a misleading lead'),
    entries: z.number().int().describe('timeline entries marked misleading'),
    minutes: z.number().describe('minutes chased: from `at` to `until` or the next timed entry'),
  }),
  actions: z.object({
    total: z.number().int(),
    open: z.number().int(),
    inProgress: z.number().int(),
    done: z.number().int(),
    wontDo: z.number().int(),
    overdue: z.number().int().describe('open or in progress with `due` before asOf'),
    doneShare: z.number().nullable().describe('done / total (dropped items count as not done); null without actions'),
    medianDaysToClose: z
      .number()
      .nullable()
      .describe('median of the whole days from the day the incident started, in its own zone, to `closed`, over done and dropped (wont-do) items with a closed date; null without any'),
  }),
});

/** JSON Schema of the postmortem format, input side (what a file holds): `/api/schema.json`. */
export function postmortemJsonSchema(id?: string) {
  return {
    ...z.toJSONSchema(postmortemSchema, { io: 'input' }),
    ...(id && { $id: id }),
    title: 'Hindsight postmortem',
    description: 'Front matter of content/postmortems/<id>.mdx (format v1). Generated from the Zod schema in src/lib/format/schema.ts.',
  };
}

/** The API's response shapes and the runbook and service file formats: `/api/schema/<name>.json`. */
export const API_SCHEMAS = {
  postmortems: postmortemListSchema,
  postmortem: postmortemDetailSchema,
  runbooks: runbookListSchema,
  runbook: runbookDetailSchema,
  services: serviceListSchema,
  service: serviceDetailSchema,
  actions: actionListSchema,
  insights: insightsSchema,
  'runbook-file': runbookSchema,
  'service-file': serviceSchema,
} as const;
export type ApiSchemaName = keyof typeof API_SCHEMAS;

export function apiJsonSchema(name: ApiSchemaName, id?: string) {
  return { ...z.toJSONSchema(API_SCHEMAS[name], { io: 'input' }), ...(id && { $id: id }), title: `Hindsight API: ${name}` };
}


/** A validated postmortem back in its input form (see the module comment). */
export function recordJson(pm: Postmortem): PostmortemInput {
  return mapTimeFields<Date, Date, string, string, Postmortem>(pm, (date) => isoInZone(date, pm.timezone), dayText);
}

const postmortemPath = (id: string) => `/postmortems/${id}/`;

export function metricsJson(pm: Postmortem): z.infer<typeof metricsSchema> {
  const m = incidentMetrics(pm);
  return {
    durationMinutes: m.durationMinutes,
    timeToDetectMinutes: m.timeToDetectMinutes ?? null,
    timeToMitigateMinutes: m.timeToMitigateMinutes ?? null,
    timeToResolveMinutes: m.timeToResolveMinutes,
    openActions: m.openActions,
  };
}

interface Entry {
  id: string;
  data: Postmortem;
}

export function postmortemSummary({ id, data }: Entry, urlFor: UrlFor): z.infer<typeof postmortemSummarySchema> {
  return {
    id,
    url: urlFor(postmortemPath(id)),
    title: data.title,
    summary: data.summary,
    severity: data.severity,
    status: data.status,
    visibility: data.visibility,
    services: data.services,
    tags: data.tags,
    causeCategory: data.cause.category,
    timezone: data.timezone,
    started: isoInZone(data.started, data.timezone),
    resolved: isoInZone(data.resolved, data.timezone),
    aliases: data.aliases,
    ...metricsJson(data),
  };
}

export function postmortemList(entries: readonly Entry[], urlFor: UrlFor): z.infer<typeof postmortemListSchema> {
  return { count: entries.length, postmortems: entries.map((e) => postmortemSummary(e, urlFor)) };
}

/** `similar`: see src/lib/insights/similarity.ts; `repeatOf`: the incident this one repeats (src/lib/insights/repeats.ts), if any. */
export function postmortemDetail({ id, data }: Entry, similar: readonly SimilarIncident[], urlFor: UrlFor, repeatOf?: string): z.input<typeof postmortemDetailSchema> {
  return {
    id,
    url: urlFor(postmortemPath(id)),
    links: {
      canonical: urlFor(postmortemPath(id)),
      short: urlFor(`/i/${id}/`),
      aliases: data.aliases.map((alias) => urlFor(`/i/${alias}/`)),
      json: urlFor(`/api/postmortems/${id}.json`),
    },
    anchors: { sections: [...SECTION_ANCHORS], timeline: timelineAnchors(data.timeline, data.timezone), actions: actionAnchors(data.actions) },
    metrics: metricsJson(data),
    similar: similar.map(({ id, score, reasons, handWritten }) => ({ id, score, reasons, handWritten })),
    repeatOf: repeatOf ?? null,
    postmortem: recordJson(data),
  };
}

/** `/api/actions.json`: every action item of the published postmortems, in tracker order. */
export function actionList(rows: readonly TrackerRow[], asOf: Date, urlFor: UrlFor): z.infer<typeof actionListSchema> {
  return {
    asOf: dayText(asOf),
    actions: rows.map((row) => ({
      postmortem: row.postmortem,
      url: urlFor(`${postmortemPath(row.postmortem)}#${row.anchor}`),
      anchor: row.anchor,
      title: row.title,
      type: row.type ?? null,
      owner: row.owner ?? null,
      status: row.status,
      priority: row.priority ?? null,
      due: row.due ? dayText(row.due) : null,
      closed: row.closed ? dayText(row.closed) : null,
      ticket: row.ticket ?? null,
      overdue: row.overdue,
    })),
  };
}

export function citingIncident(entry: Entry, urlFor: UrlFor): z.infer<typeof citingIncidentSchema> {
  return {
    ...postmortemSummary(entry, urlFor),
    rootCause: entry.data.cause.summary,
    openActionItems: openActionItems(entry.data).map((a) => ({
      title: a.title,
      status: a.status,
      owner: a.owner ?? null,
      priority: a.priority ?? null,
      due: a.due ? dayText(a.due) : null,
      url: urlFor(`${postmortemPath(entry.id)}#${a.anchor}`),
    })),
  };
}

export function runbookDetail(runbook: { id: string; data: Runbook }, incidents: readonly Entry[], urlFor: UrlFor): z.input<typeof runbookDetailSchema> {
  return {
    id: runbook.id,
    url: urlFor(`/runbooks/${runbook.id}/`),
    embedUrl: urlFor(`/runbooks/${runbook.id}/embed/`),
    runbook: runbook.data,
    incidents: incidents.map((e) => citingIncident(e, urlFor)),
  };
}

export function serviceDetail(
  service: { id: string; data?: Service },
  runbooks: readonly string[],
  runbookTitles: ReadonlyMap<string, string>,
  incidents: readonly Entry[],
  urlFor: UrlFor,
): z.input<typeof serviceDetailSchema> {
  const stats = incidentStats(incidents);
  return {
    id: service.id,
    url: urlFor(`/services/${service.id}/`),
    service: service.data ?? null,
    runbooks: runbooks.map((ref) =>
      isUrlReference(ref) ? { id: null, title: null, url: ref } : { id: ref, title: runbookTitles.get(ref) ?? null, url: urlFor(`/runbooks/${ref}/`) },
    ),
    stats: {
      count: stats.count,
      bySeverity: stats.bySeverity,
      byCause: stats.byCause,
      timeToResolveMinutes: { median: stats.timeToResolveMinutes.median ?? null, max: stats.timeToResolveMinutes.max ?? null },
      timeToDetectMinutes: { median: stats.timeToDetectMinutes.median ?? null },
      timeToMitigateMinutes: { median: stats.timeToMitigateMinutes.median ?? null },
      openActions: stats.openActions,
    },
    incidents: incidents.map((e) => postmortemSummary(e, urlFor)),
  };
}

/** `/api/insights.json`: the figures of the insights page, for all of the build's incidents. */
export function insightsJson(report: InsightsReport): z.infer<typeof insightsSchema> {
  const { actions } = report;
  return {
    asOf: dayText(report.asOf),
    total: report.total,
    byYear: report.byYear.map((y) => ({
      year: Number(y.period),
      count: y.count,
      bySeverity: y.bySeverity,
      timeToDetectMinutes: y.timeToDetectMinutes,
      timeToMitigateMinutes: y.timeToMitigateMinutes,
      timeToResolveMinutes: y.timeToResolveMinutes,
    })),
    byCause: report.byCause,
    byService: report.byService,
    detection: report.detection,
    repeats: report.repeats.map(({ id, earlier, sharedServices, category }) => ({ id, earlier, sharedServices, category })),
    misleading: { incidents: report.misleading.incidents, entries: report.misleading.entries, minutes: report.misleading.minutes },
    actions: {
      total: actions.total,
      open: actions.open,
      inProgress: actions.inProgress,
      done: actions.done,
      wontDo: actions.wontDo,
      overdue: actions.overdue,
      doneShare: actions.doneShare,
      medianDaysToClose: actions.medianDaysToClose,
    },
  };
}

/** JSON text as served: stable key order, two-space indent, trailing newline. */
export const jsonResponse = (value: unknown) => new Response(`${JSON.stringify(value, null, 2)}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
