/**
 * A minimal static file server over a built `dist/` on a free loopback port (tests, screenshots).
 * It serves the headers of the build's `_headers` file as Cloudflare Pages applies them. `base`
 * serves it under a path, as a host does a site built with a base path (`/kb/`).
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

export async function serveDirectory(dir: string, base = '/') {
  const root = resolve(dir);
  const prefix = base.replace(/\/?$/, '/');
  const rules = parseHeadersFile(await readFile(join(root, '_headers'), 'utf8').catch(() => ''));
  const server = createServer(async (req, res) => {
    const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    for (const [name, value] of Object.entries(headersFor(rules, requested))) res.setHeader(name, value);
    const inBase = `${requested}/`.startsWith(prefix);
    const pathname = inBase ? `/${requested.slice(prefix.length)}` : '/404.html.missing';
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(notFound);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

interface HeaderRule {
  pattern: string;
  set: [string, string][];
  detach: string[];
}

/** Reads a `_headers` file into its rules: paths, then indented `Name: value` and `! Name` lines. */
function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ pattern: line, set: [], detach: [] });
      continue;
    }
    const rule = rules.at(-1);
    if (!rule) continue;
    if (line.startsWith('!')) rule.detach.push(line.slice(1).trim().toLowerCase());
    else {
      const colon = line.indexOf(':');
      if (colon > 0) rule.set.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

/** True when a `_headers` path pattern (`*` splat, `:name` placeholder) matches a request path. */
function matchesPattern(pattern: string, path: string): boolean {
  const source = pattern
    .split('/')
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')))
    .join('/');
  return new RegExp(`^${source}$`).test(path) || new RegExp(`^${source}$`).test(`${path}/`);
}

/** The headers for a request path, as Cloudflare Pages applies them: rules in order, values joined, `!` detaching. */
function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const out = new Map<string, [string, string]>();
  for (const rule of rules) {
    if (!matchesPattern(rule.pattern, path)) continue;
    for (const name of rule.detach) out.delete(name);
    for (const [name, value] of rule.set) {
      const key = name.toLowerCase();
      const existing = out.get(key);
      out.set(key, [name, existing ? `${existing[1]}, ${value}` : value]);
    }
  }
  return Object.fromEntries([...out.values()]);
}
