/**
 * Similar incidents, computed from what the postmortems say: the text of the root cause, trigger,
 * contributing factors, resolution and tags (TF-IDF cosine over Porter stems, stop words dropped),
 * plus shared services and the cause category.
 *
 * Cost is near-linear in the number of postmortems: an inverted index from term to postmortems
 * keeps, per term, only the postmortems where the term weighs most (a champion list); each
 * postmortem looks up only its strongest terms, and only its best candidates are scored exactly.
 * There is no all-pairs comparison.
 *
 * Pure: no Astro imports.
 */
import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';
import type { CauseCategory, Postmortem } from '../format/schema.ts';
import { CAUSE_LABELS } from '../format/labels.ts';

/** What similarity reads of a postmortem (the schema's output, or the same shape from any source). */
export interface SimilarityInput {
  id: string;
  data: {
    cause: Pick<Postmortem['cause'], 'category' | 'summary' | 'factors'> & { trigger?: string | undefined };
    resolution: string;
    tags: readonly string[];
    services: readonly string[];
    related: readonly string[];
  };
}

export interface SimilarIncident {
  id: string;
  /** Text cosine plus the service and cause bonuses; comparable within one build. */
  score: number;
  /** Why, in a few words each: "same cause: Database", "shared service: checkout-db", "both mention 'full table scan'". */
  reasons: string[];
  /** Listed by the authors in `related` (shown first, whatever the score). */
  handWritten: boolean;
}

/**
 * The knobs, calibrated on the demo corpus (content/postmortems, 21 long postmortems) with every
 * `related` removed: pairs that share a failure mechanism (the two regex CPU outages, the two
 * certificate incidents, the BGP ones, the deletions by script, the capacity limits) score
 * 0.09–0.18; the best match of an incident with no such partner (left-pad, the leap second, the
 * checkout slowdown) stays below 0.075. See tests/unit/similarity.test.ts and the README.
 */
export const SIMILARITY = {
  /** Entries shown per incident, hand-written ones included. */
  maxShown: 5,
  /** Weaker computed matches are not shown: no list beats a wrong list. */
  threshold: 0.085,
  /** Added per shared service (at most two count). */
  serviceBonus: 0.02,
  maxServicesCounted: 2,
  /** Added when the cause category is the same. */
  categoryBonus: 0.01,
  /** Terms of a postmortem looked up in the index, strongest first. */
  queryTerms: 48,
  /** Postmortems kept per term in the index (those where it weighs most), and the most a service's list may hold to be looked up. */
  championList: 128,
  /** Candidates rescored exactly per postmortem. */
  candidates: 16,
  /** How much one occurrence of a word counts, per field: tags are chosen keywords, the trigger and cause name the mechanism. */
  fieldWeights: { cause: 1, trigger: 1, factors: 1, resolution: 1, tags: 2 },
  /** Shared terms named in the reasons. */
  termsInReasons: 2,
} as const;

const STOP_WORDS = new Set([
  ...englishStopWords,
  // Words every postmortem uses about itself, which say nothing about the mechanism.
  ...'incident incidents outage outages issue issues problem problems caused cause causing impact impacted affected customer customers user users team teams engineer engineers time times minute minutes hour hours day days also due later while then when into onto out over which would could should not'.split(' '),
]);

interface Token {
  stem: string;
  word: string;
}

/** Lowercase latin words (accents dropped) without stop words or bare numbers, with their stems. */
export function tokenize(text: string): Token[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !/^\d+$/.test(word) && !STOP_WORDS.has(word))
    .map((word) => ({ stem: stemmer(word), word }));
}

/** Adds the stems of one text to `into`, each counted `weight` times per occurrence, with how it was first written. */
function termsOf(text: string, weight: number, into: Map<string, { tf: number; surface: string }>) {
  for (const { stem, word } of tokenize(text)) {
    const seen = into.get(stem);
    if (seen) seen.tf += weight;
    else into.set(stem, { tf: weight, surface: word });
  }
}

function documentTerms(pm: SimilarityInput['data']) {
  const terms = new Map<string, { tf: number; surface: string }>();
  const w = SIMILARITY.fieldWeights;
  termsOf(pm.cause.summary, w.cause, terms);
  termsOf(pm.cause.trigger ?? '', w.trigger, terms);
  for (const factor of pm.cause.factors) termsOf(factor, w.factors, terms);
  termsOf(pm.resolution, w.resolution, terms);
  for (const tag of pm.tags) termsOf(tag, w.tags, terms);
  return terms;
}

/** A sparse vector: term ids ascending, with their weights, and the positions of its strongest terms (looked up in the index). */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
  strongest: Int32Array;
}

interface Model {
  inputs: readonly SimilarityInput[];
  vectors: Vector[];
  /** Per document, term id → how it was written (for reasons). */
  surfaces: Map<number, string>[];
  terms: string[];
  /** Per term, the postmortems that use it. */
  postings: number[][];
  /** Per term, the weight of the term in each document of its posting list (same order). */
  postingWeights: number[][];
  servicePostings: Map<string, number[]>;
}

function buildModel(inputs: readonly SimilarityInput[]): Model {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const postings: number[][] = [];
  const raw = inputs.map((input, doc) => {
    const found = documentTerms(input.data);
    const entries: [number, number][] = [];
    const surfaces = new Map<number, string>();
    for (const [term, { tf, surface }] of found) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = terms.length;
        termIds.set(term, id);
        terms.push(term);
        postings.push([]);
      }
      postings[id]!.push(doc);
      entries.push([id, tf]);
      surfaces.set(id, surface);
    }
    return { entries: entries.sort((a, b) => a[0] - b[0]), surfaces };
  });
  const n = inputs.length;
  const vectors = raw.map(({ entries }) => {
    const weights = entries.map(([id, tf]) => (1 + Math.log(tf)) * Math.log(n / postings[id]!.length));
    const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)) || 1;
    const shared = entries.map((_, i) => i).filter((i) => postings[entries[i]![0]]!.length > 1);
    const strongest = Int32Array.from(shared.sort((i, j) => weights[j]! - weights[i]!).slice(0, SIMILARITY.queryTerms));
    return { ids: Int32Array.from(entries, ([id]) => id), weights: Float64Array.from(weights, (w) => w / norm), strongest };
  });
  // Documents were added in order, so a term's list and its weights line up.
  const index: number[][] = postings.map(() => []);
  const postingWeights: number[][] = postings.map(() => []);
  vectors.forEach((vector, doc) =>
    vector.ids.forEach((id, i) => {
      index[id]!.push(doc);
      postingWeights[id]!.push(vector.weights[i]!);
    }),
  );
  // Champion lists: a common term keeps only the postmortems where it weighs most, so that a
  // lookup costs at most `championList` steps however big the corpus.
  index.forEach((docs, id) => {
    if (docs.length <= SIMILARITY.championList) return;
    const weights = postingWeights[id]!;
    const best = docs.map((doc, k) => [doc, weights[k]!] as const).sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, SIMILARITY.championList);
    index[id] = best.map(([doc]) => doc);
    postingWeights[id] = best.map(([, w]) => w);
  });
  const servicePostings = new Map<string, number[]>();
  inputs.forEach((input, doc) => {
    for (const service of new Set(input.data.services)) {
      const list = servicePostings.get(service) ?? [];
      list.push(doc);
      servicePostings.set(service, list);
    }
  });
  return { inputs, vectors, surfaces: raw.map((r) => r.surfaces), terms, postings: index, postingWeights, servicePostings };
}

/** Shared terms of two vectors with their contribution to the cosine, largest first. */
function sharedTerms(a: Vector, b: Vector): { id: number; contribution: number }[] {
  const out: { id: number; contribution: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      const contribution = a.weights[i]! * b.weights[j]!;
      if (contribution > 0) out.push({ id: x, contribution });
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.sort((p, q) => q.contribution - p.contribution);
}

const quote = (text: string) => `'${text}'`;

/** The exact score of `b` for `a`: text cosine plus the service and cause bonuses. No allocation: it runs for every candidate. */
function pairScore(model: Model, a: number, b: number): number {
  const va = model.vectors[a]!;
  const vb = model.vectors[b]!;
  let cosine = 0;
  for (let i = 0, j = 0; i < va.ids.length && j < vb.ids.length; ) {
    const x = va.ids[i]!;
    const y = vb.ids[j]!;
    if (x === y) cosine += va.weights[i++]! * vb.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  const pa = model.inputs[a]!.data;
  const pb = model.inputs[b]!.data;
  let services = 0;
  for (const s of pa.services) if (pb.services.includes(s)) services++;
  const score = cosine + SIMILARITY.serviceBonus * Math.min(services, SIMILARITY.maxServicesCounted) + (pa.cause.category === pb.cause.category ? SIMILARITY.categoryBonus : 0);
  return Math.round(score * 1000) / 1000;
}

/** Why `b` is similar to `a`, in a few words each (only for the incidents shown). */
function reasonsFor(model: Model, a: number, b: number): string[] {
  const pa = model.inputs[a]!.data;
  const pb = model.inputs[b]!.data;
  const services = pa.services.filter((s) => pb.services.includes(s));
  const reasons: string[] = [];
  if (pa.cause.category === pb.cause.category) reasons.push(`same cause: ${CAUSE_LABELS[pa.cause.category as CauseCategory] ?? pa.cause.category}`);
  if (services.length) reasons.push(`${services.length > 1 ? 'shared services' : 'shared service'}: ${services.slice(0, 3).join(', ')}`);
  // The strongest shared words, as the first postmortem wrote them.
  const named = sharedTerms(model.vectors[a]!, model.vectors[b]!)
    .slice(0, SIMILARITY.termsInReasons)
    .map(({ id }) => quote(model.surfaces[a]!.get(id) ?? model.terms[id]!));
  if (named.length) reasons.push(`both mention ${named.join(' and ')}`);
  return reasons;
}

/**
 * Candidates for document `a` from the index: partial scores accumulated over its strongest
 * terms and its services, the best `SIMILARITY.candidates` kept (no sort of all touched documents).
 */
function candidatesOf(model: Model, a: number, scratch: Float64Array, touched: number[]): number[] {
  const { vectors, postings, postingWeights, servicePostings, inputs } = model;
  const vector = vectors[a]!;
  for (const i of vector.strongest) {
    const term = vector.ids[i]!;
    const list = postings[term]!;
    if (list.length < 2) continue;
    const weights = postingWeights[term]!;
    const weight = vector.weights[i]!;
    for (let k = 0; k < list.length; k++) {
      const doc = list[k]!;
      if (scratch[doc] === 0) touched.push(doc);
      scratch[doc]! += weight * weights[k]!;
    }
  }
  for (const service of new Set(inputs[a]!.data.services)) {
    const list = servicePostings.get(service)!;
    if (list.length > SIMILARITY.championList) continue;
    for (const doc of list) {
      if (scratch[doc] === 0) touched.push(doc);
      scratch[doc]! += SIMILARITY.serviceBonus;
    }
  }
  // Top k by insertion into a short sorted list.
  const best: number[] = [];
  for (const doc of touched) {
    const value = scratch[doc]!;
    if (doc === a || (best.length === SIMILARITY.candidates && value <= scratch[best[best.length - 1]!]!)) continue;
    let at = best.length;
    while (at > 0 && scratch[best[at - 1]!]! < value) at--;
    best.splice(at, 0, doc);
    if (best.length > SIMILARITY.candidates) best.pop();
  }
  for (const doc of touched) scratch[doc] = 0;
  touched.length = 0;
  return best;
}

/**
 * Similar incidents for every given postmortem (the ones this build publishes): hand-written
 * `related` entries first (those that are among the inputs), then computed ones above the
 * threshold, best first, up to `SIMILARITY.maxShown` in all.
 */
export function similarIncidents(inputs: readonly SimilarityInput[]): Map<string, SimilarIncident[]> {
  const model = buildModel(inputs);
  const index = new Map(inputs.map((input, i) => [input.id, i]));
  const scratch = new Float64Array(inputs.length);
  const touched: number[] = [];
  const out = new Map<string, SimilarIncident[]>();
  inputs.forEach((input, a) => {
    const shown = (b: number, handWritten: boolean): SimilarIncident => ({ id: inputs[b]!.id, score: pairScore(model, a, b), reasons: reasonsFor(model, a, b), handWritten });
    const handWritten = input.data.related
      .map((id) => index.get(id))
      .filter((b): b is number => b !== undefined && b !== a)
      .map((b) => shown(b, true));
    const taken = new Set(handWritten.map((s) => s.id));
    const computed = candidatesOf(model, a, scratch, touched)
      .filter((b) => !taken.has(inputs[b]!.id))
      .map((b) => ({ b, score: pairScore(model, a, b) }))
      .filter((c) => c.score >= SIMILARITY.threshold)
      .sort((x, y) => y.score - x.score || inputs[x.b]!.id.localeCompare(inputs[y.b]!.id))
      .slice(0, Math.max(0, SIMILARITY.maxShown - handWritten.length))
      .map((c) => shown(c.b, false));
    out.set(input.id, [...handWritten, ...computed]);
  });
  return out;
}
