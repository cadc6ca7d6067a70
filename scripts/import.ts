/**
 * `npm run import -- <file | folder> [options]`: converts legacy postmortems (Markdown, HTML,
 * Word .docx) into the format. Reading files is src/lib/import/sources.ts, the conversion
 * src/lib/import/convert.ts; this file writes and reports. Every error is one line
 * (`file: message`), exit 1, no stack.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertPostmortem } from '../src/lib/import/convert.ts';
import { summaryTable, type ImportRow } from '../src/lib/import/report.ts';
import { listSourceFiles, readSource } from '../src/lib/import/sources.ts';
import { loadContent, postmortemsDir } from '../src/lib/format/content-files.ts';
import { closest } from '../src/lib/format/references.ts';
import { frontMatterYaml } from '../src/lib/import/render.ts';

const USAGE = `usage: npm run import -- <file | folder> [--out content/postmortems] [--timezone Zone] [--day-first] [--service id] [--service-map old=new,…] [--create-services] [--dry-run] [--force]

  files: .md, .markdown, .txt, .html, .htm, .docx (a folder is read recursively)
  --out DIR            where to write <id>.mdx files (default: content/postmortems)
  --timezone ZONE      zone for times that name none (IANA name, abbreviation or offset; default UTC)
  --day-first          read 05/06/2024 as 5 June 2024
  --service ID         service id for documents that name none (repeatable)
  --service-map MAP    rename guessed services: old=new,old2=new2
  --create-services    write content/services/<id>.yaml for each service that is not defined yet
  --dry-run            write nothing; for one file, print the result
  --force              overwrite existing files`;

/** One line, exit 1: what the guide promises for every error of the tools. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: postmortemsDir() },
      timezone: { type: 'string' },
      'day-first': { type: 'boolean', default: false },
      service: { type: 'string', multiple: true, default: [] },
      'service-map': { type: 'string', multiple: true, default: [] },
      'create-services': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message.split('\n')[0]} (npm run import -- --help lists the options)`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(`expected one file or folder to import, got ${positionals.length} (npm run import -- --help lists the options)`);

const serviceMap: Record<string, string> = {};
for (const pair of values['service-map'].flatMap((v) => v.split(','))) {
  const m = /^\s*([a-z0-9][a-z0-9-]*)\s*=\s*([a-z0-9][a-z0-9-]*)\s*$/.exec(pair);
  if (!m) fail(`--service-map: expected old=new with service ids (lowercase letters, digits, hyphens), got ${JSON.stringify(pair)}`);
  serviceMap[m[1]!] = m[2]!;
}

const input = resolve(positionals[0]!);
const show = (path: string) => relative(process.cwd(), path) || path;
let isFolder: boolean;
try {
  isFolder = statSync(input).isDirectory();
} catch (error) {
  fail(`${positionals[0]}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message.split('\n')[0]}`);
}
let files: string[];
try {
  files = isFolder ? listSourceFiles(input) : [input];
} catch (error) {
  fail(`${positionals[0]}: cannot list the folder: ${(error as Error).message.split('\n')[0]}`);
}
const outDir = resolve(values.out);

// Services the project defines: names in documents are matched against them.
const contentFolder = basename(outDir) === 'postmortems' ? dirname(outDir) : undefined;
const content = loadContent(process.cwd(), contentFolder ? { HINDSIGHT_CONTENT_DIR: contentFolder } : process.env);
const knownServices = content.services.map((s) => ({ id: s.id, name: s.data.name }));
const servicesFolder = join(contentFolder ?? resolve(process.cwd(), 'content'), 'services');

const taken = new Set(existsSync(outDir) ? readdirSync(outDir).filter((n) => /\.mdx?$/.test(n)).map((n) => n.replace(/\.mdx?$/, '')) : []);
const written = new Set<string>();
const rows: ImportRow[] = [];
/** Unknown service id → the files that use it. */
const unknown = new Map<string, string[]>();

for (const [i, file] of files.entries()) {
  const name = show(file);
  if (isFolder) console.log(`[${i + 1}/${files.length}] ${name}`);
  let result: ReturnType<typeof convertPostmortem>;
  let docxImages: { name: string; data: Buffer }[] = [];
  try {
    const source = await readSource(file);
    if (!source.ok) result = source;
    else {
      docxImages = source.images;
      result = convertPostmortem(source.markdown, {
        fileName: basename(file),
        ...(values.timezone ? { timezone: values.timezone } : {}),
        dayFirst: values['day-first'],
        services: values.service,
        serviceMap,
        knownServices,
        imageExists: (src) => docxImages.some((img) => img.name === src) || isFileNear(file, src),
      });
    }
  } catch (error) {
    // A bug in the importer or an unreadable file must not stop a folder import.
    result = { ok: false, reason: (error as NodeJS.ErrnoException).code ? (error as Error).message.split('\n')[0]! : `importer error: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!result.ok) {
    console.log(isFolder ? `  refused: ${result.reason}` : `refused: ${result.reason}`);
    rows.push({ file: name, result: 'refused', detail: result.reason });
    continue;
  }
  // Two legacy files of one batch with the same id: the second gets a suffix.
  let id = result.id;
  for (let n = 2; written.has(id); n++) id = `${result.id}-${n}`;
  const mdx = id === result.id ? result.mdx : result.mdx.split(`./${result.id}/`).join(`./${id}/`);
  const target = join(outDir, `${id}.mdx`);
  if (taken.has(id) && !written.has(id) && !values.force) {
    console.log(`  skipped: ${show(target)} exists (use --force to overwrite)`);
    rows.push({ file: name, result: 'skipped', detail: `${show(target)} exists` });
    continue;
  }
  written.add(id);
  if (!values['dry-run']) {
    try {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(target, mdx);
      for (const image of result.images) {
        mkdirSync(join(outDir, id), { recursive: true });
        const embedded = docxImages.find((img) => img.name === image.src);
        if (embedded) writeFileSync(join(outDir, id, image.name), embedded.data);
        else copyFileSync(resolve(dirname(file), decodeURI(image.src)), join(outDir, id, image.name));
      }
    } catch (error) {
      fail(`${show(target)}: cannot write: ${(error as Error).message.split('\n')[0]}`);
    }
  } else if (!isFolder) {
    process.stdout.write(mdx);
  }
  for (const service of result.unknownServices) unknown.set(service, [...(unknown.get(service) ?? []), name]);
  const review = result.review.length > 0;
  console.log(`  ${review ? 'needs review' : 'imported'}: ${values['dry-run'] ? '(dry run) ' : ''}${show(target)}`);
  for (const item of result.review) console.log(`    - ${item}`);
  rows.push({ file: name, result: review ? 'needs review' : 'imported', detail: show(target) });
}

if (isFolder) console.log(`\n${summaryTable(rows)}`);

if (unknown.size) {
  if (values['create-services'] && !values['dry-run']) {
    for (const id of unknown.keys()) {
      const file = join(servicesFolder, `${id}.yaml`);
      if (existsSync(file)) continue;
      mkdirSync(servicesFolder, { recursive: true });
      const yaml = frontMatterYaml({ id, name: id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()), owner: 'unknown' }, ' Created by `npm run import --create-services`: set name and owner (review).');
      writeFileSync(file, yaml);
    }
    console.log(`\nCreated ${unknown.size} service file${unknown.size === 1 ? '' : 's'} in ${show(servicesFolder)} (owner "unknown": set it): ${[...unknown.keys()].join(', ')}`);
  } else {
    const known = knownServices.map((s) => s.id);
    const listed = [...unknown.keys()].map((id) => {
      const near = closest(id, known);
      return near ? `${id} (did you mean ${near}?)` : id;
    });
    console.log(`\nUnknown services: ${listed.join(', ')}; add them with --create-services, or rename with --service-map old=new,…`);
  }
}

const failed = rows.filter((r) => r.result === 'refused' || r.result === 'skipped').length;
if (rows.some((r) => r.result !== 'refused' && r.result !== 'skipped') && !values['dry-run']) {
  console.log(`\nNext: check each "needs review" file, then run npm run check.`);
}
process.exitCode = failed ? 1 : 0;

/** Whether a relative image path of a document names a file next to it. */
function isFileNear(document: string, src: string): boolean {
  try {
    return statSync(resolve(dirname(document), decodeURI(src))).isFile();
  } catch {
    return false;
  }
}
