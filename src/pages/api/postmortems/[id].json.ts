/** `/api/postmortems/<id>.json`: the full record as validated, plus derived figures, links, anchors and similar incidents. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPostmortems, href, type PostmortemEntry } from '../../../data/postmortems.ts';
import { absoluteUrl } from '../../../data/directory.ts';
import { getSimilar } from '../../../data/similar.ts';
import { jsonResponse, postmortemDetail } from '../../../lib/site/api.ts';

export const getStaticPaths = (async () => (await getPostmortems()).map((entry) => ({ params: { id: entry.id }, props: { entry } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: PostmortemEntry }> = async ({ props, site }) =>
  jsonResponse(postmortemDetail(props.entry, (await getSimilar()).get(props.entry.id) ?? [], (path) => absoluteUrl(href(path), site)));
