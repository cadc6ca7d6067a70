/**
 * `/rss.xml`: published postmortems, newest first (by when the incident started). RSS needs
 * absolute links, so a SITE_URL=relative build (no `site`) writes no feed.
 */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getPostmortems, postmortemUrl } from '../data/postmortems.ts';
import { feedItems } from '../lib/site/feed.ts';

export const getStaticPaths = () => (import.meta.env.SITE ? [{ params: { feed: 'rss' } }] : []);

export const GET: APIRoute = async ({ site }) =>
  rss({
    title: 'Hindsight: postmortems',
    description: 'Postmortems of past incidents: what broke, why, how it was fixed and what we changed.',
    // The channel links to the home page, under the base path (items' links already carry it).
    site: new URL(import.meta.env.BASE_URL, site),
    trailingSlash: true,
    items: feedItems(await getPostmortems(), postmortemUrl),
  });
