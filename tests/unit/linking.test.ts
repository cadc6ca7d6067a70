import { describe, expect, it } from 'vitest';
import { permalinkRedirects, redirectsFile } from '../../src/lib/site/permalinks.ts';
import { escapeXml, sitemapPaths, sitemapXml } from '../../src/lib/site/sitemap.ts';
import { citesRunbook, incidentStats, normalizeUrl, runbooksForService } from '../../src/lib/site/backlinks.ts';
import { postmortemJsonSchema, recordJson } from '../../src/lib/site/api.ts';
import { postmortemSchema } from '../../src/lib/format/schema.ts';

const entries = [
  { id: 'a', data: { aliases: ['INC-1', 'old-a'] } },
  { id: 'b', data: { aliases: [] } },
];

describe('permanent links', () => {
  it('redirect /i/<id>/ and every alias under /postmortems/ and /i/, with the base path', () => {
    expect(permalinkRedirects(entries, '/kb/')).toEqual([
      { from: '/kb/i/a/', to: '/kb/postmortems/a/', id: 'a' },
      { from: '/kb/postmortems/INC-1/', to: '/kb/postmortems/a/', id: 'a' },
      { from: '/kb/i/INC-1/', to: '/kb/postmortems/a/', id: 'a' },
      { from: '/kb/postmortems/old-a/', to: '/kb/postmortems/a/', id: 'a' },
      { from: '/kb/i/old-a/', to: '/kb/postmortems/a/', id: 'a' },
      { from: '/kb/i/b/', to: '/kb/postmortems/b/', id: 'b' },
    ]);
  });

  it('write _redirects with aliases first (with and without slash) and one placeholder rule for ids', () => {
    const lines = redirectsFile(permalinkRedirects(entries)).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      '/postmortems/INC-1/ /postmortems/a/ 301',
      '/postmortems/INC-1 /postmortems/a/ 301',
      '/i/INC-1/ /postmortems/a/ 301',
      '/i/INC-1 /postmortems/a/ 301',
      '/postmortems/old-a/ /postmortems/a/ 301',
      '/postmortems/old-a /postmortems/a/ 301',
      '/i/old-a/ /postmortems/a/ 301',
      '/i/old-a /postmortems/a/ 301',
      '/i/:id/ /postmortems/:id/ 301',
      '/i/:id /postmortems/:id/ 301',
    ]);
  });
});

describe('sitemap', () => {
  it('keeps HTML pages, drops redirects, short links, embeds, the 404 page and files', () => {
    const pages = ['', 'postmortems/a/', 'postmortems/INC-1/', 'i/a/', 'runbooks/r/embed/', 'runbooks/r/', '404', 'api/postmortems.json', 'rss.xml'];
    expect(sitemapPaths(pages, new Set(['/postmortems/INC-1/', '/i/a/']))).toEqual(['/', '/postmortems/a/', '/runbooks/r/']);
  });

  it('escapes URLs and resolves them on the site', () => {
    expect(escapeXml(`a&b<"'>`)).toBe('a&amp;b&lt;&quot;&apos;&gt;');
    expect(sitemapXml('https://x.example/kb/', ['/', '/a&b/'])).toContain('<loc>https://x.example/kb/a&amp;b/</loc>');
  });
});

describe('backlinks', () => {
  it('match a runbook cited by id or by its URL, loosely', () => {
    const runbook = { id: 'db', url: 'https://Runbooks.example.com/db/' };
    expect(citesRunbook({ runbooks: ['db'] }, runbook)).toBe(true);
    expect(citesRunbook({ runbooks: ['https://runbooks.example.com/db#step-2'] }, runbook)).toBe(true);
    expect(citesRunbook({ runbooks: ['https://runbooks.example.com/dbx'] }, runbook)).toBe(false);
    expect(citesRunbook({ runbooks: ['dbx'] }, runbook)).toBe(false);
    expect(normalizeUrl('not a url ')).toBe('not a url');
  });

  it('give a service its own runbooks, then the ones that name it', () => {
    expect(runbooksForService({ id: 's', runbooks: ['a', 'https://wiki/x'] }, [{ id: 'b', services: ['s'] }, { id: 'a', services: ['s'] }, { id: 'c', services: [] }])).toEqual(['a', 'https://wiki/x', 'b']);
  });
});

const pm = () =>
  postmortemSchema.parse({
    title: 'T',
    summary: 'S',
    severity: 'SEV2',
    services: ['checkout'],
    timezone: 'Europe/Berlin',
    started: '2023-03-10 22:30',
    detected: '2023-03-10T22:40:00Z',
    resolved: '2023-03-11 01:00',
    impact: { summary: 'I' },
    cause: { category: 'capacity', summary: 'C' },
    resolution: 'R',
    timeline: [{ at: '2023-03-10 22:30', event: 'Start', until: '2023-03-10 23:00' }, { event: 'Untimed' }],
    actions: [{ title: 'Fix', due: '2023-04-01', status: 'in-progress' }, { title: 'Done', status: 'done' }],
  });

describe('API records', () => {
  it('are in input form and read back to the same data', () => {
    const data = pm();
    const record = recordJson(data);
    expect(record.started).toBe('2023-03-10T22:30:00+01:00');
    expect(record.detected).toBe('2023-03-10T23:40:00+01:00');
    expect(record.actions?.[0]?.due).toBe('2023-04-01');
    expect(postmortemSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(data);
  });

  it('have a JSON Schema generated from the Zod schema, input side', () => {
    const schema = postmortemJsonSchema('https://x.example/api/schema.json') as { $id: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.$id).toBe('https://x.example/api/schema.json');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['title', 'aliases', 'runbooks', 'timeline', 'actions']));
    expect(schema.required).not.toContain('timezone');
  });
});

describe('incident stats', () => {
  it('count by severity and cause and summarise times', () => {
    const a = { id: 'a', data: pm() };
    const b = { id: 'b', data: { ...pm(), severity: 'SEV1' as const, detected: undefined } };
    const stats = incidentStats([a, b]);
    expect(stats.bySeverity).toEqual({ SEV1: 1, SEV2: 1, SEV3: 0, SEV4: 0 });
    expect(stats.byCause).toEqual([{ category: 'capacity', count: 2 }]);
    expect(stats.timeToResolveMinutes).toEqual({ median: 150, max: 150, total: 300 });
    expect(stats.timeToDetectMinutes.median).toBe(70);
    expect(stats.openActions).toBe(2);
    expect(incidentStats([]).timeToResolveMinutes.median).toBeUndefined();
  });
});
