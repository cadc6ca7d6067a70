/** Item 1: every URL field accepts http(s) only, and pages link only http(s) (mailto where asked). */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateDataSource, validatePostmortemSource } from '../../src/lib/format/content-files.ts';
import { formatProblem } from '../../src/lib/format/problems.ts';
import { runbookSchema, serviceSchema } from '../../src/lib/format/service-schema.ts';
import { isUrlReference, linkHref, urlScheme } from '../../src/lib/format/urls.ts';

const HOSTILE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '  javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD4=',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'https://exa mple.com/',
];

const postmortem = (extra: Record<string, unknown>) => `---\n${stringify({
  title: 'T', summary: 'S', severity: 'SEV3', services: ['api'], started: '2024-01-01T10:00:00Z', resolved: '2024-01-01T11:00:00Z',
  impact: { summary: 'I' }, cause: { category: 'config', summary: 'C' }, resolution: 'R',
  timeline: [{ at: '2024-01-01T10:00:00Z', event: 'E' }],
  ...extra,
})}---\n`;
const FILE = 'content/postmortems/x.mdx';
const postmortemProblems = (extra: Record<string, unknown>) => validatePostmortemSource(FILE, postmortem(extra)).problems.map(formatProblem);

describe('URL fields', () => {
  it.each(HOSTILE)('refuse %j with file:line: field:', (url) => {
    expect(postmortemProblems({ sources: [url] })).toEqual([expect.stringMatching(/^content\/postmortems\/x\.mdx:\d+: sources\.0: expected an http\(s\) URL/)]);
    expect(postmortemProblems({ runbooks: [url] })).toEqual([expect.stringMatching(/^content\/postmortems\/x\.mdx:\d+: runbooks\.0: expected (a runbook id or )?an http\(s\) URL/)]);
    expect(postmortemProblems({ actions: [{ title: 'A', ticket: url }] })).toEqual([expect.stringMatching(/^content\/postmortems\/x\.mdx:\d+: actions\.0\.ticket: expected (a ticket key like OPS-42 or )?an http\(s\) URL/)]);
    const runbook = validateDataSource('content/runbooks/r.yaml', stringify({ id: 'r', title: 'R', url }), runbookSchema, 'r');
    expect(runbook.problems.map(formatProblem)).toEqual([expect.stringMatching(/^content\/runbooks\/r\.yaml:\d+: url: expected an http\(s\) URL/)]);
    const service = validateDataSource('content/services/s.yaml', stringify({ id: 's', name: 'S', owner: 'O', runbooks: [url] }), serviceSchema, 's');
    expect(service.problems.map(formatProblem)).toEqual([expect.stringMatching(/^content\/services\/s\.yaml:\d+: runbooks\.0: expected (a runbook id or )?an http\(s\) URL/)]);
  });

  it('refuse a URL a browser would have to clean up first (control characters, tabs, newlines)', () => {
    for (const url of ['\u0001https://example.com/a', 'https://exa\tmple.com/', 'https://example.com/\na']) {
      expect(postmortemProblems({ sources: [url] })).toEqual([expect.stringMatching(/sources\.0: expected an http\(s\) URL, got/)]);
    }
  });

  it('accept http(s) URLs, runbook ids and ticket keys', () => {
    expect(postmortemProblems({
      sources: ['https://status.example.com/incidents/1', 'HTTP://example.com/a?b=c#d'],
      runbooks: ['db-failover', 'https://wiki.example.com/runbooks/db'],
      actions: [{ title: 'A', ticket: 'OPS-42' }, { title: 'B', ticket: 'https://jira.example.com/browse/OPS-43' }],
    })).toEqual([]);
  });
});

describe('linkHref: the one place pages decide whether a URL from content becomes a link', () => {
  it.each(HOSTILE)('gives no link for %j', (url) => expect(linkHref(url)).toBeUndefined());
  it('links http(s), and mailto only where asked', () => {
    expect(linkHref('https://example.com/a')).toBe('https://example.com/a');
    expect(linkHref('HTTP://example.com/')).toBe('HTTP://example.com/');
    expect(linkHref('mailto:oncall@example.com')).toBeUndefined();
    expect(linkHref('mailto:oncall@example.com', { mailto: true })).toBe('mailto:oncall@example.com');
    expect(linkHref(' MailTo:x@example.com', { mailto: true })).toBe(' MailTo:x@example.com');
    expect(linkHref('OPS-42')).toBeUndefined();
    expect(linkHref(undefined)).toBeUndefined();
  });
  it('reads schemes as browsers do', () => {
    expect(urlScheme('\u0000 J\tAVASCRIPT:x')).toBe('javascript');
    expect(urlScheme('/postmortems/x/')).toBeUndefined();
    expect(isUrlReference('db-failover')).toBe(false);
    expect(isUrlReference('https://x.example')).toBe(true);
  });
});
