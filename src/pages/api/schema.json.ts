/** `/api/schema.json`: JSON Schema of the postmortem format (input side), generated from the Zod schema. */
import type { APIRoute } from 'astro';
import { href } from '../../data/postmortems.ts';
import { absoluteUrl } from '../../data/directory.ts';
import { jsonResponse, postmortemJsonSchema } from '../../lib/site/api.ts';

export const GET: APIRoute = ({ site }) => jsonResponse(postmortemJsonSchema(absoluteUrl(href('/api/schema.json'), site)));
