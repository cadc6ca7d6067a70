/**
 * Builds of different content folders (HINDSIGHT_CONTENT_DIR) one after the other in one checkout:
 * each build shows its own folder's files (src/lib/format/content-store.ts works around Astro's
 * content store, which kept entries of the last folder whose digest had not changed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, removeContentStore, runBuildCli } from '../support/build-site.ts';

const work = mkdtempSync(join(tmpdir(), 'hindsight-store-'));
const [a, b] = [join(work, 'a'), join(work, 'b')];
const ID = '2023-03-10-berlin-queue-backlog';
const QUICK = { HINDSIGHT_DIAGRAMS: 'off', HINDSIGHT_SEARCH: 'off' };
let second: Awaited<ReturnType<typeof runBuildCli>>;

beforeAll(async () => {
  for (const dir of [a, b]) cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
  const first = await runBuildCli(a, { outDir: join(work, 'out-a'), env: QUICK });
  expect(first.code, first.stderr).toBe(0);
  // Folder a changes after its build; folder b still has the files a was built from.
  const file = join(a, 'postmortems', `${ID}.mdx`);
  writeFileSync(file, `${readFileSync(file, 'utf8')}\nA paragraph only folder a has now.\n`);
  second = await runBuildCli(b, { outDir: join(work, 'out-b'), env: QUICK });
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  for (const dir of [a, b]) removeContentStore(dir);
});

describe('builds of another content folder', () => {
  it('build that folder’s files', () => {
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(work, 'out-b', 'postmortems', ID, 'index.html'), 'utf8')).not.toContain('A paragraph only folder a has now');
  });

  it('still build once the last folder is gone', async () => {
    rmSync(a, { recursive: true, force: true });
    const third = await runBuildCli(b, { outDir: join(work, 'out-b'), env: QUICK });
    expect(third.code, third.stderr).toBe(0);
  });
});
