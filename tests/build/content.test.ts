/** The real content folder builds, and no postmortem is dropped on the way. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPostmortems } from '../../src/lib/format/content-files.ts';
import { isListed } from '../../src/lib/site/listing.ts';
import { buildSite, idsIn, ROOT } from '../support/build-site.ts';

const { entries, problems, fileCount } = loadPostmortems(ROOT);
const published = entries.filter((e) => isListed(e.data, { includeDrafts: false, publicOnly: false }));
let site: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  site = await buildSite('content');
});

describe('the content folder', () => {
  it('is valid, and holds the seed plus at least 15 more postmortems', () => {
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(fileCount);
    expect(entries.map((e) => e.id)).toContain('2024-06-05-checkout-db-slowdown');
    expect(fileCount).toBeGreaterThanOrEqual(16);
  });

  it('covers every severity and most cause categories', () => {
    expect(new Set(entries.map((e) => e.data.severity))).toEqual(new Set(['SEV1', 'SEV2', 'SEV3', 'SEV4']));
    expect(new Set(entries.map((e) => e.data.cause.category)).size).toBeGreaterThanOrEqual(7);
  });

  it('builds a page with the fixed anchors for every published postmortem, and lists them all', () => {
    const list = site.read('postmortems/index.html');
    for (const { id } of published) {
      const ids = idsIn(site.read(`postmortems/${id}/index.html`));
      for (const anchor of ['summary', 'impact', 'timeline', 'root-cause', 'resolution', 'actions', 'lessons']) expect(ids.has(anchor), `${id}#${anchor}`).toBe(true);
      expect(list).toContain(`href="/postmortems/${id}/"`);
    }
    expect(list.match(/class="font-medium"/g)).toHaveLength(published.length);
  });

  it('shows every timeline entry of every postmortem', () => {
    for (const { id, data } of published) {
      const html = site.read(`postmortems/${id}/index.html`);
      const table = html.slice(html.indexOf('id="timeline"'), html.indexOf('id="root-cause"'));
      expect(table.match(/<tr\b/g)?.length, id).toBe(data.timeline.length + 1);
    }
  });
});
