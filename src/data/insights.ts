/**
 * Insights of this build, computed once and shared by `/insights/`, the per-severity and service
 * pages, the incident pages' repeat notices and the JSON: repeats are found once over every
 * published postmortem, each view's figures and charts once, on first use.
 */
import { SEVERITIES, type Severity } from '../lib/format/schema.ts';
import { buildDate } from '../lib/insights/overdue.ts';
import { findRepeats, type Repeat } from '../lib/insights/repeats.ts';
import { insightsReport, type InsightsReport } from '../lib/insights/report.ts';
import { insightsCharts, type InsightsCharts } from '../lib/insights/charts.ts';
import { settings } from '../settings.ts';
import { getPostmortems, type PostmortemEntry } from './postmortems.ts';

export interface InsightsView {
  report: InsightsReport;
  charts: InsightsCharts;
  /** The postmortems the view counts, newest first. */
  entries: PostmortemEntry[];
}

export type InsightsFilter = { kind: 'all' } | { kind: 'severity'; severity: Severity } | { kind: 'service'; service: string };

interface BuildInsights {
  repeats: Map<string, Repeat>;
  entries: PostmortemEntry[];
  views: Map<string, InsightsView>;
}

let state: Promise<BuildInsights> | undefined;
const compute = async (): Promise<BuildInsights> => {
  const entries = await getPostmortems();
  return { entries, repeats: findRepeats(entries, settings.repeatWindowDays), views: new Map() };
};
// Once per build; the dev server recomputes on every request, so edited content shows.
const load = () => (import.meta.env.PROD ? (state ??= compute()) : compute());

const filterKey = (filter: InsightsFilter) => (filter.kind === 'all' ? 'all' : filter.kind === 'severity' ? `severity:${filter.severity}` : `service:${filter.service}`);
const matches = (filter: InsightsFilter) => (entry: PostmortemEntry) =>
  filter.kind === 'all' || (filter.kind === 'severity' ? entry.data.severity === filter.severity : entry.data.services.includes(filter.service));

/**
 * What a view's figures and charts are made from (its postmortems and the build's repeats), without
 * computing them: the inputs of the pages that show it, for page reuse.
 */
export async function insightsInputs(filter: InsightsFilter) {
  const { entries, repeats } = await load();
  return { entries: entries.filter(matches(filter)), repeats };
}

/** The figures and charts for all incidents, or those of one severity or service. */
export async function insightsView(filter: InsightsFilter): Promise<InsightsView> {
  const { entries, repeats, views } = await load();
  const key = filterKey(filter);
  let view = views.get(key);
  if (!view) {
    const subset = entries.filter(matches(filter));
    const report = insightsReport(subset, { asOf: buildDate(), repeats, severityWeights: settings.severityWeights });
    view = { report, charts: insightsCharts(report, { services: filter.kind !== 'service' }), entries: subset };
    views.set(key, view);
  }
  return view;
}

/** The earlier incident a postmortem repeats, if any. */
export const repeatOf = async (id: string): Promise<Repeat | undefined> => (await load()).repeats.get(id);

/** `/insights/severity/<sev1…sev4>/`. */
export const severitySlug = (severity: Severity) => severity.toLowerCase();
export const severityPaths = () => SEVERITIES.map((severity) => ({ params: { severity: severitySlug(severity) }, props: { severity } }));
