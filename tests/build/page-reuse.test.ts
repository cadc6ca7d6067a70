/**
 * Page reuse (src/lib/site/page-reuse.ts): a second build in the same checkout after edits of
 * each kind must write exactly what a clean build of the edited content writes, file for file,
 * while copying the pages the edits did not touch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, removeContentStore, runBuildCli } from '../support/build-site.ts';

const work = mkdtempSync(join(tmpdir(), 'hindsight-reuse-'));
const content = join(work, 'content');
const warm = join(work, 'warm');
const env = { HINDSIGHT_DIAGRAMS_CACHE: join(work, 'charts'), SOURCE_DATE_EPOCH: '1790000000' };

/**
 * `npm run build`'s build, as a person runs it: a process of its own each time (builds in one
 * process share Astro's route cache). Returns how many pages it reused and rendered.
 */
async function build(outDir: string, extraEnv: Record<string, string> = {}) {
  const run = await runBuildCli(content, { outDir, env: { ...env, ...extraEnv } });
  expect(run.code, run.stderr).toBe(0);
  const counts = /(\d+) pages reused from the last build, (\d+) rendered/.exec(run.stdout);
  return { reused: Number(counts?.[1] ?? 0), rendered: Number(counts?.[2] ?? 0) };
}

/** Every file under `dir`, relative, sorted. */
const tree = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();

const pm = (id: string) => join(content, 'postmortems', `${id}.mdx`);
const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file} has ${from}`).not.toBe(text);
  writeFileSync(file, changed);
};

const TIMELINE = '2016-03-22-npm-left-pad-unpublish';
const TITLE = '2017-01-31-gitlab-database-deletion';
const SERVICE = 'atlassian-cloud';
let deleted = '';
let first: { reused: number; rendered: number };
let unchanged: { reused: number; rendered: number };
let edited: { reused: number; rendered: number };
let cold: ReturnType<typeof tree>;
const coldDir = join(work, 'cold');

beforeAll(async () => {
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  first = await build(warm);
  // Nothing changed: every reusable page of the second build comes from the first.
  unchanged = await build(warm);

  // A timeline entry (a new chart), a title (shown on other incidents' pages: similar incidents,
  // lists, redirects) and a deleted postmortem that nothing links to.
  edit(pm(TIMELINE), '\ntimeline:\n', '\ntimeline:\n  - at: "2016-03-22T14:30:00-07:00"\n    event: "A note added by the page-reuse test"\n    kind: note\n');
  edit(pm(TITLE), /\ntitle: .*\n/, '\ntitle: "GitLab.com loses six hours of data after an accidental deletion (edited)"\n');
  // A severity (lists by severity, facet and insights pages) and an action's status (the tracker).
  edit(pm(TIMELINE), '\nseverity: SEV3\n', '\nseverity: SEV2\n');
  edit(pm(TITLE), '\n    status: in-progress\n', '\n    status: open\n');
  const ids = readdirSync(join(content, 'postmortems')).map((f) => f.replace(/\.mdx$/, ''));
  const texts = new Map(ids.map((id) => [id, readFileSync(pm(id), 'utf8')]));
  deleted = ids.find((id) => id !== TIMELINE && id !== TITLE && ids.every((other) => other === id || !texts.get(other)!.includes(id)))!;
  expect(deleted).toBeTruthy();
  unlinkSync(pm(deleted));
  edited = await build(warm);
  const clean = await build(coldDir, { HINDSIGHT_PAGE_REUSE: 'off' });
  expect(clean).toEqual({ reused: 0, rendered: 0 });
  cold = tree(coldDir);
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeContentStore(content);
});

describe('page reuse', () => {
  it('reuses every reusable page when nothing changed', () => {
    expect(first.reused).toBe(0);
    expect(first.rendered).toBeGreaterThan(60);
    expect(unchanged).toEqual({ reused: first.rendered, rendered: 0 });
  });

  it('writes exactly the files a clean build writes, with the same bytes', () => {
    expect(tree(warm)).toEqual(cold);
    const differing = cold.filter((file) => !readFileSync(join(warm, file)).equals(readFileSync(join(coldDir, file))));
    expect(differing).toEqual([]);
  });

  it('renders the edited pages again and reuses the others', () => {
    // The edited incidents' pages, JSON and short links, and the pages whose similar incidents
    // changed (a deleted postmortem changes the corpus's term weights, so the scores of some
    // others); nothing of the deleted one.
    expect(edited.rendered).toBeGreaterThanOrEqual(6);
    expect(edited.reused).toBeGreaterThan(first.rendered / 2);
    expect(edited.reused + edited.rendered).toBeLessThan(first.rendered);
    expect(readFileSync(join(warm, 'postmortems', TIMELINE, 'index.html'), 'utf8')).toContain('A note added by the page-reuse test');
    expect(cold.some((f) => f.includes(deleted))).toBe(false);
  });
});

describe('page reuse after a change every page depends on', () => {
  it('renders every page again after a service edit', async () => {
    edit(join(content, 'services', `${SERVICE}.yaml`), /\ndescription: .*\n/, '\ndescription: "Edited by the page-reuse test."\n');
    const again = await build(warm);
    expect(again.reused).toBe(0);
    expect(again.rendered).toBe(edited.reused + edited.rendered);
  }, 120_000);
});
