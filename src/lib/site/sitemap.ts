/** A sitemap (sitemaps.org 0.9) of the site's pages. Pure: no Astro imports. */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/**
 * Which built pages belong in the sitemap: HTML pages only, without redirect pages (aliases and
 * `/i/` short links), embeds, and the 404 page. `pathname` as Astro reports it (no leading slash,
 * `''` for the home page).
 */
export function sitemapPaths(pathnames: readonly string[], redirectPaths: ReadonlySet<string>): string[] {
  const paths = pathnames
    .map((p) => `/${p.replace(/^\/+/, '')}`)
    .map((p) => (p.endsWith('/') || /\.[a-z0-9]+$/i.test(p) ? p : `${p}/`))
    .filter((p) => p.endsWith('/'))
    .filter((p) => !redirectPaths.has(p) && !/\/embed\/$/.test(p) && !/^\/404\/?$/.test(p) && !p.startsWith('/i/'));
  return [...new Set(paths)].sort();
}

export function sitemapXml(site: string, paths: readonly string[]): string {
  const urls = paths.map((p) => `<url><loc>${escapeXml(new URL(p.replace(/^\//, ''), site.endsWith('/') ? site : `${site}/`).href)}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
