/** Rules that span postmortems: ids, `related` references and aliases. */
import { ID_PATTERN, type Postmortem } from './schema.ts';
import { SORT_KEYS, slugify } from '../site/catalog.ts';
import { unportableName } from './names.ts';
import type { Problem } from './problems.ts';

export interface CorpusEntry {
  id: string;
  file: string;
  data: Pick<Postmortem, 'related' | 'aliases'> & Partial<Pick<Postmortem, 'tags'>>;
}

/**
 * Path segments under `/postmortems/` that are pages of their own (the sorted lists and their
 * numbered pages, `/postmortems/2/`), so no id or alias may take them. Anything starting `by-` is
 * kept free for future sort orders, and every number for pages of the list.
 */
export const isReservedSegment = (name: string) => /^by-/i.test(name) || /^[0-9]+$/.test(name) || (SORT_KEYS as readonly string[]).includes(name.toLowerCase());

/** An alias that would name a page file (`index.html`) rather than a folder of its own. */
const isFileLike = (alias: string) => /\.html?$/i.test(alias);

export function validateCorpus(entries: CorpusEntry[]): Omit<Problem, 'line'>[] {
  const problems: Omit<Problem, 'line'>[] = [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  // Keyed by lower case: URLs that differ only in case collide on case-insensitive file systems and hosts.
  const aliasOwner = new Map<string, { entry: CorpusEntry; alias: string }>();
  for (const entry of entries) {
    if (!ID_PATTERN.test(entry.id)) {
      problems.push({
        file: entry.file,
        field: '',
        message: `file name must be an id of lowercase letters, digits and hyphens (like 2024-06-05-checkout-db-slowdown.mdx), got ${JSON.stringify(entry.id)}`,
      });
    } else if (isReservedSegment(entry.id)) {
      problems.push({ file: entry.file, field: '', message: `file name ${JSON.stringify(entry.id)} is reserved: /postmortems/${entry.id}/ is a list page; rename the file` });
    } else if (unportableName(entry.id)) {
      problems.push({ file: entry.file, field: '', message: `file name: ${unportableName(entry.id)}; rename the file` });
    }
    entry.data.related.forEach((id, i) => {
      if (id === entry.id) problems.push({ file: entry.file, field: `related.${i}`, message: 'a postmortem cannot be related to itself' });
      else if (!byId.has(id)) problems.push({ file: entry.file, field: `related.${i}`, message: `unknown postmortem id ${JSON.stringify(id)}; expected the file name (without .mdx) of another postmortem` });
    });
    entry.data.aliases.forEach((alias, i) => {
      const field = `aliases.${i}`;
      const key = alias.toLowerCase();
      if (isReservedSegment(alias)) {
        problems.push({ file: entry.file, field, message: `alias ${JSON.stringify(alias)} is reserved: /postmortems/${alias}/ is a list page; choose another alias` });
        return;
      }
      const unportable = unportableName(alias);
      if (unportable || isFileLike(alias)) {
        const why = unportable ?? `${JSON.stringify(alias)} ends like a page file (.html), which the site's own index pages already are`;
        problems.push({ file: entry.file, field, message: `alias ${why}; choose another alias` });
        return;
      }
      const clashId = byId.get(key);
      if (clashId) {
        const same = clashId === entry ? 'its own id' : `the id of ${clashId.file}`;
        problems.push({ file: entry.file, field, message: `alias ${JSON.stringify(alias)} is already ${same}${alias === key ? '' : ' (ignoring case)'}` });
        return;
      }
      const owner = aliasOwner.get(key);
      if (owner && owner.entry !== entry) {
        const caseNote = owner.alias === alias ? '' : ` (as ${JSON.stringify(owner.alias)}; aliases differing only in case collide)`;
        problems.push({ file: entry.file, field, message: `alias ${JSON.stringify(alias)} is also an alias in ${owner.entry.file}${caseNote}` });
        return;
      }
      if (owner && owner.alias !== alias) {
        problems.push({ file: entry.file, field, message: `alias ${JSON.stringify(alias)} differs only in case from ${JSON.stringify(owner.alias)} in the same file` });
        return;
      }
      aliasOwner.set(key, { entry, alias });
    });
  }
  problems.push(...tagSlugProblems(entries));
  return problems;
}

/**
 * Tags are free text, but each has a page at /tags/<slug>/: two spellings with one slug (`C++` and
 * `c`) would share it, and a slug must be a portable folder name.
 */
function tagSlugProblems(entries: CorpusEntry[]): Omit<Problem, 'line'>[] {
  const problems: Omit<Problem, 'line'>[] = [];
  const slugOwner = new Map<string, { entry: CorpusEntry; tag: string }>();
  for (const entry of entries) {
    (entry.data.tags ?? []).forEach((tag, i) => {
      const field = `tags.${i}`;
      const slug = slugify(tag);
      const unportable = unportableName(slug);
      if (unportable) {
        problems.push({ file: entry.file, field, message: `tag ${JSON.stringify(tag)} would have the page /tags/${slug}/, and ${unportable}; choose another tag` });
        return;
      }
      const owner = slugOwner.get(slug);
      if (!owner) slugOwner.set(slug, { entry, tag });
      else if (owner.tag !== tag) {
        const where = owner.entry === entry ? 'in the same file' : `in ${owner.entry.file}`;
        problems.push({ file: entry.file, field, message: `tag ${JSON.stringify(tag)} has the same page /tags/${slug}/ as tag ${JSON.stringify(owner.tag)} ${where}; spell them the same, or choose tags that differ in letters or digits` });
      }
    });
  }
  return problems;
}
