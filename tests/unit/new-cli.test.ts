/** `npm run new --out` into a folder it cannot create: one line on stderr, exit 1, never a stack or a hang. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/build-site.ts';

function runNew(out: string) {
  const args = ['--title', 'Checkout slow', '--severity', 'SEV2', '--service', 'checkout', '--started', '2024-06-05 14:00', '--timezone', 'UTC', '--out', out];
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts/new.ts'), ...args], { cwd: ROOT, timeout: 20_000 }, (error, stdout, stderr) =>
      done({ code: error ? (error.killed ? -1 : Number(error.code)) : 0, stdout, stderr }),
    );
  });
}

describe('npm run new --out into a path it cannot create', () => {
  const work = mkdtempSync(join(tmpdir(), 'hindsight-new-'));
  writeFileSync(join(work, 'a-file'), 'not a folder');
  it.each([
    ['below a file', join(work, 'a-file', 'postmortems')],
    ['below /dev/null', '/dev/null/postmortems'],
    // Node's recursive mkdir loops forever here.
    ['under /proc', '/proc/no-such-folder/postmortems'],
  ])('%s', async (_, out) => {
    const { code, stderr } = await runNew(out);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/: cannot write the file \(E[A-Z]+\); choose another --out folder$/m);
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 30_000);
});
