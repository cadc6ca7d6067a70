import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { dropSharedFrontMatter, loadContent, takeFrontMatter, validatePostmortemSource } from '../../src/lib/format/content-files.ts';
import { formatProblem } from '../../src/lib/format/problems.ts';
import { validateCorpus } from '../../src/lib/format/corpus.ts';

const FILE = 'content/postmortems/x.mdx';
const base = () => ({
  title: 'Checkout slow',
  summary: 'Slow.',
  severity: 'SEV2',
  services: ['checkout'],
  timezone: 'UTC',
  started: '2024-06-05T14:00:00Z',
  detected: '2024-06-05T14:05:00Z',
  mitigated: '2024-06-05T14:30:00Z',
  resolved: '2024-06-05T15:00:00Z',
  impact: { summary: 'Slow pages.' },
  cause: { category: 'database', summary: 'A full table scan.' },
  resolution: 'Rolled back.',
  timeline: [
    { at: '2024-06-05T14:00:00Z', event: 'Alert', kind: 'detect' },
    { at: '2024-06-05T15:00:00Z', event: 'Fixed', kind: 'resolve' },
  ],
});
type Data = ReturnType<typeof base> & Record<string, unknown>;
const source = (data: Record<string, unknown>) => `---\n${stringify(data)}---\n\nBody.\n`;
const check = (mutate: (d: Data) => void = () => {}) => {
  const data = base() as Data;
  mutate(data);
  return validatePostmortemSource(FILE, source(data));
};
const messages = (mutate: (d: Data) => void) => check(mutate).problems.map(formatProblem);

describe('postmortem schema', () => {
  it('accepts a minimal valid postmortem and fills defaults', () => {
    const { data, problems } = check();
    expect(problems).toEqual([]);
    expect(data?.status).toBe('published');
    expect(data?.visibility).toBe('internal');
    expect(data?.timeline[0]?.kind).toBe('detect');
    expect(data?.started.toISOString()).toBe('2024-06-05T14:00:00.000Z');
  });

  it('accepts the seed postmortem', () => {
    const file = 'content/postmortems/2024-06-05-checkout-db-slowdown.mdx';
    const { problems, data } = validatePostmortemSource(file, readFileSync(file, 'utf8'));
    expect(problems).toEqual([]);
    expect(data?.timeline.filter((e) => e.misleading)).toHaveLength(2);
  });

  it('names file, line and field for a bad severity', () => {
    expect(messages((d) => (d.severity = 'SEV9'))).toEqual([`${FILE}:4: severity: expected SEV1–SEV4, got "SEV9"`]);
  });

  it('reads an action item\'s closed date and rejects one before the incident started', () => {
    const { data, problems } = check((d) => (d.actions = [{ title: 'Add an index', status: 'done', closed: '2024-06-05' }]));
    expect(problems).toEqual([]);
    expect(data?.actions[0]?.closed?.toISOString()).toBe('2024-06-05T00:00:00.000Z');
    expect(messages((d) => (d.actions = [{ title: 'Add an index', status: 'done', closed: '2024-06-04' }]))).toContainEqual(
      expect.stringMatching(/^content\/postmortems\/x\.mdx:\d+: actions\.0\.closed: must not be before the incident started/),
    );
    expect(messages((d) => (d.actions = [{ title: 'Add an index', closed: '2024-13-01' }]))).toContainEqual(
      expect.stringMatching(/actions\.0\.closed: expected a date like 2024-06-30/),
    );
  });

  it('rejects resolved before started', () => {
    expect(messages((d) => (d.resolved = '2024-06-05T13:00:00Z'))).toContainEqual(
      expect.stringMatching(/^content\/postmortems\/x\.mdx:\d+: resolved: must not be before started/),
    );
  });

  it('rejects detected and mitigated outside started..resolved', () => {
    const out = messages((d) => {
      d.detected = '2024-06-05T13:59:00Z';
      d.mitigated = '2024-06-05T16:00:00Z';
    });
    expect(out.some((m) => m.includes(': detected: expected a time between started'))).toBe(true);
    expect(out.some((m) => m.includes(': mitigated: expected a time between started'))).toBe(true);
  });

  it('rejects a timeline out of time order, naming the entry', () => {
    const out = messages((d) => d.timeline.reverse());
    expect(out).toEqual([expect.stringMatching(/: timeline\.1\.at: timeline out of order: "2024-06-05T14:00:00Z" is before the entry above it/)]);
  });

  it('rejects an unknown IANA zone', () => {
    expect(messages((d) => (d.timezone = 'Mars/Olympus'))).toEqual([
      expect.stringMatching(/x\.mdx:\d+: timezone: unknown IANA time zone "Mars\/Olympus"/),
    ]);
  });

  it('reads datetimes without an offset in the postmortem zone', () => {
    const { data } = check((d) => {
      d.timezone = 'Africa/Nairobi';
      d.started = '2024-06-05 17:00';
      d.timeline[0]!.at = '2024-06-05T17:00:00';
    });
    expect(data?.started.toISOString()).toBe('2024-06-05T14:00:00.000Z');
    expect(data?.timeline[0]?.at?.toISOString()).toBe('2024-06-05T14:00:00.000Z');
  });

  it('keeps unquoted YAML timestamps as local times (YAML 1.2, not 1.1)', () => {
    const text = source({ ...base(), timezone: 'Europe/Berlin' }).replace(/'2024-06-05T14:00:00Z'/g, '2024-06-05T16:00:00');
    const { data, problems } = validatePostmortemSource(FILE, text);
    expect(problems).toEqual([]);
    expect(data?.started.toISOString()).toBe('2024-06-05T14:00:00.000Z');
  });

  it('rejects duplicate aliases within a file', () => {
    expect(messages((d) => (d.aliases = ['INC-1', 'INC-1']))).toEqual([expect.stringMatching(/: aliases\.1: duplicate "INC-1"/)]);
  });

  it('reports unknown fields, missing fields and bad nested values all at once', () => {
    const out = messages((d) => {
      (d as Record<string, unknown>).mitgated = 'x';
      delete (d as Record<string, unknown>).resolution;
      d.cause.category = 'aliens';
      d.timeline[1]!.kind = 'party';
    });
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/: mitgated: unknown field/),
        expect.stringMatching(/: resolution: required: expected string/),
        expect.stringMatching(/: cause\.category: expected deploy \| config .* got "aliens"/),
        expect.stringMatching(/: timeline\.1\.kind: expected trigger \| .* got "party"/),
      ]),
    );
    expect(out).toHaveLength(4);
  });

  it('rejects malformed datetimes, percentages and URLs', () => {
    const out = messages((d) => {
      d.started = 'June 5th';
      d.impact = { summary: 'x', usersAffectedPercent: 120 } as never;
      d.sources = ['not a url'];
    });
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/: started: expected an ISO 8601 datetime .* got "June 5th"/),
        expect.stringMatching(/: impact\.usersAffectedPercent: expected a percentage from 0 to 100/),
        expect.stringMatching(/: sources\.0: expected an http\(s\) URL, got "not a url"/),
      ]),
    );
  });

  it('reports YAML syntax errors with their line and files without front matter', () => {
    expect(validatePostmortemSource(FILE, '---\ntitle: [oops\n---\n').problems[0]).toMatchObject({ line: expect.any(Number), message: expect.stringMatching(/^invalid YAML/) });
    expect(validatePostmortemSource(FILE, '# just markdown\n').problems.map(formatProblem)).toEqual([`${FILE}:1: no front matter: the file must start with a --- line, then YAML fields, then ---`]);
  });
});

describe('corpus rules', () => {
  const entry = (id: string, related: string[] = [], aliases: string[] = []) => ({ id, file: `content/postmortems/${id}.mdx`, data: { related, aliases } });
  it('rejects unknown related ids', () => {
    expect(validateCorpus([entry('a', ['b'])]).map(formatProblem)).toEqual([
      'content/postmortems/a.mdx: related.0: unknown postmortem id "b"; expected the file name (without .mdx) of another postmortem',
    ]);
  });
  it('rejects aliases used twice or equal to an id, naming both files', () => {
    const out = validateCorpus([entry('a', [], ['inc-1']), entry('b', [], ['inc-1', 'a'])]).map(formatProblem);
    expect(out).toEqual([
      'content/postmortems/b.mdx: aliases.0: alias "inc-1" is also an alias in content/postmortems/a.mdx',
      'content/postmortems/b.mdx: aliases.1: alias "a" is already the id of content/postmortems/a.mdx',
    ]);
  });
  it('rejects file names that are not ids', () => {
    expect(validateCorpus([entry('Bad Name')])[0]?.message).toMatch(/file name must be an id/);
  });
});

describe('front matter shared between the content check and the content loader', () => {
  const shared = () => (globalThis as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for('hindsight.shared-front-matter')];
  const env = { HINDSIGHT_CONTENT_DIR: 'tests/fixtures/site' };
  const file = 'tests/fixtures/site/postmortems/2023-03-10-berlin-queue-backlog.mdx';

  it('hands each valid file’s parsed front matter to the loader once, then parses anew', () => {
    dropSharedFrontMatter();
    const { postmortems } = loadContent('.', env, { shareFrontMatter: true });
    expect(shared()?.size).toBe(postmortems.length);
    const text = readFileSync(file, 'utf8');
    const first = takeFrontMatter(text);
    expect(shared()?.size).toBe(postmortems.length - 1);
    const again = takeFrontMatter(text);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect((first as { title: string }).title).toBe(postmortems.find((p) => p.file === file)?.data.title);
    // A file edited after the check has other text: parsed from that text, not the check's copy.
    expect((takeFrontMatter(text.replace(/^title: .*$/m, 'title: Edited')) as { title: string }).title).toBe('Edited');
    dropSharedFrontMatter();
    expect(shared()?.size).toBe(0);
  });

  it('keeps nothing unless asked (npm run check, dev)', () => {
    dropSharedFrontMatter();
    loadContent('.', env);
    expect(shared()?.size ?? 0).toBe(0);
  });
});
