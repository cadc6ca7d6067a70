/**
 * Workaround for Astro 7's content layer: its glob loader keeps a stored entry whose content digest
 * is unchanged even when the file now comes from another folder (HINDSIGHT_CONTENT_DIR pointed
 * elsewhere). The build then compiles the old folder's file, or fails to resolve it once that folder
 * is gone ("Rolldown failed to resolve import astro:content-layer-deferred-module…"). So each content
 * folder other than the default gets a content store of its own: Astro's `cacheDir`, which holds it.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

/** Astro's `cacheDir` for builds of `HINDSIGHT_CONTENT_DIR` (undefined: Astro's default, `node_modules/.astro`). */
export function contentStoreCacheDir(env: Record<string, string | undefined> = process.env): string | undefined {
  const dir = env.HINDSIGHT_CONTENT_DIR;
  if (!dir) return undefined;
  return `./node_modules/.astro/content-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16)}/`;
}
