/**
 * Checks every internal reference of a built site against the files in `dist`: `href`, `src`,
 * `srcset`, `action`, meta refresh targets, `_redirects` rules, and the feed's and sitemap's
 * links, each resolved as a browser would on the deployed site (`site` + `base`), and fragment
 * anchors against the ids of the page they point into.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { XMLParser } from 'fast-xml-parser';

export interface BrokenReference {
  from: string;
  attribute: string;
  url: string;
  reason: string;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));

/** Every element of a tree, depth first (template contents included). */
export function* elements(node: Root | RootContent): Generator<Element> {
  if (node.type === 'element') yield node;
  if ('children' in node) for (const child of node.children) yield* elements(child);
  if (node.type === 'element' && node.tagName === 'template' && node.content) yield* elements(node.content);
}

/** The URLs an element refers to, with the attribute each came from. */
function referencesOf(el: Element): [string, string][] {
  const p = el.properties;
  const out: [string, string][] = [];
  for (const [prop, attribute] of [['href', 'href'], ['src', 'src'], ['action', 'action'], ['poster', 'poster'], ['data', 'data']] as const) {
    if (typeof p[prop] === 'string') out.push([attribute, p[prop]]);
  }
  for (const prop of ['srcSet', 'imageSrcSet'] as const) {
    const value = p[prop];
    const list = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
    for (const candidate of list.split(',').map((c) => c.trim().split(/\s+/)[0]).filter(Boolean)) out.push(['srcset', candidate!]);
  }
  const httpEquiv = Array.isArray(p.httpEquiv) ? p.httpEquiv.join(' ') : p.httpEquiv;
  if (el.tagName === 'meta' && String(httpEquiv).toLowerCase() === 'refresh' && typeof p.content === 'string') {
    const target = /^\s*\d+\s*;\s*url\s*=\s*(.+)$/i.exec(p.content)?.[1];
    if (target) out.push(['content="0;url="', target.trim().replace(/^['"]|['"]$/g, '')]);
  }
  return out;
}

/** `pages` limits which HTML pages are read for references (all by default; `_redirects` and feeds are always checked). */
export function crawlSite(dist: string, { site, base, pages = () => true }: { site: string; base: string; pages?: (path: string) => boolean }) {
  const origin = new URL(site).origin;
  const prefix = base.replace(/\/?$/, '/');
  const broken: BrokenReference[] = [];
  const idsCache = new Map<string, Set<string>>();
  let checked = 0;

  const pageIds = (file: string) => {
    let ids = idsCache.get(file);
    if (!ids) {
      ids = new Set();
      for (const el of elements(fromHtml(readFileSync(file, 'utf8')))) if (typeof el.properties.id === 'string') ids.add(el.properties.id);
      idsCache.set(file, ids);
    }
    return ids;
  };
  /** The file a site URL path is served from, or why there is none. */
  const fileFor = (pathname: string): { file?: string; reason?: string } => {
    if (!`${pathname}/`.startsWith(prefix)) return { reason: `outside the base path ${prefix}` };
    const inside = decodeURIComponent(pathname.slice(prefix.length));
    const file = join(dist, inside.endsWith('/') || inside === '' ? join(inside, 'index.html') : inside);
    if (!existsSync(file)) return { reason: 'no such file in dist' };
    if (statSync(file).isDirectory()) return { reason: 'a folder: the link needs its trailing slash' };
    return { file };
  };
  const check = (from: string, attribute: string, raw: string, pageUrl: URL) => {
    if (/^(mailto|tel|data|javascript|blob):/i.test(raw)) return;
    let url: URL;
    try {
      url = new URL(raw, pageUrl);
    } catch {
      broken.push({ from, attribute, url: raw, reason: 'not a URL' });
      return;
    }
    if (url.origin !== origin) return;
    checked++;
    const { file, reason } = fileFor(url.pathname);
    if (reason) return void broken.push({ from, attribute, url: raw, reason });
    if (url.hash.length > 1 && file!.endsWith('.html') && !pageIds(file!).has(decodeURIComponent(url.hash.slice(1)))) {
      broken.push({ from, attribute, url: raw, reason: `no element with id "${decodeURIComponent(url.hash.slice(1))}" in the target page` });
    }
  };

  const files = filesUnder(dist);
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const path = relative(dist, file).split('\\').join('/');
    if (!pages(path)) continue;
    const pageUrl = new URL(`${prefix}${path.replace(/(^|\/)index\.html$/, '$1')}`, origin);
    for (const el of elements(fromHtml(readFileSync(file, 'utf8')))) {
      for (const [attribute, raw] of referencesOf(el)) check(path, attribute, raw, pageUrl);
    }
  }

  // _redirects: `from to status`; a `:placeholder` rule is checked with every short-link id built.
  const redirectsFile = join(dist, '_redirects');
  if (existsSync(redirectsFile)) {
    const shortIds = existsSync(join(dist, 'i')) ? readdirSync(join(dist, 'i')) : [];
    for (const line of readFileSync(redirectsFile, 'utf8').split('\n')) {
      const [from, to] = line.trim().split(/\s+/);
      if (!from || from.startsWith('#') || !to) continue;
      if (!`${from}/`.startsWith(prefix)) broken.push({ from: '_redirects', attribute: 'from', url: from, reason: `outside the base path ${prefix}` });
      const targets = to.includes(':') ? shortIds.map((id) => to.replace(/:[a-z]+/g, id)) : [to];
      for (const target of targets) check('_redirects', 'to', target, new URL(prefix, origin));
    }
  }

  // The feed's and the sitemap's links are absolute URLs on the site.
  const xml = new XMLParser({ ignoreAttributes: false });
  if (existsSync(join(dist, 'rss.xml'))) {
    const rss = xml.parse(readFileSync(join(dist, 'rss.xml'), 'utf8')) as { rss: { channel: { link: string; item?: { link: string } | { link: string }[] } } };
    const items = [rss.rss.channel.item ?? []].flat();
    for (const link of [rss.rss.channel.link, ...items.map((i) => i.link)]) check('rss.xml', 'link', link, new URL(prefix, origin));
  }
  if (existsSync(join(dist, 'sitemap.xml'))) {
    const sitemap = xml.parse(readFileSync(join(dist, 'sitemap.xml'), 'utf8')) as { urlset: { url?: { loc: string } | { loc: string }[] } };
    for (const { loc } of [sitemap.urlset.url ?? []].flat()) check('sitemap.xml', 'loc', loc, new URL(prefix, origin));
  }
  return { checked, broken, pages: files.filter((f) => f.endsWith('.html')).length };
}
