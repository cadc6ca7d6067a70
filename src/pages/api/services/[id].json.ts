/** `/api/services/<id>.json`: a service, its runbooks, figures and the published incidents that affected it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPostmortems, href, type PostmortemEntry } from '../../../data/postmortems.ts';
import { absoluteUrl, getRunbooks, getServices, type ServiceListing } from '../../../data/directory.ts';
import { runbooksForService, serviceIncidents } from '../../../lib/site/backlinks.ts';
import { jsonResponse, serviceDetail } from '../../../lib/site/api.ts';

export const getStaticPaths = (async () => {
  const postmortems = await getPostmortems();
  return (await getServices(postmortems)).map((service) => ({ params: { id: service.id }, props: { service, incidents: serviceIncidents(service.id, postmortems) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ service: ServiceListing; incidents: PostmortemEntry[] }> = async ({ props, site }) => {
  const runbooks = await getRunbooks();
  const { service, incidents } = props;
  return jsonResponse(
    serviceDetail(
      service,
      runbooksForService({ id: service.id, runbooks: service.data?.runbooks }, runbooks.map((r) => r.data)),
      new Map(runbooks.map((r) => [r.id, r.data.title])),
      incidents,
      (path) => absoluteUrl(href(path), site),
    ),
  );
};
