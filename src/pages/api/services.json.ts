/** `/api/services.json`: every service, with its owner and how many published incidents affected it. */
import type { APIRoute } from 'astro';
import { getPostmortems, href } from '../../data/postmortems.ts';
import { absoluteUrl, getServices } from '../../data/directory.ts';
import { serviceIncidents } from '../../lib/site/backlinks.ts';
import { jsonResponse } from '../../lib/site/api.ts';

export const GET: APIRoute = async ({ site }) => {
  const postmortems = await getPostmortems();
  const services = (await getServices(postmortems)).map(({ id, data }) => ({
    id,
    url: absoluteUrl(href(`/services/${id}/`), site),
    name: data?.name ?? null,
    owner: data?.owner ?? null,
    incidentCount: serviceIncidents(id, postmortems).length,
  }));
  return jsonResponse({ count: services.length, services });
};
