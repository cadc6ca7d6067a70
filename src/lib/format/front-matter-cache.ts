/**
 * The parsed front matter of the last build's valid postmortems, by its YAML text: a second build
 * parses only the front matter that changed. YAML parsing is most of the content check's time
 * (1.5 of 2.3 s at 1,000 postmortems). Kept in Astro's cache folder (`<cacheDir>/hindsight-front-matter.json`);
 * what this build did not use is dropped when it is saved.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as devalue from 'devalue';

/** What the cached values depend on: this file's format and the YAML parser's version. */
const FORMAT = `1:yaml@${(createRequire(import.meta.url)('yaml/package.json') as { version: string }).version}`;

interface Saved {
  format: string;
  /** YAML text hash → parsed value, as devalue writes it (Dates and special numbers survive, unlike JSON). */
  entries: Record<string, string>;
}

const hashOf = (yaml: string) => createHash('sha256').update(yaml).digest('base64url');

export class FrontMatterCache {
  private readonly path: string;
  private previous: Record<string, string> = {};
  private readonly used: Record<string, string> = {};
  hits = 0;

  /**
   * `path`: the cache file (read now if it exists and has this format). No parameter properties
   * here: Node loads astro.config.mjs's imports with type stripping only, which cannot run them.
   */
  constructor(path: string) {
    this.path = path;
    try {
      const saved = JSON.parse(readFileSync(path, 'utf8')) as Saved;
      if (saved.format === FORMAT) this.previous = saved.entries;
    } catch {
      // No cache yet, or one this version cannot read: everything is parsed.
    }
  }

  /** The value the last build parsed from `yaml`, or undefined. */
  get(yaml: string): unknown {
    const key = hashOf(yaml);
    const saved = this.previous[key];
    if (saved === undefined) return undefined;
    this.used[key] = saved;
    this.hits++;
    return devalue.parse(saved);
  }

  /** Keeps what `yaml` parsed to (front matter without problems only). */
  set(yaml: string, value: unknown): void {
    this.used[hashOf(yaml)] = devalue.stringify(value);
  }

  /** Writes what this build used (atomically: builds sharing the folder never read half a file). */
  save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, entries: this.used } satisfies Saved));
    renameSync(tmp, this.path);
  }
}
