/** `/api/runbooks/<id>.json`: a runbook and the published incidents that cite it, newest first. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPostmortems, href, type PostmortemEntry } from '../../../data/postmortems.ts';
import { absoluteUrl, getRunbooks, type RunbookEntry } from '../../../data/directory.ts';
import { citingIncidents } from '../../../lib/backlinks.ts';
import { jsonResponse, runbookDetail } from '../../../lib/api.ts';

export const getStaticPaths = (async () => {
  const postmortems = await getPostmortems();
  return (await getRunbooks()).map((runbook) => ({ params: { id: runbook.id }, props: { runbook, incidents: citingIncidents(runbook.data, postmortems) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ runbook: RunbookEntry; incidents: PostmortemEntry[] }> = ({ props, site }) =>
  jsonResponse(runbookDetail(props.runbook, props.incidents, (path) => absoluteUrl(href(path), site)));
