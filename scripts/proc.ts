/**
 * Process figures from Linux's /proc for the benchmarks (scripts/bench.ts, scripts/bench-charts.ts):
 * a process tree, its CPU time and its memory.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;
/** Clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
export const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command (which may contain spaces) in parentheses. */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** `rootPid` and every process descending from it. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(statFields(name)[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * CPU time of a process in clock ticks (user + system: fields 14 and 15 of stat), with its exited
 * children's (16 and 17) when `withExitedChildren`; undefined once it is gone.
 */
export function cpuTicksOf(pid: number, { withExitedChildren = false } = {}): number | undefined {
  try {
    const fields = statFields(pid);
    return Number(fields[11]) + Number(fields[12]) + (withExitedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  } catch {
    return undefined;
  }
}

export function rssOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
}

/**
 * Proportional set size: a process's share of the memory it uses. Summing RSS over Chromium's
 * processes would count its shared code once per process (about twice its real use).
 */
export function pssOf(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return rssOf(pid);
  }
}
