/**
 * The output folder holds exactly what the last successful build produced (src/integrations/
 * fresh-output.ts): leftovers in any top-level folder are gone after a build (Astro 7 alone keeps
 * `i/`, `g/`, `t/`), and a build that fails leaves nothing of its own behind: no pages, no staging
 * folder, no `.prerender/` chunks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, runBuildCli } from '../support/build-site.ts';
import { contentStoreCacheDir } from '../../src/lib/format/content-store.ts';

const FIXTURE = join(ROOT, 'tests/fixtures/public');
const QUICK = { HINDSIGHT_DIAGRAMS: 'off', HINDSIGHT_SEARCH: 'off' };
// Inside the working directory, so that Astro keeps its prerender chunks in the output folder.
const work = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'hindsight-fresh-output-'));
const outDir = join(work, 'dist');
const LEFTOVERS = ['i/deleted-incident/index.html', 'g/old.html', 't/old.html', 'postmortems/renamed/index.html', 'stale.txt'];

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}
const holding = (dir: string, text: RegExp) => [...files(dir)].filter((path) => text.test(path) || text.test(readFileSync(path, 'latin1')));

let first: Awaited<ReturnType<typeof runBuildCli>>;
let failed: Awaited<ReturnType<typeof runBuildCli>>;
let afterFirst: string[];

beforeAll(async () => {
  for (const path of [...LEFTOVERS, '.git/HEAD']) {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), 'left over from an earlier build');
  }
  first = await runBuildCli(FIXTURE, { outDir, env: { ...QUICK, HINDSIGHT_VISIBILITY: 'public' } });
  afterFirst = [...files(outDir)].sort();
  // An internal build of the same content that fails after writing its pages.
  failed = await runBuildCli(FIXTURE, { outDir, env: QUICK, config: 'tests/fixtures/configs/fails-after-pages.config.mjs' });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the output folder', () => {
  it('holds no leftovers of earlier builds, in any top-level folder; .git is kept', () => {
    expect(first.code, first.stderr).toBe(0);
    for (const path of LEFTOVERS) expect(afterFirst, path).not.toContain(join(outDir, path));
    expect(afterFirst).toContain(join(outDir, '.git/HEAD'));
    expect(afterFirst).toContain(join(outDir, 'i/PUB-1/index.html'));
    expect(readdirSync(work)).toEqual(['dist']);
  });

  it('after a failed build still holds the last good build, and nothing of the failed one', () => {
    expect(failed.code).not.toBe(0);
    expect(`${failed.stdout}${failed.stderr}`).toContain('failing on purpose after generating pages');
    expect(readdirSync(work)).toEqual(['dist']);
    expect([...files(outDir)].sort()).toEqual(afterFirst);
    // The failed internal build rendered internal pages; none of their text is left anywhere.
    expect(holding(work, /canaryx/i)).toEqual([]);
    expect(existsSync(join(ROOT, '.astro', '.prerender'))).toBe(false);
  });

  it('replaced by a build, is deleted from the cache folder’s trash in the background', async () => {
    const trash = join(ROOT, contentStoreCacheDir({ HINDSIGHT_CONTENT_DIR: FIXTURE })!, 'hindsight-trash');
    rmSync(trash, { recursive: true, force: true });
    const again = await runBuildCli(FIXTURE, { outDir, env: QUICK });
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(work)).toEqual(['dist']);
    const deadline = Date.now() + 20_000;
    while (readdirSync(trash).length && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    expect(readdirSync(trash)).toEqual([]);
  });
});
