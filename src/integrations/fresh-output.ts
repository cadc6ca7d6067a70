/**
 * The output folder holds exactly what this build produced, or (when the build fails) what the last
 * successful build produced: the build writes into a fresh staging folder next to `outDir`, and the
 * staging folder replaces `outDir` only once every other integration's `astro:build:done` has run
 * (this integration must be the last one). A build that fails leaves no staging folder and no
 * `.prerender/` chunks behind: they hold postmortem data, internal and draft ones included. The
 * replaced output moves to `<Astro cacheDir>/hindsight-trash/` and is deleted there in the
 * background, so the build does not wait for thousands of deletions.
 *
 * Workaround for Astro 7: `core/build/static-build.js` empties the output folder with
 * `emptyDir(outDir, new Set(".git"))`, and a Set built from a string is the set of its characters
 * `. g i t`, so top-level files and folders named `i`, `g`, `t` or `.` survive every build (stale
 * `/i/<id>/` short links of deleted, renamed and internal postmortems). A fresh folder has no
 * leftovers whatever Astro empties; `.git` (a deploy repository) is carried over, as Astro means to.
 * Astro also keeps its prerender chunks in `outDir/.prerender/` (or `<cwd>/.astro/.prerender/` when
 * `outDir` is outside the working directory) and removes them only on success.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const STAGING_MARK = '.building-';

/** True when a process with this id is running (a concurrent build owns its staging folder). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the staging folders that builds which did not finish left next to `target`. */
function removeAbandonedStaging(target: string) {
  const parent = dirname(target);
  const prefix = `.${basename(target)}${STAGING_MARK}`;
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid !== process.pid && isRunning(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Deletes `dir` in a detached process, so the build does not wait for it (thousands of files: about
 * 0.7 s at 1,000 postmortems). Errors are ignored: what is left is deleted by the next build.
 */
function deleteInBackground(dir: string) {
  spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], { detached: true, stdio: 'ignore' }).unref();
}

/** Deletes, in the background, what earlier builds moved to `trash` (see deleteInBackground). */
function emptyTrash(trash: string) {
  if (!existsSync(trash)) return;
  for (const name of readdirSync(trash)) deleteInBackground(join(trash, name));
}

/**
 * Moves the output a build replaces into `trash` and deletes it there in the background; where it
 * cannot be moved (the cache folder is on another file system), deletes it now.
 */
function retire(dir: string, trash: string) {
  const to = join(trash, `${process.pid}-${Date.now()}`);
  try {
    mkdirSync(trash, { recursive: true });
    renameSync(dir, to);
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  deleteInBackground(to);
}

/** `afterSwap`: what must happen once the new output is in place (and never when the build failed). */
export function freshOutput({ afterSwap }: { afterSwap?: () => void } = {}): AstroIntegration {
  let target = '';
  let staging = '';
  /** Where the replaced output goes to be deleted in the background: in Astro's cache folder, out of the output's parent. */
  let trash = '';
  /** Where Astro puts the prerender chunks for this build (see the module comment). */
  let prerenderDir = '';
  let succeeded = false;
  const cleanUp = () => {
    if (succeeded || !staging) return;
    rmSync(staging, { recursive: true, force: true });
    rmSync(prerenderDir, { recursive: true, force: true });
  };
  return {
    name: 'hindsight:fresh-output',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        target = fileURLToPath(config.outDir).replace(/[\\/]+$/, '');
        removeAbandonedStaging(target);
        trash = join(fileURLToPath(config.cacheDir), 'hindsight-trash');
        emptyTrash(trash);
        staging = join(dirname(target), `.${basename(target)}${STAGING_MARK}${process.pid}-${Date.now()}`);
        prerenderDir = staging.startsWith(process.cwd()) ? join(staging, '.prerender') : join(process.cwd(), '.astro', '.prerender');
        rmSync(prerenderDir, { recursive: true, force: true });
        succeeded = false;
        updateConfig({ outDir: pathToFileURL(`${staging}/`) });
        // A failed build exits (the CLI) or throws (in-process builds end with their process).
        process.once('exit', cleanUp);
      },
      'astro:build:done': () => {
        if (!staging) return;
        if (existsSync(join(target, '.git'))) renameSync(join(target, '.git'), join(staging, '.git'));
        if (existsSync(target)) retire(target, trash);
        renameSync(staging, target);
        rmSync(prerenderDir, { recursive: true, force: true });
        succeeded = true;
        process.removeListener('exit', cleanUp);
        afterSwap?.();
      },
    },
  };
}
