/**
 * What the content check worked out for the last build's valid postmortems, so that a second build
 * repeats only what changed:
 * - front matter parsed from YAML, by its text (YAML parsing is most of the check's time: 1.5 of
 *   2.3 s at 1,000 postmortems);
 * - front matter the schema accepted, as the schema returned it, by its text; and bodies that
 *   passed the MDX check, by their text and first line. Both hold only while the code that decides
 *   them is the same (`checkCode`: src/lib, src/settings.ts, the lockfile, Node's version).
 * Kept in Astro's cache folder (`<cacheDir>/hindsight-content-check.json`); what a build did not
 * use is dropped when it is saved. A damaged file or entry is a miss, never an error.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as devalue from 'devalue';
import { filesUnder, hashFiles, writeFileAtomic } from '../site/build-files.ts';

/** What the parsed values depend on: this file's format and the YAML parser's version. */
const FORMAT = `2:yaml@${(createRequire(import.meta.url)('yaml/package.json') as { version: string }).version}`;

interface Saved {
  format: string;
  code: string;
  /** Hash of the YAML text → parsed value, as devalue writes it (Dates and special numbers survive, unlike JSON). */
  parsed: Record<string, string>;
  /** Hash of the YAML text → the schema's output. */
  validated: Record<string, string>;
  /** Hashes of bodies (with their first line and the trusted setting) that passed the MDX check. */
  bodies: string[];
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url');

/** A hash of the code that decides what the check accepts and returns. */
export function checkCode(root: string): string {
  const lib = filesUnder(join(root, 'src', 'lib')).map((file) => join('src', 'lib', file));
  return hashFiles(createHash('sha256').update(process.version), root, [...lib, join('src', 'settings.ts'), 'package-lock.json']).digest('hex');
}

const record = (value: unknown): Record<string, string> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {});

export class ContentCheckCache {
  private readonly path: string;
  private previous: Saved = { format: FORMAT, code: '', parsed: {}, validated: {}, bodies: [] };
  private readonly used: Saved;
  private readonly passedBodies: Set<string>;
  hits = 0;

  /**
   * `path`: the cache file (read now if it exists and has this format); `code`: `checkCode` of
   * this build. No parameter properties here: Node loads astro.config.mjs's imports with type
   * stripping only, which cannot run them.
   */
  constructor(path: string, code: string) {
    this.path = path;
    this.used = { format: FORMAT, code, parsed: {}, validated: {}, bodies: [] };
    try {
      const saved = JSON.parse(readFileSync(path, 'utf8')) as Partial<Saved>;
      if (saved.format === FORMAT) {
        const sameCode = saved.code === code;
        this.previous = { format: FORMAT, code, parsed: record(saved.parsed), validated: sameCode ? record(saved.validated) : {}, bodies: sameCode && Array.isArray(saved.bodies) ? saved.bodies : [] };
      }
    } catch {
      // No cache yet, or one this version cannot read: everything is checked.
    }
    this.passedBodies = new Set(this.previous.bodies);
  }

  private take(kind: 'parsed' | 'validated', text: string): unknown {
    const key = hashOf(text);
    const saved = this.previous[kind][key];
    if (typeof saved !== 'string') return undefined;
    let value: unknown;
    try {
      value = devalue.parse(saved);
    } catch {
      return undefined;
    }
    this.used[kind][key] = saved;
    this.hits++;
    return value;
  }

  /** The value the last build parsed from front matter `yaml`, or undefined. */
  parsed(yaml: string): unknown {
    return this.take('parsed', yaml);
  }
  /** Keeps what `yaml` parsed to (front matter without problems only). */
  keepParsed(yaml: string, value: unknown): void {
    this.used.parsed[hashOf(yaml)] = devalue.stringify(value);
  }

  /** What the schema returned for front matter `yaml` (same code), or undefined. */
  validated(yaml: string): unknown {
    return this.take('validated', yaml);
  }
  /** Keeps what the schema returned for `yaml` (accepted front matter only). */
  keepValidated(yaml: string, value: unknown): void {
    this.used.validated[hashOf(yaml)] = devalue.stringify(value);
  }

  /** Whether a body with this key (text, first line, trusted setting) passed the MDX check (same code). */
  bodyPassed(key: string): boolean {
    const hash = hashOf(key);
    if (!this.passedBodies.has(hash)) return false;
    this.used.bodies.push(hash);
    return true;
  }
  keepBodyPassed(key: string): void {
    this.used.bodies.push(hashOf(key));
  }

  /** Writes what this build used (atomically: builds sharing the folder never read half a file). */
  save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileAtomic(this.path, JSON.stringify({ ...this.used, bodies: [...new Set(this.used.bodies)] } satisfies Saved));
  }
}
