/** What a build publishes (publication.ts) and the headers it ships (headers.ts), as pure functions. */
import { describe, expect, it } from 'vitest';
import { publishedDirectory, publishedRunbook, publishedService, publishedVersion } from '../../src/lib/site/publication.ts';
import { contentSecurityPolicy, embedFrameAncestors, headersFile } from '../../src/lib/site/headers.ts';
import { inlineScriptHashes } from '../../src/lib/site/inline-scripts.ts';
import { loadContent, validateDataSource } from '../../src/lib/format/content-files.ts';
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runbookSchema } from '../../src/lib/format/service-schema.ts';
import { formatProblem } from '../../src/lib/format/problems.ts';
import type { Postmortem } from '../../src/lib/format/schema.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/build-site.ts';

const pm = {
  title: 'internal title',
  summary: 'internal summary',
  impact: { summary: 'internal impact', usersAffectedPercent: 5 },
  cause: { category: 'deploy', summary: 'internal cause', factors: ['f'] },
  resolution: 'internal resolution',
  related: ['a', 'b'],
  public: { title: 'public title', cause: { summary: 'public cause' } },
} as unknown as Postmortem;

describe('the published version of a postmortem', () => {
  it('applies the public: overrides in public builds only, and drops the block', () => {
    const published = publishedVersion(pm, new Set(['a']), { publicOnly: true });
    expect(published).toMatchObject({ title: 'public title', summary: 'internal summary', cause: { category: 'deploy', summary: 'public cause', factors: ['f'] }, impact: { summary: 'internal impact', usersAffectedPercent: 5 }, resolution: 'internal resolution' });
    expect(published).not.toHaveProperty('public');
    const internal = publishedVersion(pm, new Set(['a']), { publicOnly: false });
    expect(internal.title).toBe('internal title');
    expect(internal.public).toEqual(pm.public);
  });

  it('keeps only related ids the build publishes', () => {
    expect(publishedVersion(pm, new Set(['b']), { publicOnly: false }).related).toEqual(['b']);
    expect(publishedVersion(pm, new Set(), { publicOnly: true }).related).toEqual([]);
  });
});

describe('published runbooks and services', () => {
  const runbooks = [
    { id: 'named', data: { id: 'named', url: 'https://wiki/named', visibility: 'internal' as const } },
    { id: 'by-url', data: { id: 'by-url', url: 'https://wiki/by-url', visibility: 'internal' as const } },
    { id: 'public', data: { id: 'public', url: 'https://wiki/public', visibility: 'public' as const } },
    { id: 'hidden', data: { id: 'hidden', url: 'https://wiki/hidden', visibility: 'internal' as const } },
  ];
  const services = [
    { id: 'web', data: { visibility: 'internal' as const } },
    { id: 'status', data: { visibility: 'public' as const } },
    { id: 'billing', data: { visibility: 'internal' as const } },
  ];
  const listed = [{ services: ['web'], runbooks: ['named', 'https://wiki/by-url/'] }];

  it('are, in public builds, those published postmortems name (by id or URL) and those marked public', () => {
    const d = publishedDirectory(listed, runbooks, services, { publicOnly: true });
    expect([...d.runbooks].sort()).toEqual(['by-url', 'named', 'public']);
    expect([...d.services].sort()).toEqual(['status', 'web']);
  });

  it('are all of them in internal builds', () => {
    const d = publishedDirectory([], runbooks, services, { publicOnly: false });
    expect(d.runbooks.size).toBe(4);
    expect(d.services.size).toBe(3);
  });

  it('reference only published ones (URLs of runbooks kept elsewhere stay)', () => {
    expect(publishedRunbook({ services: ['web', 'billing'] }, new Set(['web'])).services).toEqual(['web']);
    expect(publishedService({ runbooks: ['named', 'hidden', 'https://wiki/x'] }, new Set(['named'])).runbooks).toEqual(['named', 'https://wiki/x']);
  });

  it('have a visibility that defaults to internal and accepts internal | public only', () => {
    expect(validateDataSource('content/runbooks/x.yaml', 'id: x\ntitle: X\nurl: https://wiki/x\n', runbookSchema, 'x').data?.visibility).toBe('internal');
    const bad = validateDataSource('content/runbooks/x.yaml', 'id: x\ntitle: X\nurl: https://wiki/x\nvisibility: secret\n', runbookSchema, 'x');
    expect(bad.problems.map(formatProblem)).toEqual(['content/runbooks/x.yaml:4: visibility: expected internal | public, got "secret"']);
  });
});

describe('security headers', () => {
  const options = { scriptHashes: inlineScriptHashes(), embedOrigins: ['https://wiki.example.com'] };

  it('allow scripts from the site and the hashed inline scripts only, and Pagefind’s WebAssembly', () => {
    const csp = contentSecurityPolicy(options);
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(scriptSrc.split(' ').slice(1)).toEqual(["'self'", "'wasm-unsafe-eval'", ...options.scriptHashes]);
    expect(options.scriptHashes).toHaveLength(2);
    for (const hash of options.scriptHashes) expect(hash).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('let only the embeds be framed, by the site and settings.embedOrigins, under the base path', () => {
    const file = headersFile(options, '/docs/');
    const [all, embeds] = file.split('\n\n');
    expect(all).toContain('/docs/*\n');
    expect(all).toContain("frame-ancestors 'none'");
    expect(all).toContain('X-Content-Type-Options: nosniff');
    expect(all).toContain('Referrer-Policy: same-origin');
    expect(embeds).toContain('/docs/runbooks/:id/embed/\n  ! Content-Security-Policy\n  Content-Security-Policy: ');
    expect(embeds).toContain("frame-ancestors 'self' https://wiki.example.com");
  });

  it('are documented in the README for nginx and CloudFront as the build writes them', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const nginx = [...readme.matchAll(/add_header Content-Security-Policy "([^"]+)" always;/g)].map((m) => m[1]);
    expect(nginx).toEqual([contentSecurityPolicy(options), contentSecurityPolicy(options, embedFrameAncestors(options.embedOrigins))]);
    expect(readme).toContain(`"ContentSecurityPolicy": "${contentSecurityPolicy(options)}"`);
  });
});

describe('<Internal> in a plain Markdown file', () => {
  it('is an error: there it is raw HTML that public builds would publish', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-internal-md-'));
    try {
      cpSync(join(ROOT, 'tests/fixtures/public'), dir, { recursive: true });
      const mdx = join(dir, 'postmortems/2024-02-01-search-latency.mdx');
      renameSync(mdx, mdx.replace(/\.mdx$/, '.md'));
      const problems = loadContent('/', { HINDSIGHT_CONTENT_DIR: dir }).problems.map(formatProblem);
      const file = `${dir.slice(1)}/postmortems/2024-02-01-search-latency.md`;
      const lines = readFileSync(mdx.replace(/\.mdx$/, '.md'), 'utf8').split('\n');
      const at = lines.findIndex((l) => l.startsWith('<Internal>')) + 1;
      expect(problems).toContain(`${file}:${at}: body: <Internal> works in .mdx files only (in .md it is plain HTML, published by public builds): rename the file to .mdx`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
