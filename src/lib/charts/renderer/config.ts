/**
 * How diagrams are rendered: Mermaid's settings per theme, the width they are laid out at, and the
 * cache key. Anything that changes the SVG for the same source belongs in `RENDER_SETTINGS`, so
 * that changing it misses the cache instead of serving stale drawings.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GanttOptions } from '../gantt.ts';

export const THEMES = ['light', 'dark'] as const;
export type DiagramTheme = (typeof THEMES)[number];

/**
 * The width a chart is laid out at, and its widest on screen (the SVG's max-width): the content
 * width of an A4 page with the print margins (21 cm − 2 × 1.5 cm = 680 CSS px), so that 12 px text
 * prints at 9 pt (≥ 8 pt on US Letter too). On a phone the chart keeps ≥ 11 px text and scrolls
 * sideways (TimelineChart.astro).
 */
export const RENDER_WIDTH = 680;

/**
 * How the site builds its charts' source: labels cut at 36 characters (the table under the chart
 * has the whole text). At 12 px on the 680 px layout, a label that does not fit in its bar is drawn
 * beside it; longer ones would run over the section names or out of the chart.
 */
export const GANTT_OPTIONS: GanttOptions = { maxLabelLength: 36 };

const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const gantt = {
  useWidth: RENDER_WIDTH,
  useMaxWidth: true,
  barHeight: 18,
  barGap: 5,
  topPadding: 40,
  leftPadding: 104,
  rightPadding: 32,
  gridLineStartPadding: 30,
  fontSize: 12,
  sectionFontSize: 12,
  numberSectionStyles: 4,
};

/** Colours from the site's palette (Tailwind slate / sky / amber / red). Sections alternate in 20 % tints. */
const themeVariables: Record<DiagramTheme, Record<string, string | boolean>> = {
  light: {
    fontFamily: FONT,
    background: '#ffffff',
    primaryColor: '#e0f2fe',
    textColor: '#475569',
    titleColor: '#334155',
    gridColor: '#cbd5e1',
    sectionBkgColor: '#94a3b8',
    sectionBkgColor2: '#94a3b8',
    altSectionBkgColor: '#ffffff',
    taskBkgColor: '#7dd3fc',
    taskBorderColor: '#0284c7',
    taskTextColor: '#0f172a',
    taskTextOutsideColor: '#0f172a',
    taskTextDarkColor: '#0f172a',
    taskTextLightColor: '#0f172a',
    activeTaskBkgColor: '#fde68a',
    activeTaskBorderColor: '#d97706',
    critBkgColor: '#f87171',
    critBorderColor: '#b91c1c',
  },
  dark: {
    darkMode: true,
    fontFamily: FONT,
    background: '#020617',
    primaryColor: '#0c4a6e',
    textColor: '#94a3b8',
    titleColor: '#cbd5e1',
    gridColor: '#334155',
    sectionBkgColor: '#64748b',
    sectionBkgColor2: '#64748b',
    altSectionBkgColor: '#020617',
    taskBkgColor: '#0369a1',
    taskBorderColor: '#38bdf8',
    taskTextColor: '#f0f9ff',
    taskTextOutsideColor: '#e2e8f0',
    taskTextDarkColor: '#e2e8f0',
    taskTextLightColor: '#f0f9ff',
    activeTaskBkgColor: '#92400e',
    activeTaskBorderColor: '#f59e0b',
    critBkgColor: '#dc2626',
    critBorderColor: '#fca5a5',
  },
};

/** `mermaid.initialize()` options per site theme. */
export const RENDER_SETTINGS: Record<DiagramTheme, Record<string, unknown>> = {
  light: { startOnLoad: false, securityLevel: 'strict', theme: 'base', fontFamily: FONT, themeVariables: themeVariables.light, gantt },
  dark: { startOnLoad: false, securityLevel: 'strict', theme: 'base', fontFamily: FONT, themeVariables: themeVariables.dark, gantt },
};

/** Where mermaid's files are (`node_modules/mermaid` as resolved from the project `root`). */
export const mermaidDir = (root: string) => dirname(createRequire(join(root, 'package.json')).resolve('mermaid/package.json'));
/** mermaid's built files: the ES module the render page loads, and the one pages load when the build could not render. */
export const mermaidDist = (root: string) => join(mermaidDir(root), 'dist');
/** mermaid's version, part of every cache key. */
export const mermaidVersion = (root: string): string =>
  (JSON.parse(readFileSync(join(mermaidDir(root), 'package.json'), 'utf8')) as { version: string }).version;

/**
 * A small chart rendered in the dark theme once per Mermaid version and settings: its stylesheet
 * is the dark palette for every chart (Mermaid's Gantt styles depend on the theme only, and the
 * layout does not depend on the theme at all), so each chart is rendered once, in light.
 */
export const STYLE_PROBE_SOURCE = `gantt
  dateFormat YYYY-MM-DD HH:mm
  axisFormat %H:%M
  todayMarker off
  section Probe
    Bar :crit, a, 2024-01-01 10:00, 2024-01-01 11:00
    Active :active, b, 2024-01-01 10:00, 2024-01-01 11:00
    Point :milestone, c, 2024-01-01 11:00, 2024-01-01 11:00
`;

/** Bump when the renderer or post-processing changes in a way the settings do not show. */
const RENDERER_REVISION = 2;

const settingsJson: Partial<Record<DiagramTheme, string>> = {};

/** The cache key of a diagram: sha256 of its source, mermaid's version, the theme and its settings. */
export function diagramKey(source: string, theme: DiagramTheme, mermaidVersion: string): string {
  const settings = (settingsJson[theme] ??= JSON.stringify(RENDER_SETTINGS[theme]));
  return createHash('sha256').update(`${RENDERER_REVISION}\u0000${mermaidVersion}\u0000${theme}\u0000${settings}\u0000${source}`).digest('hex');
}
