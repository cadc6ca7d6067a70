import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ContentCheckCache, checkCode } from '../../src/lib/format/check-cache.ts';
import { loadContent } from '../../src/lib/format/content-files.ts';
import { formatProblem } from '../../src/lib/format/problems.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CODE = checkCode(ROOT);
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'hindsight-check-cache-')), 'cache.json');

describe('content check cache', () => {
  it('keeps values that JSON would change, and drops what a build did not use', () => {
    const file = tempFile();
    const first = new ContentCheckCache(file, CODE);
    const value = { at: new Date('2024-01-02T03:04:05Z'), n: -0, big: Infinity, none: null, gone: undefined, list: [1, 'two'] };
    first.keepParsed('a: 1', value);
    first.save();
    const second = new ContentCheckCache(file, CODE);
    expect(second.parsed('a: 1')).toStrictEqual(value);
    expect(Object.is((second.parsed('a: 1') as { n: number }).n, -0)).toBe(true);
    expect(second.parsed('a: 2')).toBeUndefined();
    second.save();
    expect(new ContentCheckCache(file, CODE).parsed('a: 1')).toStrictEqual(value);
    new ContentCheckCache(file, CODE).save();
    expect(new ContentCheckCache(file, CODE).parsed('a: 1')).toBeUndefined();
  });

  it('keeps schema results and passed bodies only for the same code', () => {
    const file = tempFile();
    const first = new ContentCheckCache(file, CODE);
    first.keepParsed('a: 1', { a: 1 });
    first.keepValidated('a: 1', { a: 1, checked: true });
    first.keepBodyPassed('true\u00005\u0000Body');
    first.save();
    const same = new ContentCheckCache(file, CODE);
    expect(same.validated('a: 1')).toStrictEqual({ a: 1, checked: true });
    expect(same.bodyPassed('true\u00005\u0000Body')).toBe(true);
    expect(same.bodyPassed('true\u00006\u0000Body')).toBe(false);
    const changed = new ContentCheckCache(file, `${CODE}-changed`);
    expect(changed.parsed('a: 1')).toStrictEqual({ a: 1 });
    expect(changed.validated('a: 1')).toBeUndefined();
    expect(changed.bodyPassed('true\u00005\u0000Body')).toBe(false);
  });

  it('treats what a damaged cache holds as a miss', () => {
    const file = tempFile();
    const first = new ContentCheckCache(file, CODE);
    first.keepParsed('a: 1', { a: 1 });
    first.save();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { parsed: Record<string, string> };
    for (const key of Object.keys(saved.parsed)) saved.parsed[key] = '[not devalue';
    writeFileSync(file, JSON.stringify(saved));
    expect(new ContentCheckCache(file, CODE).parsed('a: 1')).toBeUndefined();
    for (const text of ['{', 'null', '{"format":1}', '[]', '{"format":"x","parsed":null}']) {
      writeFileSync(file, text);
      expect(new ContentCheckCache(file, CODE).parsed('a: 1')).toBeUndefined();
    }
  });

  it('gives a second load the same entries, and problems in unchanged files their lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-check-cache-'));
    cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
    const cacheFile = join(dir, 'cache.json');
    const env = { HINDSIGHT_CONTENT_DIR: dir };
    const uncached = loadContent(ROOT, env);
    const first = new ContentCheckCache(cacheFile, CODE);
    loadContent(ROOT, env, { checkCache: first });
    expect(first.hits).toBe(0);
    first.save();

    const second = new ContentCheckCache(cacheFile, CODE);
    const cached = loadContent(ROOT, env, { checkCache: second });
    // Parsed and validated front matter of every postmortem.
    expect(second.hits).toBe(2 * uncached.fileCounts.postmortems);
    expect(cached.postmortems).toStrictEqual(uncached.postmortems);
    expect(cached.problems).toEqual([]);

    // A service file goes: the postmortem naming it is unchanged (its front matter cached), and its
    // problem still names the line.
    rmSync(join(dir, 'services', 'order-queue.yaml'));
    writeFileSync(join(dir, 'services', 'order-queue-renamed.yaml'), 'id: order-queue-renamed\nname: Order queue\nowner: platform\n');
    second.save();
    const third = new ContentCheckCache(cacheFile, CODE);
    const broken = loadContent(ROOT, env, { checkCache: third });
    expect(third.hits).toBe(2 * uncached.fileCounts.postmortems);
    const plain = loadContent(ROOT, env);
    expect(broken.problems.map(formatProblem)).toEqual(plain.problems.map(formatProblem));
    expect(broken.problems.map(formatProblem).some((p) => /2023-03-10-berlin-queue-backlog\.mdx:5: services\.1: unknown service "order-queue"/.test(p))).toBe(true);
  });

  it('still reports a body problem in a file whose front matter is cached', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-check-cache-'));
    cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
    const cacheFile = join(dir, 'cache.json');
    const env = { HINDSIGHT_CONTENT_DIR: dir };
    const first = new ContentCheckCache(cacheFile, CODE);
    loadContent(ROOT, env, { checkCache: first });
    first.save();
    const file = join(dir, 'postmortems', '2023-03-10-berlin-queue-backlog.mdx');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n<script>alert(1)</script>\n`);
    const again = loadContent(ROOT, env, { checkCache: new ContentCheckCache(cacheFile, CODE) });
    expect(again.problems.map(formatProblem).join('\n')).toMatch(/2023-03-10-berlin-queue-backlog\.mdx:\d+: body: .*script/);
  });
});
