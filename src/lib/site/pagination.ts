/**
 * How the growing lists are split into pages (Astro's `paginate()` slices them) and which page
 * links a page's navigation shows. Pure: no Astro imports.
 *
 * Sizes keep every page far under the 200 KB budget at any corpus size: an incident table row is
 * ~1.3 KB, a runbook's incident card ~1.5 KB, an index card ~0.4 KB.
 */

/** Rows per page of an incident table (all incidents, each sort order, facet and service pages). */
export const TABLE_PAGE_SIZE = 50;
/** Cards per page of a runbook's past incidents (each with its root cause and open action items). */
export const CARD_PAGE_SIZE = 25;
/** Keys per page of an index of keys (tags, causes, years, services). */
export const INDEX_PAGE_SIZE = 240;
/** Incidents an embed shows before it links to the full list. */
export const EMBED_LIMIT = 20;

/** The page numbers to link around `current` (first, last and `radius` either side), `null` where numbers are left out. */
export function pageNumbers(current: number, last: number, radius = 2): (number | null)[] {
  const shown = new Set([1, last]);
  for (let n = current - radius; n <= current + radius; n++) if (n >= 1 && n <= last) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const previous = out.at(-1);
    if (typeof previous === 'number' && n - previous === 2) out.push(n - 1);
    else if (typeof previous === 'number' && n - previous > 2) out.push(null);
    out.push(n);
  }
  return out;
}

/**
 * The URL of page `n` of a list whose first page is at `firstUrl`: Astro's `[...page]` routes put
 * page 1 at the list's own path and page n at `<path>n/`.
 */
export const pageUrl = (firstUrl: string, n: number) => (n === 1 ? firstUrl : `${firstUrl.replace(/\/?$/, '/')}${n}/`);

/** The title of page `n` of a list: the list's own title on its first page. */
export const pageTitle = (title: string, current: number, last: number) => (current === 1 ? title : `${title} (page ${current} of ${last})`);
