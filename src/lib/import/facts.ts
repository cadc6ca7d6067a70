/**
 * Facts read from (or, failing that, guessed from) the prose of a legacy postmortem: title and
 * id, severity, cause category, affected services, impact figures and how it was detected.
 */
import { CAUSE_CATEGORIES, type CauseCategory, type Postmortem, type Severity } from '../format/schema.ts';
import { isoInZone } from '../format/time.ts';
import { closest, levenshtein } from '../format/references.ts';
import { findDates, findMoments } from './dates.ts';
import { clip, firstSentence, plainText, slugify, squash, stripEmoji } from './text.ts';

type DetectionMethod = NonNullable<Postmortem['detection']>['method'];

/** A severity as written: `SEV1`, `Sev-2`, `S1`, `P1`, `Critical`, `Major`, `Minor`. */
export function parseSeverity(text: string): { severity: Severity; note?: string } | undefined {
  const t = text.trim();
  const sev = /\bsev(?:erity)?\s*[-_:]?\s*([0-5])\b|\bS([0-4])\b/i.exec(t);
  if (sev) {
    const n = Number(sev[1] ?? sev[2]);
    if (n === 0) return { severity: 'SEV1', note: `severity: written as ${sev[0]}; the format's worst is SEV1` };
    if (n === 5) return { severity: 'SEV4', note: `severity: written as ${sev[0]}; the format's mildest is SEV4` };
    return { severity: `SEV${n}` as Severity };
  }
  const p = /\bP\s*([0-5])\b|\bpriority\s*[-:]?\s*([0-5])\b/i.exec(t);
  if (p) {
    const n = Number(p[1] ?? p[2]);
    const severity = (['SEV1', 'SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV4'] as const)[n]!;
    return { severity, note: `severity: ${p[0]} read as ${severity}` };
  }
  const word = /\b(critical|catastrophic|major|high|medium|moderate|minor|low|trivial|cosmetic)\b/i.exec(t);
  if (word) {
    const w = word[1]!.toLowerCase();
    const severity: Severity =
      w === 'critical' || w === 'catastrophic' ? 'SEV1' : w === 'major' || w === 'high' ? 'SEV2' : w === 'medium' || w === 'moderate' ? 'SEV3' : 'SEV4';
    return { severity, note: `severity: "${word[1]}" read as ${severity}` };
  }
  return undefined;
}

/** A severity token anywhere in the text (`SEV2: checkout down`), when no label says it. */
export function findSeverityToken(text: string): Severity | undefined {
  const m = /\bSEV[-_ ]?([1-4])\b/i.exec(text);
  return m ? (`SEV${m[1]}` as Severity) : undefined;
}

/** A severity guessed from how bad the impact sounds, with the reason. */
export function guessSeverity(impact: string, usersPercent: number | undefined): { severity: Severity; reason: string } {
  const t = impact.toLowerCase().replace(/\bno (?:customer |user )?data (?:was |were )?(?:lost|loss)\b|\bwithout (?:any )?data loss\b|\bnothing was lost\b/g, ' ');
  if ((usersPercent ?? 0) >= 50) return { severity: 'SEV1', reason: `${usersPercent}% of users affected` };
  if (/\b(?:complete|total|full|entire|global|site-?wide|all users|every user|100 ?%)\b[^.]{0,60}\b(?:outage|down|unavailable|unusable|offline)\b|\b(?:outage|down|unavailable|unusable|offline)\b[^.]{0,40}\b(?:for all|for every|completely|entirely)\b|\bdata (?:loss|was lost)\b/.test(t)) {
    return { severity: 'SEV1', reason: 'the impact describes a complete outage' };
  }
  if ((usersPercent ?? 0) >= 20 || /\b(?:outage|down|unavailable|unusable|offline|failed|failing|errors?|timeouts?|502|503|500)\b/.test(t)) {
    return { severity: 'SEV2', reason: usersPercent !== undefined ? `${usersPercent}% of users affected` : 'the impact describes failures for users' };
  }
  if (/\b(?:slow|latency|degraded|delay(?:ed|s)?|intermittent|some users)\b/.test(t)) return { severity: 'SEV3', reason: 'the impact describes a degradation' };
  return { severity: 'SEV3', reason: 'nothing in the text says how bad it was' };
}

const CATEGORY_SYNONYMS: Record<string, CauseCategory> = {
  deployment: 'deploy', release: 'deploy', configuration: 'config', misconfiguration: 'config', bug: 'software-bug',
  software: 'software-bug', code: 'software-bug', 'third-party': 'dependency', vendor: 'dependency', db: 'database',
  infrastructure: 'hardware', human: 'process', 'human-error': 'process', load: 'capacity', traffic: 'capacity',
};

/** A category as written (`Configuration`, `software bug`, `DB`). */
export function parseCategory(text: string): CauseCategory | undefined {
  const key = slugify(text);
  if ((CAUSE_CATEGORIES as readonly string[]).includes(key)) return key as CauseCategory;
  return CATEGORY_SYNONYMS[key] ?? CATEGORY_SYNONYMS[key.split('-')[0]!];
}

const CATEGORY_WORDS: [CauseCategory, RegExp][] = [
  ['database', /\b(?:database|db|sql|query|queries|index(?:es|ing)?|table scan|replication|replica lag|deadlock|postgres\w*|mysql|mongo\w*|redis|schema|transaction)\b/g],
  ['config', /\b(?:config\w*|permissions?|misconfig\w*|setting|settings|feature flag|flag|directive|parameter|yaml|nginx\.conf|proxy_pass|upstream)\b/g],
  ['deploy', /\b(?:deploy\w*|release[ds]?|rollout|rolled out|code (?:update|change|push)|new version|build)\b/g],
  ['capacity', /\b(?:capacity|memory|traffic spike|spike in traffic|overload\w*|exhaust\w*|out of memory|oom|disk (?:full|space)|quota|too many connections|connection pool|saturat\w*|throttl\w*|scal\w*)\b/g],
  ['dependency', /\b(?:third[- ]party|vendor|upstream provider|provider|dependency|dependencies|external (?:api|service)|cloud provider|cdn provider|hosting provider)\b/g],
  ['network', /\b(?:network\w*|dns|bgp|packet loss|latency between|load balancer|firewall|routing|tls|ssl|cdn|vpn|subnet|switch)\b/g],
  ['hardware', /\b(?:hardware|disk failure|failed disk|power (?:outage|failure)|server failure|data ?cent(?:er|re)|hypervisor|rack|cpu fault|memory fault)\b/g],
  ['software-bug', /\b(?:bug|regression|null pointer|nil pointer|dereferenc\w*|exception|stack trace|segfault|segmentation fault|race condition|memory leak|infinite loop|off-by-one|crash\w*|panic\w*|unhandled|assertion)\b/g],
  ['security', /\b(?:attack|ddos|breach|vulnerab\w*|exploit|malicious|credential\w*|compromis\w*|phishing|certificate expir\w*)\b/g],
  ['data', /\b(?:data corruption|corrupt\w*|bad data|data migration|data loss|backfill|malformed data)\b/g],
  ['process', /\b(?:human error|manual(?:ly)?|process|runbook|miscommunication|communication|procedure|checklist|typo)\b/g],
];

/** The category whose words the cause text uses most, with the counts as the reason. */
export function guessCategory(text: string): { category: CauseCategory; reason: string } {
  const t = text.toLowerCase();
  let best: CauseCategory = 'unknown';
  let bestScore = 0;
  for (const [category, re] of CATEGORY_WORDS) {
    // Code evidence (a crash, a dereference, an exception, a regression) outweighs the nouns of
    // where it happened: a crash on an empty list in a query path is still a software bug.
    const score = (t.match(re)?.length ?? 0) * (category === 'software-bug' ? 2 : 1);
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  if (!bestScore) return { category: 'unknown', reason: 'no cause terms recognised' };
  return { category: best, reason: bestScore === 1 ? `the evidence is thin: one ${best} term in the cause` : `the cause mentions ${best} terms most` };
}

/** Service ids from a written list: `Public API v3, Dashboard` → `public-api-v3`, `dashboard`. */
export function parseServices(text: string): string[] {
  return [...new Set(text.split(/\s*(?:,|;|\band\b|&|\/|\n|•)\s*/).map((s) => slugify(s.replace(/\([^)]*\)/g, ''), 40)).filter(Boolean))];
}

/**
 * Service ids guessed from phrases like "the checkout service", "our e-commerce website": the
 * words right before a service-like noun, stopping at articles, prepositions and verbs.
 */
export function guessServices(text: string): string[] {
  const NOUN = /\b(service|api|website|web ?site|app|application|platform|database|db|cluster|queue|gateway|server|backend|frontend|portal|dashboard|store|shop|cdn|proxy)\b/gi;
  const STOP = /^(?:the|our|a|an|this|that|its|their|his|her|my|main|primary|entire|whole|of|to|in|on|for|with|and|or|by|from|at|production|prod|affected|impacted|all|same|new|old|down|slow|local|remote|single|multiple|several|some|many|was|were|is|are|be|been)$/i;
  const found: string[] = [];
  for (const m of text.matchAll(NOUN)) {
    const before = text.slice(0, m.index).split(/\s+/).filter(Boolean);
    const words: string[] = [];
    for (let i = before.length - 1; i >= 0 && words.length < 2; i--) {
      const w = before[i]!.replace(/^[("'“]+|[)"'”]+$/g, '');
      if (!w || /[.,;:!?]$/.test(w) || STOP.test(w) || /(?:ing|ed)$/i.test(w) || !/^[\p{L}\p{N}][\p{L}\p{N}.-]*$/u.test(w)) break;
      words.unshift(w);
    }
    if (words.length) found.push(slugify([...words, m[1]!.replace(/\s/g, '')].join(' '), 40));
  }
  return [...new Set(found.filter(Boolean))];
}

export interface ImpactFigures {
  usersAffectedPercent?: number;
  requestsFailedPercent?: number;
  customers?: number;
  dataLoss?: boolean;
}

/** Figures the impact text states: "80% of users", "error rate of 12%", "1,200 customers", "no data was lost". */
export function impactFigures(text: string): ImpactFigures {
  const figures: ImpactFigures = {};
  const users = /(\d{1,3}(?:\.\d+)?)\s*%\s*(?:of\s+)?(?:(?:our|all|the|active|total|online|logged-in|mobile|web)\s+)*(?:users?|customers?|visitors?|clients?|user ?base|players?|members?|merchants?|subscribers?)\b|(\d{1,3}(?:\.\d+)?)\s*%\s+user ?base/i.exec(text);
  if (users) figures.usersAffectedPercent = clampPercent(Number(users[1] ?? users[2]));
  const requests =
    /(\d{1,3}(?:\.\d+)?)\s*%\s*(?:of\s+)?(?:all\s+|the\s+|api\s+|http\s+|incoming\s+)*(?:requests?|calls?|transactions?|checkouts?|orders?|page ?views?)\b(?:[^.]{0,40}\b(?:failed|errored|returned errors?|timed out|were dropped|5\d\d))?|error rate(?: of| at| reached| peaked at| rose to| spiked to)?\s*(?:~|about |approximately )?(\d{1,3}(?:\.\d+)?)\s*%|(\d{1,3}(?:\.\d+)?)\s*%\s*(?:error rate|errors|failure rate|of requests failed)/i.exec(text);
  if (requests) figures.requestsFailedPercent = clampPercent(Number(requests[1] ?? requests[2] ?? requests[3]));
  const customers = /\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:customers|merchants|accounts|organisations|organizations|tenants)\b/i.exec(text);
  if (customers) figures.customers = Number(customers[1]!.replace(/,/g, ''));
  if (/\bno data (?:was |were )?(?:lost|loss)\b|\bwithout (?:any )?data loss\b|\bno (?:customer )?data loss\b|\bno data was lost\b|\bnothing was lost\b/i.test(text)) figures.dataLoss = false;
  else if (/\b(?:data (?:was |were )?(?:lost|permanently lost)|lost (?:customer |user )?data|data loss (?:of|occurred|affected))\b/i.test(text)) figures.dataLoss = true;
  return figures;
}

const clampPercent = (n: number) => Math.max(0, Math.min(100, n));

/** How the incident was noticed, from the detection text or the first detection entry. */
export function detectionMethod(text: string): DetectionMethod {
  const t = text.toLowerCase();
  const candidates: [DetectionMethod, RegExp][] = [
    ['customer', /\b(?:customers?|users?|clients?|visitors?) (?:reported|complained|tweeted|contacted|emailed|called|noticed|started reporting|reports?)|\bcustomer support\b|\bsupport (?:tickets?|team|requests?|reports?)\b|\bmerchants? (?:reported|started reporting|start reporting|complained)|\bcustomer (?:reports?|complaints?)|\buser reports?\b|\bcomplaints?\b|\btwitter\b|\bsocial media\b/],
    ['monitoring', /\bmonitor\w*|\balert\w*|\balarm\w*|\bpag(?:ed|er|e fired)\w*|\bpagerduty\b|\bopsgenie\b|\bdashboard|\bgrafana\b|\bdatadog\b|\bnagios\b|\bprometheus\b|\bsynthetic\b|\buptime (?:check|robot|monitor)|\bhealth ?check/],
    ['test', /\b(?:test(?:s|ing)?|canary|ci pipeline|qa)\b/],
    ['vendor', /\b(?:vendor|provider|upstream|aws|azure|gcp|cloudflare) (?:notified|reported|informed|status page|told)/],
    ['employee', /\b(?:engineers?|employees?|staff|developers?|team members?|colleagues?|someone on the team|i|we) (?:noticed|saw|spotted|discovered|found|report(?:s|ed)?|flagged|complained)|\b(?:noticed|spotted) by (?:an? )?(?:engineer|employee|developer|staff)|\bvisited (?:it|the site) myself\b|\bmyself\b/],
  ];
  let best: DetectionMethod = 'other';
  let at = Infinity;
  for (const [method, re] of candidates) {
    const m = re.exec(t);
    if (m && m.index < at) {
      best = method;
      at = m.index;
    }
  }
  return best;
}

/** Headings that name the document type, not the incident ("Postmortem", "Incident report:"). */
export const GENERIC_TITLE = /^\s*(?:the\s+)?(?:incident\s+|outage\s+)?(?:post[- ]?mortem|post[- ]incident review|incident report|outage report|incident review|incident analysis|root cause analysis|retrospective|rca|pir)(?:\s+report)?\s*(?:[:\-–—|]\s*|$)/i;

/** A title from the heading: without "Postmortem:", emoji and markup. */
export function cleanTitle(heading: string): string | undefined {
  const plain = stripEmoji(plainText(heading));
  return squash(plain.replace(GENERIC_TITLE, '')).replace(/^[:\-–—|]\s*/, '') || undefined;
}

/** A short title from the first clause of the summary, when the document has none. */
export function titleFromSummary(summary: string): string {
  // When it happened is in the front matter: a leading date or time range is not the title.
  let sentence = firstSentence(summary).replace(/[.!?…]+$/, '').replace(/^[\s\-–—*•]+/, '');
  for (let i = 0; i < 4; i++) {
    const m = findMoments(sentence)[0];
    if (!m || !/^[\s,(–—-]*(?:(?:on|from|between|at|since|starting|to|and|until)\s+)?$/i.test(sentence.slice(0, m.index))) break;
    sentence = sentence.slice(m.end).replace(/^[\s,)]*(?:\((?:[A-Z]{2,5}|UTC[+-]?\d*)\))?[\s,]*/i, '');
  }
  sentence = sentence.replace(/^(?:when|while)\s+/i, '').replace(/^[\s,]+/, '');
  const clause = sentence.split(/,|;|\s[–—-]\s|\b(?:due to|because|which|after|when|rendering|causing|resulting)\b/)[0]!.trim();
  const chosen = clause.split(/\s+/).length >= 4 ? clause : sentence;
  const t = clip(chosen.replace(/^(?:our|the|a|an|on [^,]+,)\s+/i, ''), 80);
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The postmortem id: the start day in its zone, then the title without dates and small words. */
export function postmortemId(started: Date, zone: string, title: string): string {
  const day = isoInZone(started, zone).slice(0, 10);
  let words = title;
  for (const d of findDates(title).reverse()) words = words.slice(0, d.index) + words.slice(d.end);
  const slug = slugify(
    words
      .replace(/\b(?:on|at|in)\s*$/i, '')
      .split(/\s+/)
      .filter((w) => !/^(?:a|an|the|our|of|on)$/i.test(w))
      .join(' '),
    50,
  );
  return slug ? `${day}-${slug}` : `${day}-incident`;
}

/** Known services named in the text, by id ("checkout-db" as "checkout db") or by name. */
export function mentionedServices(text: string, known: { id: string; name?: string }[]): string[] {
  const t = ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  return known
    .filter((s) => [s.id.replace(/-/g, ' '), s.name ? s.name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim() : ''].some((n) => n.length >= 3 && t.includes(` ${n} `)))
    .map((s) => s.id);
}

/** Service ids checked against the known services: exact, by name, or a near spelling. */
export function resolveServices(ids: string[], known: { id: string; name?: string }[], note: (text: string) => void): string[] {
  if (!known.length) return ids;
  return ids.map((id) => {
    if (known.some((s) => s.id === id)) return id;
    const byName = known.find((s) => s.name && slugify(s.name) === id);
    if (byName) return byName.id;
    const near = id.length >= 5 ? closest(id, known.map((s) => s.id)) : undefined;
    if (near && levenshtein(id, near) <= 2) {
      note(`services: "${id}" read as the known service "${near}"; check it`);
      return near;
    }
    note(`services: "${id}" is not a known service; add content/services/${id}.yaml or use a known id (npm run check fails until then)`);
    return id;
  });
}
