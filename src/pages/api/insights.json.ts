/** `/api/insights.json`: the figures of `/insights/` for every published incident of this build. */
import type { APIRoute } from 'astro';
import { insightsView } from '../../data/insights.ts';
import { insightsJson, jsonResponse } from '../../lib/site/api.ts';

export const GET: APIRoute = async () => jsonResponse(insightsJson((await insightsView({ kind: 'all' })).report));
