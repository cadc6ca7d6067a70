/**
 * Synthetic postmortems for the benchmark: N realistic, valid files (every cause category and
 * severity, 5–60 timeline entries, several time zones, misleading leads, untimed entries, long and
 * awkward event text), plus the services they name. Deterministic for a given seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CAUSE_CATEGORIES, DETECTION_METHODS, SEVERITIES } from '../src/lib/format/schema.ts';
import { parseDateTime } from '../src/lib/format/time.ts';

/** A small, fast, seeded PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof prng>;

const SERVICES = [
  'checkout', 'storefront', 'checkout-db', 'payments', 'orders', 'order-queue', 'search', 'search-index', 'auth', 'sessions',
  'cdn', 'dns', 'edge-proxy', 'api-gateway', 'inventory', 'pricing', 'recommendations', 'notifications', 'email', 'sms',
  'billing', 'invoicing', 'ledger', 'reporting', 'warehouse', 'etl', 'kafka', 'redis-cache', 'postgres-primary', 'object-storage',
  'image-resizer', 'video-transcoder', 'feature-flags', 'config-service', 'ci-runners', 'deploy-pipeline', 'k8s-control-plane', 'service-mesh', 'vpn', 'status-page',
];
const RUNBOOKS = ['deploy-rollback', 'db-failover', 'cache-flush', 'scale-out', 'cdn-purge', 'cert-rotation'];
const ZONES = ['UTC', 'UTC', 'UTC', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Europe/London', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney'];
const TEAMS = ['sre', 'payments-team', 'platform', 'data-eng', 'storefront-team', 'edge-team', 'db-team'];

const SUBJECTS = ['p99 latency', 'error rate', 'queue depth', 'CPU on the primary', 'disk usage', 'connection count', 'GC pauses', 'replication lag', '5xx responses', 'cache hit ratio'];
const EVENTS: Record<string, string[]> = {
  trigger: [
    'Deploy {v} of {svc} starts rolling out to production',
    'Config change to {svc}: connection pool size lowered from 200 to 20',
    'Certificate for {svc} expires; clients fail TLS handshakes',
    'Traffic spike from a marketing campaign hits {svc}',
    'Cron job "nightly-reindex" starts on {svc} during peak hours',
    'A schema migration adds an index on a 400 GB table in {svc}',
  ],
  detect: [
    'Alert fires: {subject} on {svc} above threshold for 5 minutes',
    'Customer support reports failed checkouts (ticket #{n})',
    'On-call engineer notices {subject} climbing on the {svc} dashboard',
    'Synthetic check "login-flow" fails from 3 of 5 regions',
  ],
  investigate: [
    'On-call looks at {subject} on {svc}; nothing stands out',
    'Team suspects the network: checks packet loss between zones',
    'Engineers compare the last two deploys of {svc}: diff is 1,204 lines',
    'Database team checks slow query log; one query takes 8 s',
    'Suspect a noisy neighbour on the shared Kafka cluster',
    'Profiling {svc} shows 70% of CPU in JSON serialization',
    'Logs show "ERROR: too many connections; max_connections=500" in {svc}',
  ],
  escalate: ['Incident declared SEV{s}; incident commander assigned', 'Paged the {team} on-call', 'Vendor support case opened (priority: urgent)'],
  mitigate: [
    'Rolled back {svc} to the previous release',
    'Scaled {svc} from 12 to 40 replicas',
    'Feature flag "new-pricing" turned off for all users',
    'Failed over {svc} to the standby region',
    'Rate limit on /api/v2/search lowered to 100 req/s per client',
  ],
  resolve: ['{subject} back to baseline; incident resolved', 'All queues drained and {svc} healthy for 30 minutes', 'Monitoring confirms recovery; incident closed'],
  communicate: ['Status page updated: "Degraded performance on {svc}"', 'Customer email sent to affected merchants', 'Internal update posted in #incidents'],
  note: ['Handover to the next on-call shift', 'Dashboard for {svc} found to be missing the {subject} panel', 'Someone restarted a pod by hand (time unknown)'],
};

const fill = (template: string, r: Random, svc: string) =>
  template
    .replace(/\{svc\}/g, svc)
    .replace(/\{subject\}/g, r.pick(SUBJECTS))
    .replace(/\{v\}/g, `v${r.int(1, 9)}.${r.int(0, 40)}.${r.int(0, 9)}`)
    .replace(/\{n\}/g, String(r.int(1000, 99999)))
    .replace(/\{s\}/g, String(r.int(1, 3)))
    .replace(/\{team\}/g, r.pick(TEAMS));

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
const MINUTE = 60_000;

/** One synthetic postmortem as front matter data and an MDX body. */
export function syntheticPostmortem(index: number, seed = 1): { id: string; data: Record<string, unknown>; body: string } {
  const r = prng(seed * 1_000_003 + index);
  const category = CAUSE_CATEGORIES[index % CAUSE_CATEGORIES.length]!;
  const severity = SEVERITIES[index % SEVERITIES.length]!;
  const services = [...new Set([r.pick(SERVICES), r.pick(SERVICES), r.pick(SERVICES)].slice(0, r.int(1, 3)))];
  const svc = services[0]!;
  // Log-uniform duration: 10 minutes to 5 days.
  const durationMin = Math.round(Math.exp(Math.log(10) + r.next() * (Math.log(5 * 24 * 60) - Math.log(10))));
  const started = Date.UTC(2016, 0, 1) + r.int(0, 9 * 365) * 24 * 60 * MINUTE + r.int(0, 24 * 60 - 1) * MINUTE;
  const resolved = started + durationMin * MINUTE;
  const detected = started + Math.round(durationMin * r.next() * 0.3) * MINUTE;
  const mitigated = r.chance(0.8) ? detected + Math.round((resolved - detected) * (0.4 + r.next() * 0.6) / MINUTE) * MINUTE : undefined;
  const timezone = r.pick(ZONES);

  const count = r.int(5, 60);
  const kindsInOrder = (i: number): string => {
    if (i === 0) return 'trigger';
    if (i === 1) return 'detect';
    if (i === count - 1) return 'resolve';
    const x = r.next();
    const progress = i / count;
    if (progress > 0.7 && x < 0.5) return 'mitigate';
    if (x < 0.5) return 'investigate';
    if (x < 0.62) return 'escalate';
    if (x < 0.8) return 'communicate';
    if (x < 0.9) return 'mitigate';
    return 'note';
  };
  // Entry times: sorted points from a bit before started to resolved.
  const times = Array.from({ length: count }, (_, i) => (i === 0 ? started : i === 1 ? detected : i === count - 1 ? resolved : started + Math.round(r.next() * durationMin) * MINUTE)).sort((a, b) => a - b);
  const timeline = times.map((at, i) => {
    const kind = kindsInOrder(i);
    let event = fill(r.pick(EVENTS[kind]!), r, r.chance(0.7) ? svc : r.pick(SERVICES));
    if (r.chance(0.08)) event += `; ${fill(r.pick(EVENTS.investigate!), r, svc).toLowerCase()} — and the on-call notes that "${r.pick(SUBJECTS)}" had been flapping for days before anyone looked at it closely`;
    const entry: Record<string, unknown> = {};
    const untimed = i > 1 && i < count - 1 && r.chance(0.06);
    if (!untimed) entry.at = timezone !== 'UTC' && r.chance(0.5) ? localOrIso(at, timezone) : iso(at);
    entry.event = event;
    entry.kind = kind;
    if (kind === 'investigate' && r.chance(0.2)) entry.misleading = true;
    if (!untimed && r.chance(0.05)) entry.approximate = true;
    if (!untimed && kind !== 'resolve' && r.chance(0.1)) entry.until = iso(at + Math.round(r.next() * Math.max(10, durationMin / 4)) * MINUTE);
    return entry;
  });

  const day = new Date(started).toISOString().slice(0, 10);
  const id = `${day}-${svc}-${category}-${String(index).padStart(5, '0')}`;
  const data: Record<string, unknown> = {
    title: `${svc} ${category === 'capacity' ? 'overloaded' : 'degraded'} after a ${category.replace('-', ' ')} problem (#${index})`,
    summary: `${svc} was degraded for ${durationMin} minutes because of a ${category} issue; ${r.int(1, 95)}% of requests were affected.`,
    status: index % 50 === 49 ? 'review' : 'published',
    visibility: r.chance(0.3) ? 'public' : 'internal',
    severity,
    services,
    tags: [...new Set([category, r.pick(SUBJECTS).replace(/[^a-z0-9]+/gi, '-').toLowerCase(), r.pick(['rollback', 'failover', 'capacity', 'alerting', 'config'])])],
    authors: [r.pick(TEAMS)],
    timezone,
    started: iso(started),
    detected: iso(detected),
    ...(mitigated !== undefined ? { mitigated: iso(mitigated) } : {}),
    resolved: iso(resolved),
    impact: { summary: `Users of ${svc} saw errors and slow pages.`, usersAffectedPercent: r.int(1, 100), requestsFailedPercent: r.int(0, 60) },
    cause: {
      category,
      summary: `A ${category} problem in ${svc}: ${fill(r.pick(EVENTS.trigger!), r, svc).toLowerCase()}, and nothing caught it before users did.`,
      trigger: fill(r.pick(EVENTS.trigger!), r, svc),
      factors: ['No alert on the leading signal', 'The runbook was out of date'].slice(0, r.int(0, 2)),
    },
    resolution: `${fill(r.pick(EVENTS.mitigate!), r, svc)}, then fixed the root cause and redeployed.`,
    detection: { method: r.pick(DETECTION_METHODS) },
    runbooks: r.chance(0.5) ? [r.pick(RUNBOOKS)] : [],
    timeline,
    actions: Array.from({ length: r.int(0, 8) }, (_, i) => ({
      title: `Action ${i + 1}: ${r.pick(['add an alert on', 'load-test', 'document', 'automate the failover of', 'add a canary stage for'])} ${svc}`,
      type: r.pick(['prevent', 'mitigate', 'detect', 'process']),
      owner: r.pick(TEAMS),
      status: r.pick(['open', 'in-progress', 'done', 'wont-do']),
      priority: r.pick(['P0', 'P1', 'P2', 'P3']),
    })),
    lessons: { wentWell: ['Rollback was fast'], wentWrong: ['Detection took too long'], lucky: r.chance(0.3) ? ['It happened during business hours'] : [] },
  };
  const paragraph = () =>
    Array.from({ length: r.int(3, 6) }, () => `${fill(r.pick([...EVENTS.investigate!, ...EVENTS.mitigate!, ...EVENTS.trigger!]), r, svc)}.`).join(' ');
  const body = `\n## Summary\n\n${paragraph()}\n\n## Root cause\n\n${paragraph()}\n\n${paragraph()}\n\n## Lessons\n\n- ${paragraph()}\n- ${paragraph()}\n`;
  return { id, data, body };
}

/** Wall-clock time in `zone` when it reads back as the same instant (not in a DST overlap), else UTC. */
function localOrIso(ms: number, zone: string) {
  const local = localTime(ms, zone);
  const back = parseDateTime(local, zone);
  return back.ok && back.date.getTime() === ms ? local : iso(ms);
}

/** `2024-06-05 14:00` in `zone` (a datetime without an offset is read in the postmortem's zone). */
function localTime(ms: number, zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Writes `count` postmortems and the services they use into `dir` (a content folder). Returns the ids. */
export function writeSyntheticCorpus(dir: string, count: number, seed = 1): string[] {
  mkdirSync(join(dir, 'postmortems'), { recursive: true });
  mkdirSync(join(dir, 'services'), { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id, data, body } = syntheticPostmortem(i, seed);
    writeFileSync(join(dir, 'postmortems', `${id}.mdx`), `---\n${stringify(data, { lineWidth: 0 })}---\n${body}`);
    ids.push(id);
  }
  mkdirSync(join(dir, 'runbooks'), { recursive: true });
  for (const id of RUNBOOKS) {
    writeFileSync(join(dir, 'runbooks', `${id}.yaml`), stringify({ id, title: id.replace(/-/g, ' '), url: `https://runbooks.example.com/${id}`, services: SERVICES.slice(0, 3) }));
  }
  for (const id of SERVICES) {
    writeFileSync(join(dir, 'services', `${id}.yaml`), stringify({ id, name: id.replace(/-/g, ' '), owner: TEAMS[id.length % TEAMS.length] }));
  }
  return ids;
}
