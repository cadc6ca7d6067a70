/**
 * The disk cache of rendered diagrams: one file per key (`<dir>/<k0k1>/<key>.svg`), written
 * atomically so that builds sharing the cache never read half a file.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../site/build-files.ts';

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
  writeFileAtomic(path, svg);
}

/**
 * What is worth keeping of Mermaid's SVG: without the ids of every bar and label (nothing refers
 * to them; the root id scopes the stylesheet) and the `width-123.45` classes Mermaid leaves on
 * labels. About a seventh smaller, in every page that inlines it.
 */
export function slimSvg(svg: string, renderId: string): string {
  return svg
    .replace(new RegExp(` id="${renderId}-[^"]*"`, 'g'), '')
    .replace(/ width-\d+(?:\.\d+)?(?=[ "])/g, '');
}

/** The id a diagram is rendered with: derived from its key, so a cached SVG stays self-consistent. */
export const renderIdFor = (key: string) => `hsd${key.slice(0, 20)}`;
