/** `/actions.csv`: the tracker's table for spreadsheets (RFC 4180; cells that a spreadsheet would run as formulas are neutralised). */
import type { APIRoute } from 'astro';
import { href } from '../data/postmortems.ts';
import { absoluteUrl } from '../data/directory.ts';
import { getTracker } from '../data/actions.ts';
import { sortRows, trackerCsv } from '../lib/insights/tracker.ts';

export const GET: APIRoute = async ({ site }) =>
  new Response(trackerCsv(sortRows((await getTracker()).rows, 'status'), (row) => absoluteUrl(href(`/postmortems/${row.postmortem}/#${row.anchor}`), site)), {
    headers: { 'content-type': 'text/csv; charset=utf-8; header=present' },
  });
