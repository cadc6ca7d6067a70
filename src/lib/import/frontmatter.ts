/**
 * Front matter a legacy file may already have (Jekyll, Hugo, wiki exports), read leniently: keys
 * match whatever their case or separators (`Incident_ID`, `incident-id`), values may be text,
 * numbers, dates or lists.
 */
import { parse } from 'yaml';

const FRONTMATTER = /^---[ \t]*\n([\s\S]*?)\n?---[ \t]*(?:\n|$)/;
const normalize = (key: string) => key.toLowerCase().replace(/[-_ ]/g, '');

export interface LegacyFrontMatter {
  data: Record<string, unknown>;
  /** The document after the front matter. */
  body: string;
  /** The body's first line in the file. */
  firstLine: number;
  /** The YAML, when it did not parse (it is kept in the body as it is). */
  unparsed?: string;
  /** The first value under any of `keys` (normalised: `incidentid` matches `Incident_ID`). */
  text(...keys: string[]): string | undefined;
  list(...keys: string[]): string[];
  /** The entries whose key is none of `known`. */
  extras(known: ReadonlySet<string>): Record<string, unknown>;
}

export function readLegacyFrontMatter(source: string): LegacyFrontMatter {
  const match = FRONTMATTER.exec(source);
  let data: Record<string, unknown> = {};
  let unparsed: string | undefined;
  if (match) {
    try {
      const parsed = parse(match[1]!) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    } catch {
      unparsed = match[1]!;
    }
  }
  const value = (keys: string[]) => Object.entries(data).find(([k]) => keys.includes(normalize(k)))?.[1];
  return {
    data,
    body: match ? source.slice(match[0].length) : source,
    firstLine: match ? match[0].replace(/\n$/, '').split('\n').length + 1 : 1,
    ...(unparsed !== undefined ? { unparsed } : {}),
    text: (...keys) => {
      const v = value(keys);
      return v instanceof Date ? v.toISOString() : typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    },
    list: (...keys) => {
      const v = value(keys);
      return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/\s*,\s*/).filter(Boolean) : [];
    },
    extras: (known) => Object.fromEntries(Object.entries(data).filter(([k]) => !known.has(normalize(k)))),
  };
}
