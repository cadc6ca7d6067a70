/** Rules that span postmortems: ids, `related` references and aliases. */
import { ID_PATTERN, type Postmortem } from './schema.ts';
import type { Problem } from './problems.ts';

export interface CorpusEntry {
  id: string;
  file: string;
  data: Pick<Postmortem, 'related' | 'aliases'>;
}

export function validateCorpus(entries: CorpusEntry[]): Omit<Problem, 'line'>[] {
  const problems: Omit<Problem, 'line'>[] = [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const aliasOwner = new Map<string, CorpusEntry>();
  for (const entry of entries) {
    if (!ID_PATTERN.test(entry.id)) {
      problems.push({
        file: entry.file,
        field: '',
        message: `file name must be an id of lowercase letters, digits and hyphens (like 2024-06-05-checkout-db-slowdown.mdx), got ${JSON.stringify(entry.id)}`,
      });
    }
    entry.data.related.forEach((id, i) => {
      if (id === entry.id) problems.push({ file: entry.file, field: `related.${i}`, message: 'a postmortem cannot be related to itself' });
      else if (!byId.has(id)) problems.push({ file: entry.file, field: `related.${i}`, message: `unknown postmortem id ${JSON.stringify(id)}; expected the file name (without .mdx) of another postmortem` });
    });
    entry.data.aliases.forEach((alias, i) => {
      const clashId = byId.get(alias);
      if (clashId) {
        problems.push({ file: entry.file, field: `aliases.${i}`, message: `alias ${JSON.stringify(alias)} is already the id of ${clashId.file}` });
        return;
      }
      const owner = aliasOwner.get(alias);
      if (owner && owner !== entry) {
        problems.push({ file: entry.file, field: `aliases.${i}`, message: `alias ${JSON.stringify(alias)} is also an alias in ${owner.file}` });
        return;
      }
      aliasOwner.set(alias, entry);
    });
  }
  return problems;
}
