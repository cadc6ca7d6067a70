/**
 * Reads postmortem files from disk and validates them with the schema and the corpus rules.
 * Used by `npm run check`, by the build (before Astro syncs content) and by the content loader,
 * so that every tool reads front matter the same way.
 *
 * Front matter is parsed as YAML 1.2 (the `yaml` package's core schema), which keeps datetimes as
 * text: YAML 1.1 parsers (js-yaml, Astro's default) turn an unquoted `2024-06-05T14:00:00` into a
 * UTC Date and so lose the rule that a datetime without an offset is read in `timezone`.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import type { z } from 'astro/zod';
import { postmortemSchema, type Postmortem } from './schema.ts';
import { runbookSchema, serviceSchema, type Runbook, type Service } from './service-schema.ts';
import { validateCorpus } from './corpus.ts';
import { validateReferences } from './references.ts';
import { brokenLinks, unpublishedLinks } from './links.ts';
import { INTERNAL_COMPONENT, internalBlockLines, internalTagsInMarkdown } from './internal-content.ts';
import { isListed, listingOptionsFromEnv } from '../site/listing.ts';
import { publishedDirectory } from '../site/publication.ts';
import { problemsFromIssue, type Problem } from './problems.ts';
import { checkBody } from './safe-mdx.ts';
import { unportableName } from './names.ts';
import { settings } from '../../settings.ts';
import type { ContentCheckCache } from './check-cache.ts';

/**
 * The content folder, relative to the project root or absolute. `HINDSIGHT_CONTENT_DIR` points a
 * build at another folder (the test fixtures, the benchmark's generated corpus).
 */
export const contentDir = (env: Record<string, string | undefined> = process.env) => env.HINDSIGHT_CONTENT_DIR ?? 'content';
export const postmortemsDir = (env: Record<string, string | undefined> = process.env) => join(contentDir(env), 'postmortems');
export const runbooksDir = (env: Record<string, string | undefined> = process.env) => join(contentDir(env), 'runbooks');
export const servicesDir = (env: Record<string, string | undefined> = process.env) => join(contentDir(env), 'services');
const FRONTMATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

export interface ParsedFile {
  /** Parsed front matter (plain data), or undefined when it could not be parsed. */
  data: unknown;
  body: string;
  /** The front matter's YAML text (absent when the file has none). */
  yaml?: string;
  /** Line of a dotted field path in the file (1-based), best effort. */
  lineOf: (path: (string | number)[]) => number | undefined;
  problems: Omit<Problem, 'file'>[];
}

/**
 * Splits a postmortem file into front matter (parsed) and body. With a `cache`, front matter the
 * last build parsed is taken from it (its lines are found by parsing again, only when asked for).
 */
export function parseFrontmatterFile(source: string, cache?: ContentCheckCache): ParsedFile {
  const match = FRONTMATTER.exec(source);
  if (!match) {
    return {
      data: undefined,
      body: source,
      lineOf: () => 1,
      problems: [{ line: 1, field: '', message: 'no front matter: the file must start with a --- line, then YAML fields, then ---' }],
    };
  }
  const yaml = match[1]!;
  const body = source.slice(match[0].length);
  const cached = cache?.parsed(yaml);
  if (cached !== undefined) {
    let lineOf: ParsedFile['lineOf'] | undefined;
    return { data: cached, body, yaml, lineOf: (path) => (lineOf ??= parseYaml(yaml, 1).lineOf)(path), problems: [] };
  }
  // +1 for the opening `---`.
  const parsed = parseYaml(yaml, 1);
  if (cache && parsed.data !== undefined && !parsed.problems.length) cache.keepParsed(yaml, parsed.data);
  return { ...parsed, body, yaml };
}

/** Parses a YAML document (a whole data file, or front matter starting `firstLine` lines into its file). */
export function parseYaml(source: string, firstLine = 0): Omit<ParsedFile, 'body'> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (path: (string | number)[]) => yamlLineOf(doc, lineCounter, path, firstLine);
  const problems: ParsedFile['problems'] = doc.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line + firstLine,
    field: '',
    message: `invalid YAML: ${error.message.split('\n')[0]}`,
  }));
  if (problems.length) return { data: undefined, lineOf, problems };
  try {
    // The yaml package refuses documents whose aliases expand past `maxAliasCount` (a "billion laughs").
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {}, lineOf, problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const why = /alias/i.test(message) ? `its aliases (*name) expand to too many values (more than ${MAX_ALIAS_COUNT}); write the values out instead` : message;
    return { data: undefined, lineOf, problems: [{ line: firstLine + 1, field: '', message: `invalid YAML: ${why}` }] };
  }
}

/** How many alias expansions a YAML document may need; real content uses a handful at most. */
const MAX_ALIAS_COUNT = 100;

export type ReadResult = { ok: true; text: string } | { ok: false; line?: number; message: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A content file's text, or why it cannot be read: not a file (a folder, a symlink loop, a broken
 * link), or not UTF-8 (with the line of the first byte that is not).
 */
export function readTextFile(path: string, kind: string): ReadResult {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, message: `is a folder, not a ${kind} file; rename the folder` };
    if (!stat.isFile()) return { ok: false, message: `is not a regular file; replace it with a ${kind} file` };
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why: Record<string, string> = {
      ELOOP: 'is a symbolic link that loops back on itself; replace it with the file',
      ENOENT: 'is a symbolic link to nothing; replace it with the file',
      EACCES: 'cannot be read (permission denied)',
    };
    return { ok: false, message: why[code ?? ''] ?? `cannot be read (${code ?? (error as Error).message})` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, line: 1, message: 'the file is UTF-16 text; save it as UTF-8' };
  }
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    // The first line that does not decode: lines end at byte 0x0A in UTF-8 and in the legacy encodings alike.
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
      try {
        UTF8.decode(slice);
      } catch {
        const bad = [...slice].find((b) => b >= 0x80) ?? 0;
        return { ok: false, line, message: `not UTF-8 text (byte 0x${bad.toString(16).toUpperCase()}: the file is probably Latin-1 or Windows-1252); save it as UTF-8` };
      }
      if (end === -1) return { ok: false, line, message: 'not UTF-8 text; save it as UTF-8' };
      start = end + 1;
    }
  }
}

/**
 * The files named `*<ext>` directly in `dir` (anything with the name: a folder or a broken link is
 * reported by readTextFile), and those in its subfolders, which no tool reads. Symbolic links to
 * folders are not followed, so a link loop cannot trap the walk.
 */
function listFolder(dir: string, ext: RegExp): { names: string[]; nested: string[] } {
  const names: string[] = [];
  const nested: string[] = [];
  const walk = (folder: string, entries: Dirent[]) => {
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !ext.test(entry.name)) {
        let inner: Dirent[] = [];
        try {
          inner = readdirSync(path, { withFileTypes: true });
        } catch {
          // An unreadable subfolder holds nothing any tool reads either.
        }
        walk(path, inner);
      } else if (ext.test(entry.name) && folder !== dir) nested.push(path);
    }
  };
  const top = readdirSync(dir, { withFileTypes: true });
  for (const entry of top) if (ext.test(entry.name)) names.push(entry.name);
  walk(dir, top.filter((e) => !ext.test(e.name)));
  return { names: names.sort(), nested: nested.sort() };
}

/** The line (1-based, in the whole file) of the deepest node of `path` that exists. */
function yamlLineOf(doc: Document, lines: LineCounter, path: (string | number)[], firstLine: number): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = (doc.contents as { range?: number[] } | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: unknown[] }).items[Number(key)];
      if (!item) break;
      offset = (item as { range?: number[] }).range?.[0] ?? offset;
      node = item;
    } else break;
  }
  // linePos is 1-based already; front matter starts `firstLine` lines into the file.
  return offset === undefined ? 1 : lines.linePos(offset).line + firstLine;
}

/**
 * Front matter the build's content check parsed, kept for Astro's content loader of the same build
 * (src/content.config.ts), keyed by the file's whole text: the loader reads every file again and
 * parsing the same YAML twice cost a tenth of a 1,000-postmortem build. A file edited in between
 * has other text and is parsed anew. On globalThis because the integration and the content config
 * are loaded as separate module instances in one process. Each entry is taken once; the content
 * check drops what is left when the build starts (content is synced by then).
 */
const SHARED_FRONT_MATTER = Symbol.for('hindsight.shared-front-matter');
const sharedFrontMatter = (): Map<string, unknown> => ((globalThis as { [SHARED_FRONT_MATTER]?: Map<string, unknown> })[SHARED_FRONT_MATTER] ??= new Map());

/** The front matter of `source` as the content check parsed it this build, else parsed now. */
export function takeFrontMatter(source: string): unknown {
  const shared = sharedFrontMatter();
  const data = shared.get(source);
  if (data === undefined) return parseFrontmatterFile(source).data;
  shared.delete(source);
  return data;
}

/** Drops front matter no loader took (unchanged files Astro's content store already had). */
export const dropSharedFrontMatter = () => sharedFrontMatter().clear();

export interface LoadedPostmortem {
  id: string;
  /** Relative to the project root. */
  file: string;
  data: Postmortem;
  body: string;
}

export interface LoadResult {
  entries: LoadedPostmortem[];
  problems: Problem[];
  /** How many files were read (valid or not). */
  fileCount: number;
}

/** Validates one file's text; `file` is only used to name it in problems. */
export function validatePostmortemSource(file: string, source: string, cache?: ContentCheckCache) {
  const parsed = parseFrontmatterFile(source, cache);
  const problems: Problem[] = parsed.problems.map((p) => ({ file, ...p }));
  if (parsed.data === undefined) return { parsed, problems, data: undefined };
  const known = parsed.yaml === undefined ? undefined : (cache?.validated(parsed.yaml) as Postmortem | undefined);
  if (known !== undefined) return { parsed, problems, data: known };
  const result = postmortemSchema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const p of problemsFromIssue(file, issue)) {
        problems.push({ ...p, line: parsed.lineOf(p.field ? p.field.split('.') : []) });
      }
    }
    return { parsed, problems, data: undefined };
  }
  if (cache && parsed.yaml !== undefined) cache.keepValidated(parsed.yaml, result.data);
  return { parsed, problems, data: result.data };
}

/** A path as people should see it: relative to the project when inside it, else absolute. */
const displayPath = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

export interface LoadedRecord<T> {
  id: string;
  /** Relative to the project root. */
  file: string;
  data: T;
}

/** Validates a runbook or service file's text; its `id` must equal the file name. */
export function validateDataSource<T>(file: string, source: string, schema: z.ZodType<T>, expectedId: string) {
  const parsed = parseYaml(source);
  const problems: Problem[] = parsed.problems.map((p) => ({ file, ...p }));
  if (parsed.data === undefined) return { parsed, problems, data: undefined };
  const result = schema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const p of problemsFromIssue(file, issue)) problems.push({ ...p, line: parsed.lineOf(p.field ? p.field.split('.') : []) });
    }
    return { parsed, problems, data: undefined };
  }
  const id = (result.data as { id?: unknown }).id;
  if (id !== expectedId) {
    problems.push({ file, line: parsed.lineOf(['id']), field: 'id', message: `must equal the file name without .yaml: expected ${JSON.stringify(expectedId)}, got ${JSON.stringify(id)}` });
    return { parsed, problems, data: undefined };
  }
  return { parsed, problems, data: result.data };
}

const YAML_FILE = /\.ya?ml$/;
const POSTMORTEM_FILE = /\.mdx?$/;

interface FolderResult<T> {
  entries: LoadedRecord<T>[];
  /** The id (file name) of every file, valid or not: references to an invalid file are not reported twice. */
  ids: string[];
  files: Map<string, string>;
  problems: Problem[];
  lineFinders: Map<string, ParsedFile['lineOf']>;
}

/** Reads and validates every `*.yaml` under a folder; a missing folder is an empty collection. */
function loadDataFolder<T>(root: string, dir: string, schema: z.ZodType<T>): FolderResult<T> {
  const out: FolderResult<T> = { entries: [], ids: [], files: new Map(), problems: [], lineFinders: new Map() };
  let listing: ReturnType<typeof listFolder>;
  try {
    listing = listFolder(dir, YAML_FILE);
  } catch {
    return out;
  }
  for (const path of listing.nested) out.problems.push({ file: displayPath(root, path), field: '', message: `files in subfolders are not read; move it to ${displayPath(root, dir)}/` });
  for (const name of listing.names) {
    const path = join(dir, name);
    const file = displayPath(root, path);
    const id = name.replace(YAML_FILE, '');
    if (out.files.has(id)) {
      out.problems.push({ file, field: '', message: `duplicate id ${JSON.stringify(id)}: ${out.files.get(id)} has the same name` });
      continue;
    }
    out.ids.push(id);
    out.files.set(id, file);
    const unportable = unportableName(id);
    if (unportable) out.problems.push({ file, field: '', message: `file name: ${unportable}; rename the file` });
    const read = readTextFile(path, 'YAML');
    if (!read.ok) {
      out.problems.push({ file, line: read.line, field: '', message: read.message });
      continue;
    }
    const result = validateDataSource(file, read.text, schema, id);
    out.problems.push(...result.problems);
    out.lineFinders.set(file, result.parsed.lineOf);
    if (result.data) out.entries.push({ id, file, data: result.data });
  }
  return out;
}

export interface LoadOptions {
  /** Keep valid files' parsed front matter for the content loader of this build (`takeFrontMatter`). */
  shareFrontMatter?: boolean;
  /** Accept any MDX in bodies (default: `settings.trustedMdx`); otherwise bodies must be safe MDX. */
  trustedMdx?: boolean;
  /** What the last build's check worked out (the build's content check keeps one). */
  checkCache?: ContentCheckCache;
}

export interface ContentResult {
  postmortems: LoadedPostmortem[];
  runbooks: LoadedRecord<Runbook>[];
  services: LoadedRecord<Service>[];
  problems: Problem[];
  /** How many files of each kind were read (valid or not). */
  fileCounts: { postmortems: number; runbooks: number; services: number };
}

/**
 * Reads and validates all content under `root/content`: postmortems, runbooks and services, each
 * file on its own, then the rules across files (ids, aliases, `related`, service and runbook
 * references).
 */
export function loadContent(root: string, env: Record<string, string | undefined> = process.env, { shareFrontMatter = false, trustedMdx = settings.trustedMdx, checkCache }: LoadOptions = {}): ContentResult {
  const dir = resolve(root, postmortemsDir(env));
  const runbookFolder = resolve(root, runbooksDir(env));
  const serviceFolder = resolve(root, servicesDir(env));
  const runbooks = loadDataFolder(root, runbookFolder, runbookSchema);
  const services = loadDataFolder(root, serviceFolder, serviceSchema);
  const problems: Problem[] = [...runbooks.problems, ...services.problems];
  const lineFinders = new Map([...runbooks.lineFinders, ...services.lineFinders]);
  const postmortems: LoadedPostmortem[] = [];
  const bodies: { file: string; body: string; line: number; id: string }[] = [];
  let names: string[] = [];
  try {
    const listing = listFolder(dir, POSTMORTEM_FILE);
    names = listing.names;
    for (const path of listing.nested) {
      problems.push({ file: displayPath(root, path), field: '', message: `postmortems in subfolders are not read; move it to ${displayPath(root, dir)}/ (its file name is its id)` });
    }
  } catch {
    problems.unshift({ file: displayPath(root, dir), field: '', message: 'folder not found' });
  }
  for (const name of names) {
    const path = join(dir, name);
    const file = displayPath(root, path);
    const read = readTextFile(path, 'postmortem');
    if (!read.ok) {
      problems.push({ file, line: read.line, field: '', message: read.message });
      continue;
    }
    const source = read.text;
    const result = validatePostmortemSource(file, source, checkCache);
    if (shareFrontMatter && result.data) sharedFrontMatter().set(source, result.parsed.data);
    problems.push(...result.problems);
    const line = source.slice(0, source.length - result.parsed.body.length).split('\n').length;
    if (!trustedMdx && name.endsWith('.md')) {
      problems.push({ file, field: '', message: 'Markdown (.md) bodies pass raw HTML through unchecked; rename the file to .mdx, whose body is checked (or set settings.trustedMdx in src/settings.ts)' });
    } else if (result.parsed.data !== undefined) {
      const bodyKey = `${trustedMdx}\u0000${line}\u0000${result.parsed.body}`;
      if (!checkCache?.bodyPassed(bodyKey)) {
        const found = checkBody(file, result.parsed.body, line, { trusted: trustedMdx });
        problems.push(...found);
        if (!found.length) checkCache?.keepBodyPassed(bodyKey);
      }
    }
    bodies.push({ file, id: name.replace(POSTMORTEM_FILE, ''), body: result.parsed.body, line });
    lineFinders.set(file, result.parsed.lineOf);
    if (result.data) postmortems.push({ id: name.replace(POSTMORTEM_FILE, ''), file, data: result.data, body: result.parsed.body });
  }
  const folderName = (path: string) => `${displayPath(root, path)}/`;
  // Files that failed their own validation still count as known ids (their problems are reported once).
  const referrers = <T>(folder: FolderResult<T>, empty: T) => {
    const valid = new Map(folder.entries.map((e) => [e.id, e]));
    return folder.ids.map((id) => valid.get(id) ?? { id, file: folder.files.get(id)!, data: empty });
  };
  const crossFile = [
    ...validateCorpus(postmortems),
    ...validateReferences({
      postmortems,
      runbooks: referrers<Pick<Runbook, 'services'>>(runbooks, { services: [] }),
      services: referrers<Pick<Service, 'runbooks'>>(services, { runbooks: [] }),
      dirs: { runbooks: folderName(runbookFolder), services: folderName(serviceFolder) },
    }),
  ];
  for (const p of crossFile) problems.push({ ...p, line: p.field ? lineFinders.get(p.file)?.(p.field.split('.')) : undefined });
  // Links in the bodies to postmortems, services and runbooks that do not exist.
  const targets = {
    postmortems: new Set(names.map((n) => n.replace(POSTMORTEM_FILE, ''))),
    aliases: new Set(postmortems.flatMap((p) => p.data.aliases)),
    // The other pages under /postmortems/ (src/pages/postmortems/by-[sort].astro).
    postmortemPages: new Set(['by-severity', 'by-duration']),
    services: new Set(services.ids),
    runbooks: new Set(runbooks.ids),
  };
  for (const b of bodies) problems.push(...brokenLinks(b.file, b.body, b.line, targets));
  for (const b of bodies.filter((body) => body.file.endsWith('.md'))) {
    for (const line of internalTagsInMarkdown(b.body)) {
      problems.push({ file: b.file, line: b.line + line - 1, field: 'body', message: `<${INTERNAL_COMPONENT}> works in .mdx files only (in .md it is plain HTML, published by public builds): rename the file to .mdx` });
    }
  }
  if (env.HINDSIGHT_VISIBILITY === 'public') problems.push(...publicBuildLinks(postmortems, runbooks.entries, services.entries, bodies, env));
  return {
    postmortems,
    runbooks: runbooks.entries,
    services: services.entries,
    problems,
    fileCounts: { postmortems: names.length, runbooks: runbooks.ids.length, services: services.ids.length },
  };
}

/**
 * For a public build (`HINDSIGHT_VISIBILITY=public`, read by the build and by `npm run check`):
 * links in the published bodies, outside `<Internal>` blocks, to pages the build leaves out.
 */
function publicBuildLinks(
  postmortems: readonly LoadedPostmortem[],
  runbooks: readonly LoadedRecord<Runbook>[],
  services: readonly LoadedRecord<Service>[],
  bodies: readonly { file: string; body: string; line: number; id: string }[],
  env: Record<string, string | undefined>,
): Problem[] {
  const options = listingOptionsFromEnv(true, env);
  const listed = postmortems.filter((p) => isListed(p.data, options));
  const published = new Set(listed.map((p) => p.id));
  const directory = publishedDirectory(listed.map((p) => p.data), runbooks, services, options);
  const targets = {
    postmortems: new Map(postmortems.flatMap((p) => [p.id, ...p.data.aliases].map((key) => [key, { id: p.id, file: p.file }] as const))),
    published,
    services: new Map(services.map((s) => [s.id, directory.services.has(s.id)])),
    runbooks: new Map(runbooks.map((r) => [r.id, directory.runbooks.has(r.id)])),
  };
  const isMdx = (file: string) => file.endsWith('.mdx');
  return bodies
    .filter((b) => published.has(b.id))
    .flatMap((b) => unpublishedLinks(b.file, b.body, b.line, targets, isMdx(b.file) ? internalBlockLines(b.body) : new Set()));
}

/** Reads and validates every postmortem under `root/content/postmortems` (and, for references, the runbooks and services). */
export function loadPostmortems(root: string, options: LoadOptions = {}): LoadResult {
  const content = loadContent(root, process.env, options);
  return { entries: content.postmortems, problems: content.problems, fileCount: content.fileCounts.postmortems };
}
