/**
 * Post-processing of a rendered SVG for inlining in a page: ids unique per page, an accessible
 * name and description, a size that follows the content width, and both site themes in one SVG.
 *
 * Mermaid's layout does not depend on the theme, only its stylesheet does. So a chart is rendered
 * once (light) and carries two stylesheets: the light one as is, and the dark one (from one dark
 * rendering shared by all charts) for screens only, so print uses light: under `html.dark` (the
 * theme toggle or the head script chose dark) and, for a system in dark mode, under
 * `html:not(.light)` (holds without JavaScript, like the page's own CSS). Rules
 * for classes the chart does not use (Mermaid ships its flowchart edge styles in every diagram)
 * are dropped.
 */

export interface ThemedSvgOptions {
  /** The id the light SVG was rendered with (every id inside it starts with it or contains it). */
  renderId: string;
  /** The id to use instead: unique on the page (e.g. `timeline-chart-<postmortem id>`). */
  id: string;
  /** Accessible name (also the `<title>`). */
  title: string;
  /** Longer description (the `<desc>`). */
  description: string;
  /**
   * Mermaid's axis draws grid lines in `currentColor`, which would otherwise be the page's text
   * colour: the theme's grid colours.
   */
  gridColor: { light: string; dark: string };
  /** The dark rendering whose stylesheet becomes the dark palette (absent: light only). */
  dark?: { svg: string; renderId: string };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An id usable in HTML and in CSS selectors without escaping. */
export const safeId = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-');

const ID = '\u0000ID\u0000';

interface CssRule {
  /** Selectors of a style rule (with the diagram id as `ID`), or undefined for an at-rule. */
  selectors?: string[];
  /** Classes each selector needs. */
  classes?: string[][];
  body: string;
}

/** Top-level rules of Mermaid's (minified) stylesheet. */
function parseCss(css: string): CssRule[] {
  const rules: CssRule[] = [];
  let depth = 0;
  let start = 0;
  let open = -1;
  for (let i = 0; i < css.length; i++) {
    const ch = css[i];
    if (ch === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) {
        const prelude = css.slice(start, open).trim();
        const body = css.slice(open + 1, i);
        if (prelude.startsWith('@')) rules.push({ body: `${prelude}{${body}}` });
        else {
          const selectors = prelude.split(',').map((s) => s.trim());
          rules.push({ selectors, classes: selectors.map((s) => [...s.matchAll(/\.([\w-]+)/g)].map((m) => m[1]!)), body });
        }
        start = i + 1;
      }
    }
  }
  return rules;
}

/** Parsed stylesheets, by text with the id normalised: every chart of a theme shares one. */
const parsed = new Map<string, CssRule[]>();
function rulesOf(svg: string, renderId: string): CssRule[] {
  const css = /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';
  const normal = css.split(renderId).join(ID);
  let rules = parsed.get(normal);
  if (!rules) {
    rules = parseCss(normal);
    if (parsed.size > 16) parsed.clear();
    parsed.set(normal, rules);
  }
  return rules;
}

/** The rules that can match something in a chart using `classes`, with `prefix` before each selector. */
function keptCss(rules: CssRule[], classes: Set<string>, id: string, prefix = ''): string {
  let out = '';
  for (const rule of rules) {
    // At-rules are Mermaid's edge animations (@keyframes): nothing in a Gantt chart uses them.
    if (!rule.selectors) continue;
    const selectors = rule.selectors.filter((_, i) => rule.classes![i]!.every((c) => classes.has(c)));
    if (selectors.length) out += `${selectors.map((s) => prefix + s.split(ID).join(id)).join(',')}{${rule.body}}`;
  }
  return out;
}

/** The chart as one inline SVG with both palettes, unique ids and an accessible name. */
export function themedSvg(svg: string, options: ThemedSvgOptions): string {
  const id = safeId(options.id);
  const classes = new Set<string>();
  for (const m of svg.matchAll(/\sclass="([^"]*)"/g)) for (const c of m[1]!.split(/\s+/)) if (c) classes.add(c);
  const light = keptCss(rulesOf(svg, options.renderId), classes, id);
  const darkRules = options.dark && rulesOf(options.dark.svg, options.dark.renderId);
  const dark = (root: string) => (darkRules ? `${root} #${id}{color:${options.gridColor.dark}}${keptCss(darkRules, classes, id, `${root} `)}` : '');
  const grid = `#${id}{color:${options.gridColor.light}}`;
  const css = `${grid}${light}${darkRules ? `@media screen{${dark('html.dark')}}@media screen and (prefers-color-scheme:dark){${dark('html:not(.light)')}}` : ''}`;

  // Every id Mermaid writes (the root, `<id>-<task>`, `chart-title-<id>`…) contains the render
  // id, which is derived from the cache key and appears nowhere else.
  let out = svg.replace(/<style>[\s\S]*?<\/style>/, `<style>${css}</style>`).split(options.renderId).join(id);
  const title = `<title id="${id}-title">${escapeXml(options.title)}</title>`;
  const desc = `<desc id="${id}-desc">${escapeXml(options.description)}</desc>`;
  // Mermaid's own <title>/<desc> (from accTitle/accDescr, if any) give way to ours.
  out = out.replace(/<title\b[^>]*>[\s\S]*?<\/title>/, '').replace(/<desc\b[^>]*>[\s\S]*?<\/desc>/, '');
  return out.replace(/^<svg\b([^>]*)>/, (_, attributes: string) => {
    const kept = attributes
      .replace(/\s(?:role|aria-roledescription|aria-labelledby|aria-describedby|aria-label|width|height|class)="[^"]*"/g, '')
      .replace(/\sstyle="([^"]*)"/, (_m, style: string) => ` style="${style.replace(/;?\s*$/, ';')} height: auto;"`);
    return `<svg${kept} width="100%" class="timeline-chart-svg" role="img" aria-label="${escapeXml(options.title)}" aria-describedby="${id}-desc" focusable="false">${title}${desc}`;
  });
}
