/** A build over content with an unknown service, unknown runbook or colliding alias stops with the expected message. */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runBuildCli as runBuild } from '../support/build-site.ts';

/** A copy of the fixture content with `edits` applied (file path relative to the content folder → new text). */
function fixtureWith(edits: Record<string, (text: string) => string>) {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-invalid-links-'));
  cpSync(join(ROOT, 'tests/fixtures/site'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, file).not.toBe(before);
    writeFileSync(path, after);
  }
  return dir;
}

describe('a build over content with broken links between files', () => {
  it('fails on an unknown service, suggesting the closest known id', async () => {
    const dir = fixtureWith({
      'postmortems/2023-03-10-berlin-queue-backlog.mdx': (t) => t.replace('services: [orders, order-queue]', 'services: [orders, order-qeue]'),
      'runbooks/cdn-purge.yaml': (t) => t.replace('services: [storefront]', 'services: [store-front]'),
    });
    const { code, stdout, stderr } = await runBuild(dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\S*\/postmortems\/2023-03-10-berlin-queue-backlog\.mdx:5: services\.1: unknown service "order-qeue"; did you mean "order-queue"\? \(known services are the files in \S*\/services\/\)$/m);
    expect(stderr).toMatch(/^\S*\/runbooks\/cdn-purge\.yaml:4: services\.0: unknown service "store-front"; did you mean "storefront"\?/m);
    expect(stderr).toContain('2 content problems: build stopped.');
    expect(stdout + stderr).not.toMatch(/^\s+at /m);
  });

  it('fails on an alias that collides with another file\'s alias or id, naming both files', async () => {
    const dir = fixtureWith({
      'postmortems/2021-11-02-review-dns.mdx': (t) => t.replace('tags: [dns, timeouts]', 'tags: [dns, timeouts]\naliases: [inc-4711, 2024-06-05-checkout-db-slowdown, by-severity]'),
      'postmortems/2023-03-10-berlin-queue-backlog.mdx': (t) => t.replace('runbooks: [queue-backlog, deploy-rollback]', 'runbooks: [queue-backlog, deploy-rolback]'),
    });
    const { code, stderr } = await runBuild(dir);
    expect(code).toBe(1);
    const file = (name: string) => `\\S*\\/postmortems\\/${name.replaceAll('.', '\\.')}`;
    // Files are checked in name order, so the later file's alias is the one reported.
    expect(stderr).toMatch(new RegExp(`^${file('2023-03-10-berlin-queue-backlog.mdx')}:13: aliases\\.0: alias "INC-4711" is also an alias in ${file('2021-11-02-review-dns.mdx')} \\(as "inc-4711"; aliases differing only in case collide\\)$`, 'm'));
    expect(stderr).toMatch(new RegExp(`^${file('2021-11-02-review-dns.mdx')}:\\d+: aliases\\.1: alias "2024-06-05-checkout-db-slowdown" is already the id of ${file('2024-06-05-checkout-db-slowdown.mdx')}$`, 'm'));
    expect(stderr).toMatch(/review-dns\.mdx:\d+: aliases\.2: alias "by-severity" is reserved: \/postmortems\/by-severity\/ is a list page/m);
    expect(stderr).toMatch(/berlin-queue-backlog\.mdx:\d+: runbooks\.1: unknown runbook "deploy-rolback"; did you mean "deploy-rollback"\?/m);
    expect(stderr).toContain('4 content problems: build stopped.');
  });
});
