/**
 * `npm run check` over tests/fixtures/check: one file per kind of error, each reported once as
 * `path:line: field: message` (the line of the offending key or link), exit 1; `--json` for tools.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/build-site.ts';
import { internalLinks } from '../../src/lib/format/links.ts';

const DIR = 'tests/fixtures/check';
const P = `${DIR}/postmortems`;

function runCheck(...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts/check.ts'), ...args], { cwd: ROOT, env: { ...process.env, HINDSIGHT_CONTENT_DIR: DIR } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const EXPECTED = [
  `${P}/2024-01-02-bad-yaml.mdx:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
  `${P}/2024-01-03-unknown-field.mdx:5: colour: unknown field (check the spelling against the format)`,
  `${P}/2024-01-04-missing-title.mdx:2: title: required: expected string`,
  `${P}/2024-01-05-bad-severity.mdx:4: severity: expected SEV1–SEV4, got "SEV9"`,
  `${P}/2024-01-06-bad-datetime.mdx:7: started: expected an ISO 8601 datetime like 2024-06-05T14:00:00Z, got "yesterday at ten"`,
  `${P}/2024-01-07-resolved-before-started.mdx:8: resolved: must not be before started (2024-01-01T10:00:00Z), got "2024-01-01T09:00:00Z"`,
  `${P}/2024-01-08-out-of-order.mdx:18: timeline.1.at: timeline out of order: "2024-01-01T09:30:00Z" is before the entry above it (timeline.0.at: 2024-01-01T10:00:00Z); entries must be in time order`,
  `${P}/2024-01-09-bad-zone.mdx:6: timezone: unknown IANA time zone "Mars/Olympus"; expected a zone like "UTC" or "Europe/Berlin"`,
  `${P}/no-front-matter.mdx:1: no front matter: the file must start with a --- line, then YAML fields, then ---`,
  `${P}/2024-01-10-unknown-related.mdx:14: related.0: unknown postmortem id "2023-12-31-no-such-incident"; expected the file name (without .mdx) of another postmortem`,
  `${P}/2024-01-11-alias-clash.mdx:14: aliases.0: alias "OLD-1" is also an alias in ${P}/2024-01-01-valid.mdx`,
  `${P}/Bad_File_Name.mdx: file name must be an id of lowercase letters, digits and hyphens (like 2024-06-05-checkout-db-slowdown.mdx), got "Bad_File_Name"`,
  `${P}/2024-01-12-broken-links.mdx:24: body: broken link /postmortems/2023-01-01-gone/: no postmortem with id or alias "2023-01-01-gone"`,
  `${P}/2024-01-12-broken-links.mdx:25: body: broken link /postmortems/also-missing/: no postmortem with id or alias "also-missing"`,
  `${P}/2024-01-12-broken-links.mdx:33: body: broken link /i/NO-SUCH-ALIAS/: no postmortem with id or alias "NO-SUCH-ALIAS"`,
];

describe('npm run check', () => {
  it('prints every problem as path:line: field: message and exits 1', async () => {
    const { code, stdout, stderr } = await runCheck();
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(EXPECTED);
    expect(stdout.trim()).toBe(`checked 14 postmortems, 0 runbooks, 0 services: ${EXPECTED.length} problems`);
  });

  it('--json gives the same problems as data', async () => {
    const { code, stdout } = await runCheck('--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { files: number; fileCounts: Record<string, number>; problems: { file: string; line?: number; field: string; message: string }[] };
    expect(report.files).toBe(14);
    expect(report.fileCounts).toEqual({ postmortems: 14, runbooks: 0, services: 0 });
    expect(report.problems).toHaveLength(EXPECTED.length);
    expect(report.problems).toContainEqual({ file: `${P}/2024-01-12-broken-links.mdx`, line: 33, field: 'body', message: 'broken link /i/NO-SUCH-ALIAS/: no postmortem with id or alias "NO-SUCH-ALIAS"' });
    expect(report.problems).toContainEqual({ file: `${P}/2024-01-05-bad-severity.mdx`, line: 4, field: 'severity', message: 'expected SEV1–SEV4, got "SEV9"' });
  });
});

describe('internal links', () => {
  it('finds Markdown links, reference definitions and href attributes, not code', () => {
    const body = 'See [a](/postmortems/x/) and [b](/i/INC-1/#timeline "t").\n<a href="/services/api/">api</a> `[c](/postmortems/y/)`\n```\n[d](/postmortems/z/)\n```\n[ref]: /runbooks/restart/\n[ext](https://example.com/postmortems/w/)';
    expect(internalLinks(body, 10).map((l) => `${l.line} ${l.section} ${l.target}`)).toEqual(['10 postmortems x', '10 i INC-1', '11 services api', '15 runbooks restart']);
  });
});
