/**
 * Post-processing of a rendered SVG for inlining in a page: ids unique per page, an accessible
 * name and description, and a size that follows the content width.
 */

export interface SvgOptions {
  /** The id the SVG was rendered with (every id inside it starts with it or contains it). */
  renderId: string;
  /** The id to use instead: unique on the page (e.g. `timeline-<postmortem id>-dark`). */
  id: string;
  /** Accessible name (also the `<title>`). */
  title: string;
  /** Longer description (the `<desc>`). */
  description: string;
  /**
   * The SVG's CSS `color`. Mermaid's axis draws grid lines in `currentColor`, which would
   * otherwise be the page's text colour: pass the theme's grid colour.
   */
  color?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An id usable in HTML and in CSS selectors without escaping. */
export const safeId = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-');

export function postProcessSvg(svg: string, options: SvgOptions): string {
  const id = safeId(options.id);
  // Every id Mermaid writes (the root, `<id>-<task>`, `chart-title-<id>`…) and every reference to
  // one (CSS selectors, aria-*) contains the render id, which is random-looking and unique.
  let out = svg.split(options.renderId).join(id);
  const title = `<title id="${id}-title">${escapeXml(options.title)}</title>`;
  const desc = `<desc id="${id}-desc">${escapeXml(options.description)}</desc>`;
  // Mermaid's own <title>/<desc> (from accTitle/accDescr) are replaced by ours.
  out = out.replace(/<title\b[^>]*>[\s\S]*?<\/title>/, '').replace(/<desc\b[^>]*>[\s\S]*?<\/desc>/, '');
  return out.replace(/^<svg\b([^>]*)>/, (_, attributes: string) => {
    const kept = attributes
      .replace(/\s(?:role|aria-roledescription|aria-labelledby|aria-describedby|aria-label|width|height|class)="[^"]*"/g, '')
      .replace(/\sstyle="([^"]*)"/, (_m, style: string) => ` style="${style.replace(/;?\s*$/, ';')} height: auto;${options.color ? ` color: ${escapeXml(options.color)};` : ''}"`);
    return `<svg${kept} width="100%" class="timeline-chart-svg" role="img" aria-label="${escapeXml(options.title)}" aria-describedby="${id}-desc" focusable="false">${title}${desc}`;
  });
}
