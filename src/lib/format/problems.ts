/** Content problems: one per thing wrong, printed as `file:line: field: message`. */
import type { z } from 'astro/zod';

export interface Problem {
  /** Path relative to the project root, e.g. `content/postmortems/x.mdx`. */
  file: string;
  /** 1-based line of the offending key, where it can be found. */
  line?: number;
  /** Dotted field path (`timeline.3.at`), empty for whole-file problems. */
  field: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Turns one Zod issue into problems (an unknown-keys issue names each key). */
export function problemsFromIssue(file: string, issue: z.core.$ZodIssue): Omit<Problem, 'line'>[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      field: [...path, key].join('.'),
      message: 'unknown field (check the spelling against the format)',
    }));
  }
  let message = issue.message;
  if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) {
    const input = (issue as { input?: unknown }).input;
    message = input === undefined ? `required: expected ${issue.expected}` : `expected ${issue.expected}, got ${describe(input)}`;
  }
  return [{ file, field: path.join('.'), message }];
}
