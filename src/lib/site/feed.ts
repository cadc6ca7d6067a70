/**
 * The RSS feed's items. RSS readers treat `<description>` as HTML, so the summary (plain text
 * from content) is HTML-escaped before the feed's XML builder escapes it again for XML: a reader
 * shows `<script>` in a summary as those characters. Titles and categories are plain text in
 * RSS and are escaped once, by the XML builder.
 */
import type { RSSFeedItem } from '@astrojs/rss';
import type { Postmortem } from '../format/schema.ts';
import { CAUSE_LABELS } from '../format/labels.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML that shows exactly that text. */
export const htmlText = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

export function feedItems(entries: { id: string; data: Postmortem }[], urlOf: (id: string) => string): RSSFeedItem[] {
  return entries.map(({ id, data }) => ({
    title: `[${data.severity}] ${data.title}`,
    link: urlOf(id),
    pubDate: data.started,
    description: htmlText(data.summary),
    categories: [data.severity, CAUSE_LABELS[data.cause.category], ...data.services],
  }));
}
