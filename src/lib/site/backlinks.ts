/**
 * From a runbook's or a service's point of view: which incidents involved it, and what they add up
 * to. Pure: no Astro imports, so the pages, the JSON API and the tests share one definition.
 */
import type { ActionItem, CauseCategory, Postmortem, Severity } from '../format/schema.ts';
import { CAUSE_CATEGORIES, SEVERITIES } from '../format/schema.ts';
import type { Runbook, Service } from '../format/service-schema.ts';
import { isUrlReference } from '../format/urls.ts';
import { sortEntries, type CatalogEntry } from './catalog.ts';
import { incidentMetrics } from '../format/metrics.ts';
import { median } from '../insights/stats.ts';
import { actionAnchors } from '../format/anchors.ts';

/** A URL compared loosely: host case, a trailing slash and a fragment do not matter. */
export function normalizeUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return value.trim();
  }
}

/** True when a postmortem cites the runbook, by id or by the runbook's own URL. */
export function citesRunbook(pm: Pick<Postmortem, 'runbooks'>, runbook: Pick<Runbook, 'id' | 'url'>): boolean {
  const url = normalizeUrl(runbook.url);
  return pm.runbooks.some((ref) => ref === runbook.id || (isUrlReference(ref) && normalizeUrl(ref) === url));
}

/** The incidents that cite a runbook, newest first. */
export function citingIncidents<T extends CatalogEntry>(runbook: Pick<Runbook, 'id' | 'url'>, entries: readonly T[]): T[] {
  return sortEntries(entries.filter((e) => citesRunbook(e.data, runbook)));
}

/** The incidents that affected a service, newest first. */
export function serviceIncidents<T extends CatalogEntry>(serviceId: string, entries: readonly T[]): T[] {
  return sortEntries(entries.filter((e) => e.data.services.includes(serviceId)));
}

/** Runbook ids of a postmortem's `runbooks` list, mapping URL references to known runbooks where they match. */
export function runbookIdsCitedBy(pm: Pick<Postmortem, 'runbooks'>, runbooks: readonly Pick<Runbook, 'id' | 'url'>[]): string[] {
  return runbooks.filter((r) => citesRunbook(pm, r)).map((r) => r.id);
}

/**
 * A service's runbooks: the ones its own file lists, then the ones that list the service, without
 * duplicates. URL entries of the service file are kept as they are.
 */
export function runbooksForService(service: Pick<Service, 'id' | 'runbooks'> | { id: string; runbooks?: undefined }, runbooks: readonly Pick<Runbook, 'id' | 'services'>[]): string[] {
  const out = [...(service.runbooks ?? [])];
  for (const r of runbooks) if (r.services.includes(service.id) && !out.includes(r.id)) out.push(r.id);
  return out;
}

/** Action items that still need doing (open or in progress), with their anchors on the incident page. */
export function openActionItems(pm: Pick<Postmortem, 'actions'>): (ActionItem & { anchor: string })[] {
  const anchors = actionAnchors(pm.actions);
  return pm.actions.map((a, i) => ({ ...a, anchor: anchors[i]! })).filter((a) => a.status === 'open' || a.status === 'in-progress');
}

export interface IncidentStats {
  count: number;
  /** Every severity, worst first, with its count (zero included). */
  bySeverity: Record<Severity, number>;
  /** Cause categories in use, most frequent first. */
  byCause: { category: CauseCategory; count: number }[];
  timeToResolveMinutes: { median?: number; max?: number; total: number };
  timeToDetectMinutes: { median?: number };
  timeToMitigateMinutes: { median?: number };
  openActions: number;
  /** ISO date of the newest incident's start, if any. */
  lastIncident?: Date;
}

export function incidentStats(entries: readonly CatalogEntry[]): IncidentStats {
  const metrics = entries.map((e) => incidentMetrics(e.data));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, entries.filter((e) => e.data.severity === s).length])) as Record<Severity, number>;
  const byCause = CAUSE_CATEGORIES.map((category) => ({ category, count: entries.filter((e) => e.data.cause.category === category).length }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || CAUSE_CATEGORIES.indexOf(a.category) - CAUSE_CATEGORIES.indexOf(b.category));
  const resolve = metrics.map((m) => m.timeToResolveMinutes);
  const defined = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);
  const newest = entries.reduce<Date | undefined>((latest, e) => (!latest || e.data.started > latest ? e.data.started : latest), undefined);
  return {
    count: entries.length,
    bySeverity,
    byCause,
    timeToResolveMinutes: { median: median(resolve), max: resolve.length ? Math.max(...resolve) : undefined, total: resolve.reduce((a, b) => a + b, 0) },
    timeToDetectMinutes: { median: median(defined(metrics.map((m) => m.timeToDetectMinutes))) },
    timeToMitigateMinutes: { median: median(defined(metrics.map((m) => m.timeToMitigateMinutes))) },
    openActions: metrics.reduce((n, m) => n + m.openActions, 0),
    lastIncident: newest,
  };
}
