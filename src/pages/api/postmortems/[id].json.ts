/** `/api/postmortems/<id>.json`: the full record as validated, plus derived figures, links, anchors and similar incidents. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPostmortems, href, type PostmortemEntry } from '../../../data/postmortems.ts';
import { absoluteUrl } from '../../../data/directory.ts';
import { getSimilar } from '../../../data/similar.ts';
import { jsonResponse, postmortemDetail } from '../../../lib/site/api.ts';
import { repeatOf } from '../../../data/insights.ts';
import { reusablePaths } from '../../../lib/site/page-reuse.ts';

export const getStaticPaths = (async () => {
  const similar = await getSimilar();
  const paths = (await getPostmortems()).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
  // Beyond its props, the record reads its similar incidents and what it repeats.
  const inputs = new Map(await Promise.all(paths.map(async ({ params: { id } }) => [id, [similar.get(id), (await repeatOf(id))?.earlier]] as const)));
  return reusablePaths('api/postmortems/[id].json', paths, { inputs: (p) => inputs.get(p.params.id) });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: PostmortemEntry }> = async ({ props, site }) =>
  jsonResponse(postmortemDetail(props.entry, (await getSimilar()).get(props.entry.id) ?? [], (path) => absoluteUrl(href(path), site), (await repeatOf(props.entry.id))?.earlier));
