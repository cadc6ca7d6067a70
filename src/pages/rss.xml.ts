/** `/rss.xml`: published postmortems, newest first (by when the incident started). */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getPostmortems, postmortemUrl } from '../data/postmortems.ts';
import { feedItems } from '../lib/site/feed.ts';

export const GET: APIRoute = async ({ site }) =>
  rss({
    title: 'Hindsight: postmortems',
    description: 'Postmortems of past incidents: what broke, why, how it was fixed and what we changed.',
    site: site ?? 'http://localhost:4321',
    trailingSlash: true,
    items: feedItems(await getPostmortems(), postmortemUrl),
  });
