/** `/api/schema/<name>.json`: JSON Schemas of the API's responses and of the runbook and service files, generated from Zod. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { href } from '../../../data/postmortems.ts';
import { absoluteUrl } from '../../../data/directory.ts';
import { API_SCHEMAS, apiJsonSchema, jsonResponse, type ApiSchemaName } from '../../../lib/site/api.ts';

export const getStaticPaths = (() => (Object.keys(API_SCHEMAS) as ApiSchemaName[]).map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const name = params.name as ApiSchemaName;
  return jsonResponse(apiJsonSchema(name, absoluteUrl(href(`/api/schema/${name}.json`), site)));
};
