/**
 * In public builds (`HINDSIGHT_VISIBILITY=public`, read by the build and by `npm run check`), a
 * published body that links to a page the build leaves out (an internal or draft postmortem, an
 * internal runbook or service) is an error naming both files; links inside `<Internal>` are not
 * published, so not errors. Internal builds accept the same links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join, relative } from 'node:path';
import { ROOT, runBuildCli, removeContentStore } from '../support/build-site.ts';

const work = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'hindsight-public-links-'));
const content = relative(ROOT, work);
const PUBLIC_FILE = `${content}/postmortems/2024-02-01-search-latency.mdx`;

function runCheck(env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts/check.ts')], { cwd: ROOT, env: { ...process.env, HINDSIGHT_CONTENT_DIR: content, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  cpSync(join(ROOT, 'tests/fixtures/public'), work, { recursive: true });
  const file = join(ROOT, PUBLIC_FILE);
  const source = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    `${source}\nSee [the billing incident](/postmortems/2024-01-10-billing-export/#root-cause), [the draft](/i/CANARYX-DRAFT-1/) and [the billing runbook](/runbooks/canaryx-billing-runbook/).\n`,
  );
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeContentStore(work);
});

const line = (text: string) => readFileSync(join(ROOT, PUBLIC_FILE), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('links to unpublished pages', () => {
  it('are errors for `npm run check` of a public build, naming both files, and not inside <Internal>', async () => {
    const { code, stderr } = await runCheck({ HINDSIGHT_VISIBILITY: 'public' });
    expect(code).toBe(1);
    const at = line('See [the billing incident]');
    const problems = stderr.trim().split('\n');
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${PUBLIC_FILE}:${at}: body: link /postmortems/2024-01-10-billing-export/#root-cause leads to an unpublished page: ${content}/postmortems/2024-01-10-billing-export.mdx is not published`)),
      expect.stringMatching(new RegExp(`^${PUBLIC_FILE}:${at}: body: link /i/CANARYX-DRAFT-1/ leads to an unpublished page: ${content}/postmortems/2023-12-01-ledger-draft.mdx is not published`)),
      expect.stringMatching(new RegExp(`^${PUBLIC_FILE}:${at}: body: link /runbooks/canaryx-billing-runbook/ leads to an unpublished page: runbook "canaryx-billing-runbook" is not published`)),
    ]);
  });

  it('are fine in internal builds', async () => {
    const { code, stderr } = await runCheck({});
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('stop a public build with the same errors', async () => {
    const { code, stderr } = await runBuildCli(work, { outDir: join(work, 'dist'), env: { HINDSIGHT_VISIBILITY: 'public' } });
    expect(code).toBe(1);
    expect(stderr).toContain(`${PUBLIC_FILE}:${line('See [the billing incident]')}: body: link /postmortems/2024-01-10-billing-export/#root-cause leads to an unpublished page`);
    expect(stderr).not.toContain('    at ');
  });
});
