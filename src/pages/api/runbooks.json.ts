/** `/api/runbooks.json`: every runbook, with how many published incidents cite it. */
import type { APIRoute } from 'astro';
import { getPostmortems, href } from '../../data/postmortems.ts';
import { absoluteUrl, getRunbooks } from '../../data/directory.ts';
import { citingIncidents } from '../../lib/site/backlinks.ts';
import { jsonResponse } from '../../lib/site/api.ts';

export const GET: APIRoute = async ({ site }) => {
  const postmortems = await getPostmortems();
  const runbooks = (await getRunbooks()).map(({ id, data }) => ({
    id,
    url: absoluteUrl(href(`/runbooks/${id}/`), site),
    title: data.title,
    runbookUrl: data.url,
    services: data.services,
    incidentCount: citingIncidents(data, postmortems).length,
  }));
  return jsonResponse({ count: runbooks.length, runbooks });
};
