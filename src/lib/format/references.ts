/**
 * Rules across collections: a postmortem's `services` must be known service ids (once any service
 * is defined), its `runbooks` entries runbook ids or URLs; a runbook's `services` and a service's
 * `runbooks` likewise. An unknown id is reported with the closest known one.
 */
import type { Runbook, Service } from './service-schema.ts';
import { isUrlReference } from './urls.ts';
import type { Problem } from './problems.ts';

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Whether `candidate` is a plausible spelling of `name`: a small edit distance for its length
 * (one edit per three characters, at least one), or a shared word of three letters or more
 * (`checkout` and `checkout-db`). "admin-dashboard" and "falcon-sensor" are not close.
 */
export function isClose(name: string, candidate: string): boolean {
  if (levenshtein(name, candidate) <= Math.max(1, Math.floor(Math.min(name.length, candidate.length) / 3))) return true;
  const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
  const theirs = new Set(words(candidate));
  return words(name).some((w) => theirs.has(w));
}

/** The close candidate (see isClose) nearest to `name` by edit distance (ties: alphabetical), or undefined. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of [...candidates].sort()) {
    if (!isClose(name, candidate)) continue;
    const distance = levenshtein(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

interface Referrer<T> {
  id: string;
  file: string;
  data: T;
}

export interface ReferenceInput {
  postmortems: Referrer<{ services: readonly string[]; runbooks: readonly string[] }>[];
  runbooks: Referrer<Pick<Runbook, 'services'>>[];
  services: Referrer<Pick<Service, 'runbooks'>>[];
  /** Folder names as people should see them in messages, e.g. `content/services/`. */
  dirs: { runbooks: string; services: string };
}

export function validateReferences({ postmortems, runbooks, services, dirs }: ReferenceInput): Omit<Problem, 'line'>[] {
  const problems: Omit<Problem, 'line'>[] = [];
  const serviceIds = new Set(services.map((s) => s.id));
  const runbookIds = new Set(runbooks.map((r) => r.id));
  const suggestion = (value: string, known: Set<string>) => {
    const near = closest(value, known);
    return near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`;
  };

  const checkServices = (file: string, list: readonly string[]) => {
    // Until content/services/ defines services, any service id is accepted (the format says so).
    if (!serviceIds.size) return;
    list.forEach((id, i) => {
      if (!serviceIds.has(id)) {
        problems.push({ file, field: `services.${i}`, message: `unknown service ${JSON.stringify(id)}${suggestion(id, serviceIds)} (known services are the files in ${dirs.services})` });
      }
    });
  };
  const checkRunbooks = (file: string, list: readonly string[]) => {
    list.forEach((ref, i) => {
      if (isUrlReference(ref) || runbookIds.has(ref)) return;
      const known = runbookIds.size ? `${suggestion(ref, runbookIds)} (known runbooks are the files in ${dirs.runbooks})` : ` (no runbooks are defined in ${dirs.runbooks})`;
      problems.push({ file, field: `runbooks.${i}`, message: `unknown runbook ${JSON.stringify(ref)}${known}; expected a runbook id or an http(s) URL` });
    });
  };

  for (const pm of postmortems) {
    checkServices(pm.file, pm.data.services);
    checkRunbooks(pm.file, pm.data.runbooks);
  }
  for (const runbook of runbooks) checkServices(runbook.file, runbook.data.services);
  for (const service of services) checkRunbooks(service.file, service.data.runbooks);
  return problems;
}
