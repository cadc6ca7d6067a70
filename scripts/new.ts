/**
 * `npm run new -- --title "…" --severity SEV2 --service checkout [--started "2024-06-05 14:00"]
 * [--timezone Europe/Berlin] [--category database] [--summary "…"] [--author Name] [--out DIR]
 * [--force] [--dry-run]`: writes a draft postmortem that passes `npm run check`. On a terminal,
 * missing values are asked for. The file itself is src/lib/format/scaffold.ts.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { CAUSE_CATEGORIES, SEVERITIES, ID_PATTERN, type CauseCategory, type Severity } from '../src/lib/format/schema.ts';
import { scaffoldPostmortem } from '../src/lib/format/scaffold.ts';
import { loadContent, postmortemsDir } from '../src/lib/format/content-files.ts';
import { closest } from '../src/lib/format/references.ts';
import { findMoments, toInstant } from '../src/lib/import/dates.ts';
import { parseZoneName } from '../src/lib/import/zones.ts';
import { parseServices } from '../src/lib/import/facts.ts';

const USAGE = `usage: npm run new -- --title "Checkout slow" --severity SEV2 --service checkout [--started "2024-06-05 14:00"]
       [--timezone UTC] [--category database] [--summary "…"] [--author "Name"] [--out content/postmortems] [--force] [--dry-run]
On a terminal, values not given are asked for.`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      title: { type: 'string' },
      severity: { type: 'string' },
      service: { type: 'string', multiple: true, default: [] },
      started: { type: 'string' },
      timezone: { type: 'string' },
      category: { type: 'string' },
      summary: { type: 'string' },
      author: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: postmortemsDir() },
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values } = parsed!;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const outDir = resolve(values.out);
const contentFolder = basename(outDir) === 'postmortems' ? dirname(outDir) : undefined;
const known = loadContent(process.cwd(), contentFolder ? { HINDSIGHT_CONTENT_DIR: contentFolder } : process.env).services.map((s) => s.id);
const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
const ask = async (question: string, fallback?: string) => {
  if (!rl) return fallback;
  const answer = (await rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
  return answer || fallback;
};

try {
  const title = values.title ?? (await ask('Title (one line)'));
  if (!title?.trim()) fail(`--title is required\n${USAGE}`);

  const severityText = (values.severity ?? (await ask(`Severity (${SEVERITIES.join(', ')})`, 'SEV3')) ?? 'SEV3').toUpperCase().replace(/^SEV-?/, 'SEV');
  if (!(SEVERITIES as readonly string[]).includes(severityText)) fail(`--severity: expected ${SEVERITIES.join(' | ')}, got ${JSON.stringify(severityText)}`);

  let services = values.service.flatMap(parseServices);
  if (!services.length) {
    const hint = known.length ? ` (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` : '';
    services = parseServices((await ask(`Affected service ids, comma-separated${hint}`)) ?? '');
  }
  if (!services.length) {
    if (known.length) fail(`--service is required: one of the services in content/services/ (${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})`);
    services = ['unknown'];
  }
  for (const s of services) {
    if (!ID_PATTERN.test(s)) fail(`--service: expected an id of lowercase letters, digits and hyphens, got ${JSON.stringify(s)}`);
    if (known.length && !known.includes(s)) {
      const near = closest(s, known);
      fail(`--service: unknown service ${JSON.stringify(s)}${near ? `; did you mean ${JSON.stringify(near)}?` : ''} (known services are the files in content/services/)`);
    }
  }

  const zoneText = values.timezone ?? (await ask('Time zone (IANA name like Europe/Berlin, or UTC)', 'UTC')) ?? 'UTC';
  const zone = parseZoneName(zoneText);
  if (!zone) fail(`--timezone: unknown time zone ${JSON.stringify(zoneText)}; expected an IANA name like "Europe/Berlin"`);

  const startedText = values.started ?? (await ask('Started (YYYY-MM-DD HH:MM, in that zone)', formatNow(zone.zone)));
  let started = new Date(Math.floor(Date.now() / 60000) * 60000);
  if (startedText) {
    const moment = findMoments(startedText).find((m) => m.time && m.date?.year !== undefined);
    if (!moment?.date || !moment.time) fail(`--started: expected a date and time like "2024-06-05 14:00", got ${JSON.stringify(startedText)}`);
    started = toInstant({ year: moment.date.year!, month: moment.date.month, day: moment.date.day }, moment.time, moment.zone ?? zone);
  }

  const categoryText = values.category ?? (await ask(`Cause category (${CAUSE_CATEGORIES.join(', ')})`, 'unknown'));
  if (categoryText && !(CAUSE_CATEGORIES as readonly string[]).includes(categoryText)) fail(`--category: expected ${CAUSE_CATEGORIES.join(' | ')}, got ${JSON.stringify(categoryText)}`);
  const summary = values.summary ?? (await ask('Summary (one or two sentences; empty to fill in later)'));

  const { id, mdx } = scaffoldPostmortem({
    title: title.trim(),
    severity: severityText as Severity,
    services,
    started,
    timezone: zone.zone,
    ...(categoryText ? { category: categoryText as CauseCategory } : {}),
    ...(summary?.trim() ? { summary: summary.trim() } : {}),
    authors: values.author,
  });
  const target = join(outDir, `${id}.mdx`);
  const shown = relative(process.cwd(), target) || target;
  if (values['dry-run']) {
    process.stdout.write(mdx);
  } else {
    if (existsSync(target) && !values.force) fail(`${shown} exists; choose another title or use --force to overwrite`);
    try {
      makeFolder(outDir);
      writeFileSync(target, mdx);
    } catch (error) {
      // A folder that cannot be created or written (a file in the way, no permission, a read-only disk).
      const { code, message } = error as NodeJS.ErrnoException;
      console.error(`${target}: cannot write the file (${code ?? message}); choose another --out folder`);
      process.exit(1);
    }
    console.log(`created ${shown} (status: draft)\nNext: fill in the TODOs, then npm run check.`);
  }
} finally {
  rl?.close();
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's `mkdirSync(dir, { recursive: true })`
 * never returns when the system answers ENOENT for a folder whose parent exists (under /proc, for one).
 */
function makeFolder(dir: string) {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d);
}

function formatNow(zone: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
  return parts.replace(',', '');
}
