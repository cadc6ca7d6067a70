/** `/api/actions.json`: every action item of the published postmortems, as of the build date. */
import type { APIRoute } from 'astro';
import { href } from '../../data/postmortems.ts';
import { absoluteUrl } from '../../data/directory.ts';
import { asOf, getTracker } from '../../data/actions.ts';
import { actionList, jsonResponse } from '../../lib/site/api.ts';
import { sortRows } from '../../lib/insights/tracker.ts';

export const GET: APIRoute = async ({ site }) => jsonResponse(actionList(sortRows((await getTracker()).rows, 'status'), asOf, (path) => absoluteUrl(href(path), site)));
