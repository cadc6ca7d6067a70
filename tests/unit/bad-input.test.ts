/**
 * Item 9: input that used to crash or hang `npm run check` gives one `file:line: field: message`
 * per problem, exit 1, no stack trace. (tests/build/bad-input.test.ts holds the build to the same lines.)
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/build-site.ts';
import { writeBadContent } from '../support/bad-content.ts';
import { slugify, MAX_SLUG_LENGTH } from '../../src/lib/site/catalog.ts';
import { unportableName } from '../../src/lib/format/names.ts';

function runCheck(contentDir: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts/check.ts')], { cwd: ROOT, timeout: 60_000, env: { ...process.env, HINDSIGHT_CONTENT_DIR: contentDir } }, (error, stdout, stderr) =>
      done({ code: error ? (error.killed ? -1 : Number(error.code)) : 0, stdout, stderr }),
    );
  });
}

describe('npm run check over input that used to crash or hang', () => {
  const { dir, expected, unexpected } = writeBadContent();
  it('reports each problem as file:line: field: message, exits 1, prints no stack', async () => {
    const { code, stdout, stderr } = await runCheck(dir);
    expect(code).toBe(1);
    for (const line of expected) expect(stderr).toMatch(line);
    for (const pattern of unexpected) expect(stdout + stderr).not.toMatch(pattern);
    // Every line of output is a problem line or the summary.
    for (const line of stderr.trim().split('\n')) expect(line).toMatch(/^\S+(?::\d+)?: /);
  }, 60_000);
});

describe('names that become files', () => {
  it('caps slugs far below file-name limits', () => {
    expect(slugify('x'.repeat(1000)).length).toBe(MAX_SLUG_LENGTH);
    expect(slugify(`${'a'.repeat(MAX_SLUG_LENGTH - 1)} b`)).toBe('a'.repeat(MAX_SLUG_LENGTH - 1));
    expect(slugify('C++')).toBe(slugify('c'));
  });
  it('refuses Windows device names and trailing dots or spaces', () => {
    for (const name of ['con', 'CON', 'nul', 'Aux', 'prn', 'com1', 'LPT9', 'con.txt', 'nul.tar.gz', 'x.', 'x ']) expect(unportableName(name), name).toBeDefined();
    for (const name of ['console', 'null', 'auxiliary', 'com10', 'x.y', 'INC-1234']) expect(unportableName(name), name).toBeUndefined();
  });
});
