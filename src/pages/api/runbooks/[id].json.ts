/** `/api/runbooks/<id>.json`: a runbook and the published incidents that cite it, newest first. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { href, type PostmortemEntry } from '../../../data/postmortems.ts';
import { absoluteUrl, runbookPaths, type RunbookEntry } from '../../../data/directory.ts';
import { jsonResponse, runbookDetail } from '../../../lib/site/api.ts';

export const getStaticPaths = runbookPaths satisfies GetStaticPaths;

export const GET: APIRoute<{ runbook: RunbookEntry; incidents: PostmortemEntry[] }> = ({ props, site }) =>
  jsonResponse(runbookDetail(props.runbook, props.incidents, (path) => absoluteUrl(href(path), site)));
