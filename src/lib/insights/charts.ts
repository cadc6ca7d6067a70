/**
 * The charts of an insights view, drawn from its report (once per view and build): which figure
 * each chart shows, in which colours, with which accessible name. Drawing is src/lib/charts/insights.ts.
 */
import { CAUSE_CATEGORIES, DETECTION_METHODS, SEVERITIES } from '../format/schema.ts';
import { CAUSE_LABELS, SEVERITY_LABELS } from '../format/labels.ts';
import { horizontalBars, spreadLines, stackedBars, type Series, type SpreadPoint } from '../charts/insights.ts';
import type { InsightsReport } from './report.ts';
import type { ServiceCount } from './counts.ts';

/** Quarters while there are at most this many, else years (bars stay readable). */
const MAX_QUARTERS = 16;

export const SEVERITY_SERIES: Series[] = SEVERITIES.map((s, i) => ({ key: s, label: `${s} ${SEVERITY_LABELS[s]}`, color: `var(--chart-sev${i + 1})` }));
export const CAUSE_SERIES: Series[] = CAUSE_CATEGORIES.map((c, i) => ({ key: c, label: CAUSE_LABELS[c], color: `var(--chart-c${i + 1})` }));
export const DETECTION_LABELS: Record<(typeof DETECTION_METHODS)[number] | 'unrecorded', string> = {
  monitoring: 'Monitoring',
  customer: 'Customer',
  employee: 'Employee',
  test: 'Test',
  vendor: 'Vendor',
  other: 'Other',
  unrecorded: 'Not recorded',
};
// Customers in red: finding out from them before monitoring does is the figure people act on.
const DETECTION_COLORS = ['var(--chart-c3)', 'var(--chart-c2)', 'var(--chart-c1)', 'var(--chart-c5)', 'var(--chart-c4)', 'var(--chart-c6)', 'var(--chart-c10)'];
export const DETECTION_SERIES: Series[] = ([...DETECTION_METHODS, 'unrecorded'] as const).map((m, i) => ({ key: m, label: DETECTION_LABELS[m], color: DETECTION_COLORS[i]! }));

export const SPEED_FIGURES = [
  ['timeToDetectMinutes', 'Time to detect'],
  ['timeToMitigateMinutes', 'Time to mitigate'],
  ['timeToResolveMinutes', 'Time to resolve'],
] as const;
export type SpeedFigure = (typeof SPEED_FIGURES)[number][0];

/** The services the impact chart shows: the ten with the most impact minutes. */
export const topServicesByImpact = (services: readonly ServiceCount[]) =>
  [...services].sort((a, b) => b.impactMinutes - a.impactMinutes || a.service.localeCompare(b.service)).slice(0, 10);

/** The unit a duration axis reads best in, for its largest value in minutes. */
export function durationUnit(maxMinutes: number): { label: 'minutes' | 'hours' | 'days'; minutes: number } {
  if (maxMinutes >= 3 * 24 * 60) return { label: 'days', minutes: 24 * 60 };
  if (maxMinutes >= 180) return { label: 'hours', minutes: 60 };
  return { label: 'minutes', minutes: 1 };
}

export interface InsightsCharts {
  /** Incidents per period by severity, and whether the periods are quarters or years. */
  counts: { svg: string; by: 'quarter' | 'year' };
  /** Per figure: the chart, and the unit of its axis. */
  speed: Record<SpeedFigure, { svg: string; unit: string }>;
  causes: string;
  causeShares: string;
  /** Absent on a service's own page. */
  services?: string;
  detectionShares: string;
  openByAge: string;
}

export function insightsCharts(report: InsightsReport, options: { services: boolean }): InsightsCharts {
  const byQuarter = report.byQuarter.length <= MAX_QUARTERS;
  const periods = byQuarter ? report.byQuarter : report.byYear;
  const years = report.byYear.map((y) => y.period);
  const speed = Object.fromEntries(
    SPEED_FIGURES.map(([figure, label]) => {
      const values = report.byYear.flatMap((y) => [y[figure].median, y[figure].p90]).filter((v): v is number => v !== null);
      const unit = durationUnit(Math.max(0, ...values));
      const points: SpreadPoint[] = report.byYear.flatMap((y) =>
        (['median', 'p90'] as const).flatMap((stat) => {
          const minutes = y[figure][stat];
          return minutes === null ? [] : [{ period: y.period, stat, value: minutes / unit.minutes }];
        }),
      );
      return [figure, { svg: spreadLines(points, years, { title: `${label} per year: median and p90, in ${unit.label}`, yLabel: unit.label }), unit: unit.label }];
    }),
  ) as InsightsCharts['speed'];
  return {
    counts: {
      by: byQuarter ? 'quarter' : 'year',
      svg: stackedBars(
        periods.flatMap((p) => SEVERITIES.map((s) => ({ x: p.period, key: s, count: p.bySeverity[s] }))),
        periods.map((p) => p.period),
        SEVERITY_SERIES,
        { title: `Incidents per ${byQuarter ? 'quarter' : 'year'} by severity`, yLabel: 'incidents' },
      ),
    },
    speed,
    causes: horizontalBars(
      report.byCause.map((c) => ({ label: CAUSE_LABELS[c.category], value: c.count })),
      { title: 'Incidents by cause category', xLabel: 'incidents', color: 'var(--chart-bar)', integer: true },
    ),
    causeShares: stackedBars(
      report.causeByYear.map((r) => ({ x: String(r.year), key: r.key, count: r.count })),
      years,
      CAUSE_SERIES,
      { title: 'Share of cause categories per year', yLabel: '% of incidents', share: true },
    ),
    services: options.services
      ? horizontalBars(
          topServicesByImpact(report.byService).map((s) => ({ label: s.service, value: s.impactMinutes })),
          { title: 'Services with the most impact minutes (top 10)', xLabel: 'impact minutes', color: 'var(--chart-bar)' },
        )
      : undefined,
    detectionShares: stackedBars(
      report.detectionByYear.map((r) => ({ x: String(r.year), key: r.key, count: r.count })),
      years,
      DETECTION_SERIES,
      { title: 'How incidents were detected: share of methods per year', yLabel: '% of incidents', share: true },
    ),
    openByAge: horizontalBars(
      report.actions.openByAge.map((b) => ({ label: b.label, value: b.count })),
      { title: 'Open action items by age (days since the incident started)', xLabel: 'open actions', color: 'var(--chart-bar)', integer: true },
    ),
  };
}
