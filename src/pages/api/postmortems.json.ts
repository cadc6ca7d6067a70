/** `/api/postmortems.json`: every published postmortem, newest first, with its derived figures. */
import type { APIRoute } from 'astro';
import { getPostmortems, href } from '../../data/postmortems.ts';
import { absoluteUrl } from '../../data/directory.ts';
import { jsonResponse, postmortemList } from '../../lib/site/api.ts';

export const GET: APIRoute = async ({ site }) => jsonResponse(postmortemList(await getPostmortems(), (path) => absoluteUrl(href(path), site)));
