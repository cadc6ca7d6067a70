/** Similar incidents of every published postmortem, computed once per build and shared by the incident pages and the JSON API. */
import { getPostmortems } from './postmortems.ts';
import { similarIncidents, type SimilarIncident } from '../lib/insights/similarity.ts';

let similar: Promise<Map<string, SimilarIncident[]>> | undefined;
export const getSimilar = () => (similar ??= getPostmortems().then(similarIncidents));
