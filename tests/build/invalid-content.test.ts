/** A build over invalid content stops with one line per problem, a non-zero exit and no stack trace. */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runBuildCli as runBuild } from '../support/build-site.ts';
const SEED = readFileSync(join(ROOT, 'tests/fixtures/site/postmortems/2024-06-05-checkout-db-slowdown.mdx'), 'utf8');


describe('a build over invalid content', () => {
  it('fails with file and field named for each problem, and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-invalid-'));
    cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
    const write = (name: string, text: string) => writeFileSync(join(dir, 'postmortems', name), text);
    write('bad-severity.mdx', SEED.replace('severity: SEV1', 'severity: SEV9'));
    write('bad-order.mdx', SEED.replace('resolved: "2024-06-05T15:30:00Z"', 'resolved: "2024-06-05T13:30:00Z"').replace(/mitigated: .*\n/, '').replace(/detected: .*\n/, ''));
    write('bad-related.mdx', SEED.replace('aliases: [checkout-db-2024]', 'related: [no-such-incident]'));
    write('bad-zone.mdx', SEED.replace('timezone: UTC', 'timezone: Mars/Olympus').replace('aliases: [checkout-db-2024]', ''));

    const { code, stdout, stderr } = await runBuild(dir);
    const output = stdout + stderr;
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\S*\/postmortems\/bad-severity\.mdx:\d+: severity: expected SEV1–SEV4, got "SEV9"$/m);
    expect(stderr).toMatch(/^\S*\/postmortems\/bad-order\.mdx:\d+: resolved: must not be before started \(2024-06-05T14:00:00Z\), got "2024-06-05T13:30:00Z"$/m);
    expect(stderr).toMatch(/^\S*\/postmortems\/bad-related\.mdx:\d+: related\.0: unknown postmortem id "no-such-incident"/m);
    expect(stderr).toMatch(/^\S*\/postmortems\/bad-zone\.mdx:\d+: timezone: unknown IANA time zone "Mars\/Olympus"/m);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).toContain('build stopped');
  });
});
