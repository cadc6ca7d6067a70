import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FrontMatterCache } from '../../src/lib/format/front-matter-cache.ts';
import { loadContent } from '../../src/lib/format/content-files.ts';
import { formatProblem } from '../../src/lib/format/problems.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('front matter cache', () => {
  it('keeps values that JSON would change', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hindsight-fm-')), 'cache.json');
    const first = new FrontMatterCache(file);
    const value = { at: new Date('2024-01-02T03:04:05Z'), n: -0, big: Infinity, none: null, list: [1, 'two'] };
    first.set('a: 1', value);
    first.save();
    const second = new FrontMatterCache(file);
    expect(second.get('a: 1')).toEqual(value);
    expect(Object.is((second.get('a: 1') as { n: number }).n, -0)).toBe(true);
    expect(second.get('a: 2')).toBeUndefined();
    // What a build did not use is not kept.
    second.save();
    expect(new FrontMatterCache(file).get('a: 1')).toEqual(value);
    new FrontMatterCache(file).save();
    expect(new FrontMatterCache(file).get('a: 1')).toBeUndefined();
  });

  it('gives a second load the same entries, and problems in unchanged files their lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-fm-'));
    cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
    const cacheFile = join(dir, 'cache.json');
    const env = { HINDSIGHT_CONTENT_DIR: dir };
    const uncached = loadContent(ROOT, env);
    const first = new FrontMatterCache(cacheFile);
    loadContent(ROOT, env, { frontMatterCache: first });
    expect(first.hits).toBe(0);
    first.save();

    const second = new FrontMatterCache(cacheFile);
    const cached = loadContent(ROOT, env, { frontMatterCache: second });
    expect(second.hits).toBe(uncached.fileCounts.postmortems);
    expect(cached.postmortems).toEqual(uncached.postmortems);

    // A service file goes: the postmortem naming it is unchanged (its front matter cached), and its
    // problem still names the line.
    rmSync(join(dir, 'services', 'order-queue.yaml'));
    writeFileSync(join(dir, 'services', 'order-queue-renamed.yaml'), 'id: order-queue-renamed\nname: Order queue\nowner: platform\n');
    const third = new FrontMatterCache(cacheFile);
    const broken = loadContent(ROOT, env, { frontMatterCache: third });
    expect(third.hits).toBe(uncached.fileCounts.postmortems);
    const plain = loadContent(ROOT, env);
    expect(broken.problems.map(formatProblem)).toEqual(plain.problems.map(formatProblem));
    expect(broken.problems.map(formatProblem).some((p) => /2023-03-10-berlin-queue-backlog\.mdx:5: services\.1: unknown service "order-queue"/.test(p))).toBe(true);
  });
});
