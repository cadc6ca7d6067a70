/**
 * Files the build's caches read and write: what a fingerprint hashes (the files of a folder, in a
 * stable order) and how a cache file is written so that builds sharing it never read half a file.
 */
import type { Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir` (relative paths, sorted), leaving out those `skip` names. */
export function filesUnder(dir: string, skip: (relativePath: string) => boolean = () => false): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .filter((f) => !skip(f))
    .sort();
}

/** Adds each file's path (relative to `base`) and contents to `hash`; files that do not exist are left out. */
export function hashFiles(hash: Hash, base: string, files: readonly string[]): Hash {
  for (const file of files) {
    const path = join(base, file);
    if (existsSync(path)) hash.update(`${file}\u0000`).update(readFileSync(path)).update('\u0000');
  }
  return hash;
}

/** Writes `path` through a temporary file and a rename. */
export function writeFileAtomic(path: string, data: string) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
