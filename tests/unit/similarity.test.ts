/** Similar incidents: a small corpus with known neighbours, the threshold, hand-written entries, and the demo corpus without `related`. */
import { describe, expect, it } from 'vitest';
import { SIMILARITY, similarIncidents, tokenize, type SimilarityInput } from '../../src/lib/insights/similarity.ts';
import { loadPostmortems } from '../../src/lib/format/content-files.ts';
import { ROOT } from '../support/build-site.ts';

const incident = (id: string, category: SimilarityInput['data']['cause']['category'], services: string[], summary: string, extra: Partial<SimilarityInput['data']> = {}): SimilarityInput => ({
  id,
  data: { cause: { category, summary, factors: [] }, resolution: 'Rolled back.', tags: [], services, related: [], ...extra },
});

const CORPUS = [
  incident('regex-api', 'software-bug', ['api'], 'A regular expression with catastrophic backtracking pinned CPU on the API gateway.', { tags: ['regex', 'cpu-exhaustion'] }),
  incident('regex-search', 'software-bug', ['search'], 'A user regex backtracked catastrophically and exhausted CPU on the search nodes.', { tags: ['regex'] }),
  incident('cert-billing', 'process', ['billing'], 'The TLS certificate of the billing endpoint expired; nobody renewed it.', { tags: ['certificate-expiry'] }),
  incident('cert-login', 'process', ['login'], 'An expired TLS certificate on the login service broke every handshake until it was renewed.'),
  incident('db-index', 'database', ['checkout-db'], 'A query without an index did a full table scan on the orders table.'),
  incident('db-vacuum', 'database', ['checkout-db'], 'Autovacuum fell behind and table bloat made every query on orders slow.'),
  incident('lightning', 'hardware', ['warehouse'], 'Lightning cut mains power to the warehouse; the generator did not start.'),
];

describe('tokens', () => {
  it('are stemmed words without stop words or bare numbers', () => {
    expect(tokenize('The certificates EXPIRED on 2024-06-05 and backtracking regexes').map((t) => t.stem)).toEqual(['certif', 'expir', 'backtrack', 'regex']);
  });
});

describe('similar incidents', () => {
  const similar = similarIncidents(CORPUS);
  const top = (id: string) => similar.get(id)!.map((s) => s.id);

  it('finds the known neighbour first, in both directions', () => {
    for (const [a, b] of [['regex-api', 'regex-search'], ['cert-billing', 'cert-login'], ['db-index', 'db-vacuum']]) {
      expect(top(a!)[0], a).toBe(b);
      expect(top(b!)[0], b).toBe(a);
    }
  });

  it('says why: same cause, shared services, shared words', () => {
    const [first] = similar.get('db-index')!;
    expect(first!.reasons).toEqual(expect.arrayContaining(['same cause: Database', 'shared service: checkout-db']));
    expect(similar.get('regex-api')![0]!.reasons.join(' · ')).toMatch(/both mention '(regex|backtracking|cpu|catastrophic)/);
  });

  it('keeps a lone incident\'s list empty: no match clears the threshold', () => {
    expect(similar.get('lightning')).toEqual([]);
    for (const list of similar.values()) for (const s of list) expect(s.score).toBeGreaterThanOrEqual(SIMILARITY.threshold);
  });

  it('puts hand-written related incidents first, marked, whatever their score, then computed ones', () => {
    const withRelated = CORPUS.map((c) => (c.id === 'regex-api' ? { ...c, data: { ...c.data, related: ['lightning', 'not-published'] } } : c));
    const list = similarIncidents(withRelated).get('regex-api')!;
    expect(list.map((s) => [s.id, s.handWritten])).toEqual([['lightning', true], ['regex-search', false]]);
  });

  it('shows at most five, best first', () => {
    const many = Array.from({ length: 9 }, (_, i) => incident(`regex-${i}`, 'software-bug', ['api'], `Regex ${i} backtracking pinned CPU on the API gateway.`, { tags: ['regex'] }));
    const list = similarIncidents([...many, ...CORPUS]).get('regex-0')!;
    expect(list).toHaveLength(SIMILARITY.maxShown);
    expect([...list].sort((a, b) => b.score - a.score)).toEqual(list);
  });
});

/**
 * The demo corpus with every `related` removed: incidents that share a failure mechanism find each
 * other in their top 3, both ways (read off the lists; see the README for the lists).
 */
describe('demo corpus without related', () => {
  const { entries, problems } = loadPostmortems(ROOT);
  const similar = similarIncidents(entries.map((e) => ({ id: e.id, data: { ...e.data, related: [] } })));
  const PAIRS = [
    // Regular expressions that backtrack until CPU runs out.
    ['2016-07-20-stack-exchange-regex-outage', '2019-07-02-cloudflare-regex-cpu-exhaustion'],
    // Certificates: one expired, one issued without the required CAA recheck and revoked.
    ['2013-02-22-azure-storage-certificate-expiry', '2020-02-29-letsencrypt-caa-rechecking-bug'],
    // BGP and the network control plane taken down by maintenance work.
    ['2021-10-04-facebook-bgp-withdrawal', '2019-06-02-google-cloud-network-congestion'],
    // Production data deleted by a person or a script during routine work.
    ['2017-01-31-gitlab-database-deletion', '2022-04-05-atlassian-site-deletion'],
    ['2019-05-17-salesforce-pardot-permissions', '2022-04-05-atlassian-site-deletion'],
    // A capacity change hitting a limit nobody knew about (OS threads, Transit Gateway scaling).
    ['2020-11-25-aws-kinesis-us-east-1', '2021-01-04-slack-outage'],
    // The same edge fleet and the same kill switch.
    ['2017-02-17-cloudflare-cloudbleed', '2019-07-02-cloudflare-regex-cpu-exhaustion'],
  ];

  it('loads', () => expect(problems).toEqual([]));

  for (const [a, b] of PAIRS) {
    it(`${a} and ${b} are in each other's top 3`, () => {
      expect(similar.get(a!)!.slice(0, 3).map((s) => s.id)).toContain(b);
      expect(similar.get(b!)!.slice(0, 3).map((s) => s.id)).toContain(a);
    });
  }

  it('shows nothing for incidents without a partner', () => {
    for (const id of ['2016-03-22-npm-left-pad-unpublish', '2024-06-05-checkout-db-slowdown']) expect(similar.get(id), id).toEqual([]);
  });
});
