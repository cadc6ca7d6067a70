/**
 * The output folder holds exactly what this build produced, or (when the build fails) what the last
 * successful build produced: the build writes into a fresh staging folder next to `outDir`, and the
 * staging folder replaces `outDir` only once every other integration's `astro:build:done` has run
 * (this integration must be the last one). A build that fails leaves no staging folder and no
 * `.prerender/` chunks behind: they hold postmortem data, internal and draft ones included.
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
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
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

/** `afterSwap`: what must happen once the new output is in place (and never when the build failed). */
export function freshOutput({ afterSwap }: { afterSwap?: () => void } = {}): AstroIntegration {
  let target = '';
  let staging = '';
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
        const previous = `${staging}.previous`;
        if (existsSync(join(target, '.git'))) renameSync(join(target, '.git'), join(staging, '.git'));
        if (existsSync(target)) renameSync(target, previous);
        renameSync(staging, target);
        rmSync(previous, { recursive: true, force: true });
        rmSync(prerenderDir, { recursive: true, force: true });
        succeeded = true;
        process.removeListener('exit', cleanUp);
        afterSwap?.();
      },
    },
  };
}
