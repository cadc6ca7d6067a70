/**
 * Page reuse between builds: a page whose inputs are the same as in the last build is copied from
 * the last build's output instead of being rendered again. What a second `npm run build` after one
 * edit costs is then the pages that edit touched, not the whole site.
 *
 * A page's key is a hash of:
 * - the build's fingerprint (src/integrations/page-reuse.ts): the project's code and lockfile, the
 *   services and runbooks, Astro's settings, the HINDSIGHT_* / SITE_URL / BASE_PATH environment
 *   and the build date (pages show overdue actions). Any change there renders every page again;
 * - the route, the page's params and props (postmortem entries by their id, content digest and data
 *   as published);
 * - whatever else the route declares its pages read (`inputs`).
 * A route that reads anything beyond its props must declare it; the warm-versus-cold test
 * (tests/build/page-reuse.test.ts) compares every file of a warm build with a clean build of the
 * same content after edits of each kind.
 *
 * The integration and the pages share one process-wide session (Astro prerenders in the build's
 * own process, from a separate module graph: hence a `Symbol.for` key on globalThis).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const KEY = Symbol.for('hindsight.page-reuse.session');

export interface PageReuseSession {
  /** Hash of everything that is the same for every page of this build. */
  fingerprint: string;
  /** The last build's output folder and the key each of its reusable files was made from. */
  previous: { dir: string; keys: ReadonlyMap<string, string> } | undefined;
  /** This build's pages (output file relative to the output folder) and their keys. */
  pages: Map<string, { key: string; ready?: () => boolean }>;
  /** Files to copy from the last build's output instead of rendering them. */
  reused: Set<string>;
}

type Holder = { [KEY]?: PageReuseSession };
export const setPageReuseSession = (session: PageReuseSession | undefined) => {
  (globalThis as Holder)[KEY] = session;
};
export const getPageReuseSession = (): PageReuseSession | undefined => (globalThis as Holder)[KEY];

/** Content collection entries hash as their id, digest and (published) data, computed once each. */
const entryHashes = new WeakMap<object, string>();
const isEntry = (value: object): value is { id: string; collection: string; data: unknown; digest?: string } =>
  'collection' in value && 'id' in value && 'data' in value;

/** Thrown for a value a page's key cannot stand for (a function, a symbol): the page is rendered. */
class Unhashable extends Error {}

/**
 * JSON of `value` with Maps, Sets, Dates and entries written out deterministically (plain
 * JSON.stringify writes a Map as `{}`, which would make different inputs hash the same).
 */
export function stableJson(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown): string => {
    if (v === undefined) return 'undefined';
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v !== 'object') throw new Unhashable(typeof v);
    if (v instanceof Date) return `Date(${v.getTime()})`;
    if (v instanceof URL) return `URL(${JSON.stringify(v.href)})`;
    if (seen.has(v)) throw new Unhashable('cycle');
    seen.add(v);
    try {
      if (Array.isArray(v)) return `[${v.map(walk).join(',')}]`;
      if (v instanceof Map) return `Map[${[...v].map(([k, x]) => `${walk(k)}:${walk(x)}`).join(',')}]`;
      if (v instanceof Set) return `Set[${[...v].map(walk).join(',')}]`;
      if (isEntry(v)) {
        let hash = entryHashes.get(v);
        if (hash === undefined) {
          hash = sha256(`${v.collection}\u0000${v.id}\u0000${v.digest ?? ''}\u0000${walk(v.data)}\u0000${walk((v as { body?: unknown }).body)}`);
          entryHashes.set(v, hash);
        }
        return `Entry(${hash})`;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new Unhashable(proto?.constructor?.name ?? 'object');
      return `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${walk((v as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    } finally {
      seen.delete(v);
    }
  };
  return walk(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const digests = new WeakMap<object, string>();
/**
 * A hash of `value` (as stableJson writes it), for inputs many pages share: an object is hashed
 * once per build however many routes ask (the build's data is never changed once computed).
 */
export function digestOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return sha256(stableJson(value));
  let digest = digests.get(value);
  if (digest === undefined) digests.set(value, (digest = sha256(stableJson(value))));
  return digest;
}

/**
 * The output file of a page of `route` (a path pattern relative to the output folder, with
 * `[param]` and `[...rest]` segments, e.g. `postmortems/[id]/index.html`).
 */
export function outputFile(route: string, params: Record<string, string | number | undefined>): string {
  return route
    .replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _rest: string | undefined, name: string) => String(params[name] ?? ''))
    .replace(/\/{2,}/g, '/')
    .replace(/^\//, '');
}

export interface ReuseOptions<P> {
  /** What a page reads beyond its params and props (hashed into its key). */
  inputs?: (path: P) => unknown;
  /**
   * Whether the page's output is final: checked before reusing it, and after the build before
   * keeping its key (e.g. its timeline chart is in the chart cache, not left to the browser).
   */
  ready?: (path: P) => boolean;
}

/**
 * `getStaticPaths` of a route whose pages can be reused: returns the paths to render, and records
 * the others for the integration to copy from the last build. Without a session (dev, `astro sync`)
 * every path is returned.
 */
export function reusablePaths<P extends { params: Record<string, string | number | undefined>; props?: unknown }>(route: string, paths: readonly P[], options: ReuseOptions<P> = {}): P[] {
  const session = getPageReuseSession();
  if (!session) return [...paths];
  const render: P[] = [];
  for (const path of paths) {
    const file = outputFile(route, path.params);
    let key: string;
    try {
      key = sha256(`${session.fingerprint}\u0000${route}\u0000${stableJson({ params: path.params, props: path.props, inputs: options.inputs?.(path) })}`);
    } catch (error) {
      if (!(error instanceof Unhashable)) throw error;
      render.push(path);
      continue;
    }
    const ready = options.ready && (() => options.ready!(path));
    session.pages.set(file, { key, ready });
    const previous = session.previous;
    if (previous && previous.keys.get(file) === key && (ready?.() ?? true) && existsSync(join(previous.dir, file))) session.reused.add(file);
    else render.push(path);
  }
  return render;
}

/** The pathname Astro reports for an output file (`a/b/index.html` → `a/b/`, `api/x.json` as is). */
export const pathnameOf = (file: string) => file.replace(/(^|\/)index\.html$/, '$1');
