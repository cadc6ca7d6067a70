/**
 * Reads postmortem files from disk and validates them with the schema and the corpus rules.
 * Used by `npm run check`, by the build (before Astro syncs content) and by the content loader,
 * so that every tool reads front matter the same way.
 *
 * Front matter is parsed as YAML 1.2 (the `yaml` package's core schema), which keeps datetimes as
 * text: YAML 1.1 parsers (js-yaml, Astro's default) turn an unquoted `2024-06-05T14:00:00` into a
 * UTC Date and so lose the rule that a datetime without an offset is read in `timezone`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import { postmortemSchema, type Postmortem } from './schema.ts';
import { validateCorpus } from './corpus.ts';
import { problemsFromIssue, type Problem } from './problems.ts';

/**
 * The content folder, relative to the project root or absolute. `HINDSIGHT_CONTENT_DIR` points a
 * build at another folder (the test fixtures, the benchmark's generated corpus).
 */
export const contentDir = (env: Record<string, string | undefined> = process.env) => env.HINDSIGHT_CONTENT_DIR ?? 'content';
export const postmortemsDir = (env: Record<string, string | undefined> = process.env) => join(contentDir(env), 'postmortems');
const FRONTMATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

export interface ParsedFile {
  /** Parsed front matter (plain data), or undefined when it could not be parsed. */
  data: unknown;
  body: string;
  /** Line of a dotted field path in the file (1-based), best effort. */
  lineOf: (path: (string | number)[]) => number | undefined;
  problems: Omit<Problem, 'file'>[];
}

/** Splits a postmortem file into front matter (parsed) and body. */
export function parseFrontmatterFile(source: string): ParsedFile {
  const match = FRONTMATTER.exec(source);
  if (!match) {
    return {
      data: undefined,
      body: source,
      lineOf: () => 1,
      problems: [{ line: 1, field: '', message: 'no front matter: the file must start with a --- line, then YAML fields, then ---' }],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(match[1]!, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (path: (string | number)[]) => yamlLineOf(doc, lineCounter, path);
  const problems: ParsedFile['problems'] = doc.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line + 1,
    field: '',
    message: `invalid YAML: ${error.message.split('\n')[0]}`,
  }));
  return {
    data: problems.length ? undefined : (doc.toJS() ?? {}),
    body: source.slice(match[0].length),
    lineOf,
    problems,
  };
}

/** The line (1-based, in the whole file) of the deepest node of `path` that exists. */
function yamlLineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
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
  // +1 for 1-based lines, +1 for the opening `---`.
  return offset === undefined ? 1 : lines.linePos(offset).line + 1;
}

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
export function validatePostmortemSource(file: string, source: string) {
  const parsed = parseFrontmatterFile(source);
  const problems: Problem[] = parsed.problems.map((p) => ({ file, ...p }));
  if (parsed.data === undefined) return { parsed, problems, data: undefined };
  const result = postmortemSchema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const p of problemsFromIssue(file, issue)) {
        problems.push({ ...p, line: parsed.lineOf(p.field ? p.field.split('.') : []) });
      }
    }
    return { parsed, problems, data: undefined };
  }
  return { parsed, problems, data: result.data };
}

/** A path as people should see it: relative to the project when inside it, else absolute. */
const displayPath = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

/** Reads and validates every postmortem under `root/content/postmortems`. */
export function loadPostmortems(root: string): LoadResult {
  const dir = resolve(root, postmortemsDir());
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.mdx?$/.test(n)).sort();
  } catch {
    return { entries: [], problems: [{ file: displayPath(root, dir), field: '', message: 'folder not found' }], fileCount: 0 };
  }
  const entries: LoadedPostmortem[] = [];
  const problems: Problem[] = [];
  const lineFinders = new Map<string, ParsedFile['lineOf']>();
  for (const name of names) {
    const path = join(dir, name);
    const file = displayPath(root, path);
    const result = validatePostmortemSource(file, readFileSync(path, 'utf8'));
    problems.push(...result.problems);
    lineFinders.set(file, result.parsed.lineOf);
    if (result.data) entries.push({ id: name.replace(/\.mdx?$/, ''), file, data: result.data, body: result.parsed.body });
  }
  for (const p of validateCorpus(entries)) {
    problems.push({ ...p, line: p.field ? lineFinders.get(p.file)?.(p.field.split('.')) : undefined });
  }
  return { entries, problems, fileCount: names.length };
}
