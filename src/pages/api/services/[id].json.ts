/** `/api/services/<id>.json`: a service, its runbooks, figures and the published incidents that affected it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPostmortems, href, type PostmortemEntry } from '../../../data/postmortems.ts';
import { absoluteUrl, directoryDigest, getRunbooks, getServices, type ServiceListing } from '../../../data/directory.ts';
import { reusablePaths } from '../../../lib/site/page-reuse.ts';
import { runbooksForService, serviceIncidents } from '../../../lib/site/backlinks.ts';
import { jsonResponse, serviceDetail } from '../../../lib/site/api.ts';

export const getStaticPaths = (async () => {
  const postmortems = await getPostmortems();
  const paths = (await getServices(postmortems)).map((service) => ({ params: { id: service.id }, props: { service, incidents: serviceIncidents(service.id, postmortems) } }));
  // Beyond its props, the record reads the runbooks.
  const directory = await directoryDigest();
  return reusablePaths('api/services/[id].json', paths, { inputs: () => directory });
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
