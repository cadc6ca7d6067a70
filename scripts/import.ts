/**
 * `npm run import -- <file.md | folder> [--out content/postmortems] [--timezone Zone] [--day-first]
 * [--service id] [--dry-run] [--force]`: converts legacy Markdown postmortems into the format.
 * The conversion is src/lib/import/convert.ts; this file reads, writes and reports.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertPostmortem } from '../src/lib/import/convert.ts';
import { summaryTable, type ImportRow } from '../src/lib/import/report.ts';
import { loadContent, postmortemsDir } from '../src/lib/format/content-files.ts';

const USAGE = `usage: npm run import -- <file.md | folder> [--out content/postmortems] [--timezone Zone] [--day-first] [--service id] [--dry-run] [--force]

  --out DIR        where to write <id>.mdx files (default: content/postmortems)
  --timezone ZONE  zone for times that name none (IANA name, abbreviation or offset; default UTC)
  --day-first      read 05/06/2024 as 5 June 2024
  --service ID     service id for documents that name none (repeatable)
  --dry-run        write nothing; for one file, print the result
  --force          overwrite existing files`;

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: postmortemsDir() },
      timezone: { type: 'string' },
      'day-first': { type: 'boolean', default: false },
      service: { type: 'string', multiple: true, default: [] },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = args;
if (values.help || positionals.length !== 1) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const input = resolve(positionals[0]!);
if (!existsSync(input)) {
  console.error(`not found: ${positionals[0]}`);
  process.exit(2);
}
const isFolder = statSync(input).isDirectory();
const files = isFolder ? listFiles(input) : [input];
const outDir = resolve(values.out);
const show = (path: string) => relative(process.cwd(), path) || path;

// Services the project defines: names in documents are matched against them.
const contentFolder = basename(outDir) === 'postmortems' ? dirname(outDir) : undefined;
const content = loadContent(process.cwd(), contentFolder ? { HINDSIGHT_CONTENT_DIR: contentFolder } : process.env);
const knownServices = content.services.map((s) => ({ id: s.id, name: s.data.name }));

const taken = new Set(existsSync(outDir) ? readdirSync(outDir).filter((n) => /\.mdx?$/.test(n)).map((n) => n.replace(/\.mdx?$/, '')) : []);
const written = new Set<string>();
const rows: ImportRow[] = [];

for (const [i, file] of files.entries()) {
  const name = show(file);
  if (isFolder) console.log(`[${i + 1}/${files.length}] ${name}`);
  let result: ReturnType<typeof convertPostmortem>;
  try {
    result = convertPostmortem(readFileSync(file, 'utf8'), {
      fileName: basename(file),
      ...(values.timezone ? { timezone: values.timezone } : {}),
      dayFirst: values['day-first'],
      services: values.service,
      knownServices,
    });
  } catch (error) {
    // A bug in the importer must not stop a folder import.
    result = { ok: false, reason: `importer error: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!result.ok) {
    console.log(`  refused: ${result.reason}`);
    rows.push({ file: name, result: 'refused', detail: result.reason });
    continue;
  }
  // Two legacy files of one batch with the same id: the second gets a suffix.
  let id = result.id;
  for (let n = 2; written.has(id); n++) id = `${result.id}-${n}`;
  const target = join(outDir, `${id}.mdx`);
  if (taken.has(id) && !written.has(id) && !values.force) {
    console.log(`  skipped: ${show(target)} exists (use --force to overwrite)`);
    rows.push({ file: name, result: 'skipped', detail: `${show(target)} exists` });
    continue;
  }
  written.add(id);
  if (!values['dry-run']) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(target, result.mdx);
  } else if (!isFolder) {
    process.stdout.write(result.mdx);
  }
  const review = result.review.length > 0;
  console.log(`  ${review ? 'needs review' : 'imported'}: ${values['dry-run'] ? '(dry run) ' : ''}${show(target)}`);
  for (const item of result.review) console.log(`    - ${item}`);
  rows.push({ file: name, result: review ? 'needs review' : 'imported', detail: show(target) });
}

if (isFolder) console.log(`\n${summaryTable(rows)}`);
const failed = rows.filter((r) => r.result === 'refused' || r.result === 'skipped').length;
if (rows.some((r) => r.result !== 'refused' && r.result !== 'skipped') && !values['dry-run']) {
  console.log(`\nNext: check each "needs review" file, then run npm run check.`);
}
process.exitCode = failed ? 1 : 0;

/** Markdown-ish files under a folder, sorted, recursively. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(?:md|markdown|txt)$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
