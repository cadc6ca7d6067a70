import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closest, levenshtein, validateReferences } from '../../src/lib/format/references.ts';
import { validateCorpus } from '../../src/lib/format/corpus.ts';
import { loadContent, validateDataSource } from '../../src/lib/format/content-files.ts';
import { runbookSchema, serviceSchema } from '../../src/lib/format/service-schema.ts';
import { formatProblem } from '../../src/lib/format/problems.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('levenshtein and closest', () => {
  it('measure edit distance', () => {
    expect(levenshtein('checkout', 'checkout')).toBe(0);
    expect(levenshtein('chekout', 'checkout')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
  });

  it('pick the closest candidate, alphabetical on ties', () => {
    expect(closest('chekout-db', ['checkout', 'checkout-db', 'storefront'])).toBe('checkout-db');
    expect(closest('ab', ['ac', 'aa'])).toBe('aa');
    expect(closest('x', [])).toBeUndefined();
    // Only close ids are suggested: a distant one is no help.
    expect(closest('admin-dashboard', ['falcon-sensor', 'checkout'])).toBeUndefined();
    expect(closest('checkout', ['checkout-db', 'falcon-sensor'])).toBe('checkout-db');
  });
});

describe('references between postmortems, runbooks and services', () => {
  const dirs = { runbooks: 'content/runbooks/', services: 'content/services/' };
  const pm = (services: string[], runbooks: string[] = []) => ({ id: 'p', file: 'content/postmortems/p.mdx', data: { services, runbooks } });
  const services = [
    { id: 'checkout', file: 'content/services/checkout.yaml', data: { runbooks: ['db-slow', 'https://wiki.example.com/x'] } },
    { id: 'checkout-db', file: 'content/services/checkout-db.yaml', data: { runbooks: ['db-slwo'] } },
  ];
  const runbooks = [{ id: 'db-slow', file: 'content/runbooks/db-slow.yaml', data: { services: ['checkout-db', 'chekout'] } }];

  it('rejects unknown services, suggesting the closest known id', () => {
    const problems = validateReferences({ postmortems: [pm(['checkout', 'chekout-db'])], runbooks, services, dirs });
    expect(problems.map((p) => formatProblem(p))).toEqual([
      'content/postmortems/p.mdx: services.1: unknown service "chekout-db"; did you mean "checkout-db"? (known services are the files in content/services/)',
      'content/runbooks/db-slow.yaml: services.1: unknown service "chekout"; did you mean "checkout"? (known services are the files in content/services/)',
      'content/services/checkout-db.yaml: runbooks.0: unknown runbook "db-slwo"; did you mean "db-slow"? (known runbooks are the files in content/runbooks/); expected a runbook id or an http(s) URL',
    ]);
  });

  it('accepts any service while no services are defined', () => {
    expect(validateReferences({ postmortems: [pm(['anything'])], runbooks: [], services: [], dirs })).toEqual([]);
  });

  it('accepts runbook ids and URLs, rejects unknown runbook ids', () => {
    const problems = validateReferences({ postmortems: [pm(['checkout'], ['db-slow', 'https://runbooks.example.com/a', 'db-slw'])], runbooks: [], services: [], dirs });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'runbooks.0: unknown runbook "db-slow" (no runbooks are defined in content/runbooks/); expected a runbook id or an http(s) URL',
      'runbooks.2: unknown runbook "db-slw" (no runbooks are defined in content/runbooks/); expected a runbook id or an http(s) URL',
    ]);
  });
});

describe('aliases and reserved paths', () => {
  const entry = (id: string, aliases: string[] = []) => ({ id, file: `content/postmortems/${id}.mdx`, data: { related: [], aliases } });

  it('rejects aliases and ids that take a list page', () => {
    const messages = validateCorpus([entry('a', ['by-severity', 'by-date']), entry('by-duration')]).map((p) => formatProblem(p));
    expect(messages).toEqual([
      'content/postmortems/a.mdx: aliases.0: alias "by-severity" is reserved: /postmortems/by-severity/ is a list page; choose another alias',
      'content/postmortems/a.mdx: aliases.1: alias "by-date" is reserved: /postmortems/by-date/ is a list page; choose another alias',
      'content/postmortems/by-duration.mdx: file name "by-duration" is reserved: /postmortems/by-duration/ is a list page; rename the file',
    ]);
  });

  it('rejects numbers, the pages of the list (/postmortems/2/), but not ids or aliases that contain digits', () => {
    const messages = validateCorpus([entry('2', ['1234', 'INC-1234', '2024']), entry('2024-06-05-db')]).map((p) => formatProblem(p));
    expect(messages).toEqual([
      'content/postmortems/2.mdx: file name "2" is reserved: /postmortems/2/ is a list page; rename the file',
      'content/postmortems/2.mdx: aliases.0: alias "1234" is reserved: /postmortems/1234/ is a list page; choose another alias',
      'content/postmortems/2.mdx: aliases.2: alias "2024" is reserved: /postmortems/2024/ is a list page; choose another alias',
    ]);
  });

  it('treats aliases that differ only in case as a collision, naming both files', () => {
    const messages = validateCorpus([entry('a', ['INC-1']), entry('b', ['inc-1', 'A'])]).map((p) => formatProblem(p));
    expect(messages).toEqual([
      'content/postmortems/b.mdx: aliases.0: alias "inc-1" is also an alias in content/postmortems/a.mdx (as "INC-1"; aliases differing only in case collide)',
      'content/postmortems/b.mdx: aliases.1: alias "A" is already the id of content/postmortems/a.mdx (ignoring case)',
    ]);
  });
});

describe('runbook and service files', () => {
  it('validate with the schema, and their id must equal the file name', () => {
    const ok = validateDataSource('content/runbooks/x.yaml', 'id: x\ntitle: X\nurl: https://runbooks.example.com/x\nservices: [a]\n', runbookSchema, 'x');
    expect(ok.problems).toEqual([]);
    expect(ok.data).toEqual({ id: 'x', title: 'X', url: 'https://runbooks.example.com/x', services: ['a'], visibility: 'internal' });
    const bad = validateDataSource('content/services/y.yaml', 'id: z\nname: Y\nowner: team\n', serviceSchema, 'y');
    expect(bad.problems.map(formatProblem)).toEqual(['content/services/y.yaml:1: id: must equal the file name without .yaml: expected "y", got "z"']);
    const invalid = validateDataSource('content/runbooks/r.yaml', 'id: r\ntitle: R\nurl: ftp://x\nowner: me\n', runbookSchema, 'r');
    expect(invalid.problems.map(formatProblem)).toEqual([
      'content/runbooks/r.yaml:3: url: expected an http(s) URL, got "ftp://x"',
      'content/runbooks/r.yaml:4: owner: unknown field (check the spelling against the format)',
    ]);
  });

  it('are loaded with the postmortems, and problems name file, line and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-refs-'));
    cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
    const clean = loadContent(ROOT, { HINDSIGHT_CONTENT_DIR: dir });
    expect(clean.problems).toEqual([]);
    expect(clean.fileCounts).toEqual({ postmortems: 4, runbooks: 5, services: 7 });
    const file = join(dir, 'postmortems/2023-03-10-berlin-queue-backlog.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('services: [orders, order-queue]', 'services: [orders, order-qeue]'));
    const broken = loadContent(ROOT, { HINDSIGHT_CONTENT_DIR: dir });
    expect(broken.problems.map(formatProblem)).toEqual([
      `${dir}/postmortems/2023-03-10-berlin-queue-backlog.mdx:5: services.1: unknown service "order-qeue"; did you mean "order-queue"? (known services are the files in ${dir}/services/)`,
    ]);
  });
});
