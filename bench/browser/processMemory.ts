/**
 * Chromium's memory per process, read from /proc (Linux): the renderer processes hold the tab and
 * its worker, where Sift reads files and trains, so their resident memory is "the tab's". The
 * sampler reads only the status files of processes found beforehand, so that it takes little CPU.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Each process's parent, from field 4 of /proc/PID/stat (after the parenthesised command, which may hold spaces). */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  return parents;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** `root` and the processes descending from it. */
export function processTree(root: number): number[] {
  const parents = parentsByPid();
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === root) return true;
    return false;
  };
  return [...parents.keys()].filter((pid) => pid === root || isDescendant(pid));
}

/** The renderer processes descending from `root` (the tab and its worker live in one of them). */
export function rendererPids(root: number): number[] {
  return processTree(root).filter((pid) => pid !== root && commandLine(pid).includes('--type=renderer'));
}

/** The browser process of a Chromium started with this profile folder (it alone names it and has no --type), or null. */
export function browserPidForProfile(profileDir: string): number | null {
  for (const pid of parentsByPid().keys()) {
    const args = commandLine(pid).split('\0');
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) return pid;
  }
  return null;
}

/** Sum of VmRSS (MiB) of these processes; only their status files are read, so sampling stays cheap. */
export function rssMiB(pids: readonly number[]): number {
  let kib = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) kib += Number(match[1]);
    } catch {
      // Gone meanwhile.
    }
  }
  return kib / 1024;
}

/** Clock ticks per second of /proc/PID/stat's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) these processes have used so far, from /proc/PID/stat fields 14
 * and 15. On a machine shared with other work, CPU time says what a task cost where wall time
 * also counts the waiting.
 */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** Samples `measure` every `everyMs` until stopped; returns the largest value seen. */
export function peakSampler(measure: () => number, everyMs: number): { stop(): number } {
  let peak = measure();
  const timer = setInterval(() => (peak = Math.max(peak, measure())), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, measure());
    },
  };
}
