/**
 * The disk cache of rendered diagrams: one file per key (`<dir>/<k0k1>/<key>.svg`), written
 * atomically so that builds sharing the cache never read half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const cachePath = (dir: string, key: string) => join(dir, key.slice(0, 2), `${key}.svg`);

export const isCached = (dir: string, key: string) => existsSync(cachePath(dir, key));

export function readCached(dir: string, key: string): string | undefined {
  try {
    return readFileSync(cachePath(dir, key), 'utf8');
  } catch {
    return undefined;
  }
}

export function writeCached(dir: string, key: string, svg: string) {
  const path = cachePath(dir, key);
  mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, svg);
  renameSync(tmp, path);
}

/** The id a diagram is rendered with: derived from its key, so a cached SVG stays self-consistent. */
export const renderIdFor = (key: string) => `hsd${key.slice(0, 20)}`;
