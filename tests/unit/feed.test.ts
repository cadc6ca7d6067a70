/** Item 3: feed text fields are text. Parsed as XML, a description is HTML that shows the summary as written. */
import { describe, expect, it } from 'vitest';
import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';
import { feedItems } from '../../src/lib/site/feed.ts';
import type { Postmortem } from '../../src/lib/format/schema.ts';

const HOSTILE = `Checkout <script>alert("x")</script> & <b>bold</b> {x} &amp; 'quoted' <img src=x onerror=alert(1)>`;
const data = {
  title: `Title with <i>tags</i> & ampersands`,
  summary: HOSTILE,
  severity: 'SEV2',
  started: new Date('2024-06-05T14:00:00Z'),
  cause: { category: 'database' },
  services: ['checkout'],
} as unknown as Postmortem;

async function parsedFeed() {
  const xml = await getRssString({ title: 'T', description: 'D', site: 'https://example.com', items: feedItems([{ id: 'x', data }], (id) => `/postmortems/${id}/`) });
  const feed = new XMLParser({ processEntities: true, htmlEntities: false }).parse(xml) as { rss: { channel: { item: Record<string, unknown> } } };
  return feed.rss.channel.item;
}

/** What a feed reader shows for an HTML description: the text of the parsed HTML. */
const shownText = (html: string) => {
  const text = (node: { type: string; value?: string; children?: unknown[] }): string =>
    node.type === 'text' ? node.value! : (node.children ?? []).map((c) => text(c as typeof node)).join('');
  return text(fromHtml(html, { fragment: true }));
};

describe('RSS feed', () => {
  it('gives descriptions that a reader shows as the literal summary text', async () => {
    const item = await parsedFeed();
    const description = String(item.description);
    // HTML without any element: a reader renders no <script>, <b> or <img>.
    expect(description).not.toMatch(/<[a-z]/i);
    expect(shownText(description)).toBe(HOSTILE);
  });

  it('escapes titles once, as plain text', async () => {
    const item = await parsedFeed();
    expect(item.title).toBe('[SEV2] Title with <i>tags</i> & ampersands');
    expect(item.category).toContain('Database');
  });
});
