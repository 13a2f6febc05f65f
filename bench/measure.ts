/** Runs a child process and measures its wall time and peak resident memory; medians of repeated runs. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of the non-null values, or null when there are none. */
export function medianOrNull(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : median(present);
}

export interface Measured {
  exitCode: number;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  peakRssMiB: number | null;
}

type RssMethod = 'gnu-time' | 'python-rusage' | 'none';

let rssMethod: RssMethod | undefined;

/**
 * How peak RSS is read: GNU time's %M (KiB) when /usr/bin/time is GNU time; else a python3
 * wrapper reading getrusage(RUSAGE_CHILDREN).ru_maxrss (KiB on Linux); else not at all.
 */
export function peakRssMethod(): RssMethod {
  if (rssMethod !== undefined) return rssMethod;
  const probe = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  if (probe.status === 0 && /^\d+\s*$/m.test(probe.stderr)) rssMethod = 'gnu-time';
  else if (existsSync('/usr/bin/python3')) rssMethod = 'python-rusage';
  else rssMethod = 'none';
  return rssMethod;
}

const PYTHON_RUSAGE_WRAPPER = [
  'import resource, subprocess, sys',
  'code = subprocess.call(sys.argv[2:])',
  'open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))',
  'sys.exit(code)',
].join('\n');

export interface RunOptions {
  cwd?: string;
  /** Kill the process after this many seconds (reported as a failure by the caller). */
  timeoutSeconds?: number;
}

/** Spawns `command args`, never through a shell, and collects its output, wall time and peak RSS. */
export async function runMeasured(command: string, args: readonly string[], options: RunOptions = {}): Promise<Measured> {
  const method = peakRssMethod();
  const scratch = mkdtempSync(join(tmpdir(), 'sift-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  let argv: string[];
  switch (method) {
    case 'gnu-time':
      argv = ['/usr/bin/time', '-f', '%M', '-o', rssFile, command, ...args];
      break;
    case 'python-rusage':
      argv = ['/usr/bin/python3', '-c', PYTHON_RUSAGE_WRAPPER, rssFile, command, ...args];
      break;
    case 'none':
      argv = [command, ...args];
      break;
  }
  try {
    const started = performance.now();
    const { exitCode, stdout, stderr } = await spawnCollect(argv, options);
    const wallSeconds = (performance.now() - started) / 1000;
    let peakRssMiB: number | null = null;
    if (existsSync(rssFile)) {
      // GNU time may prepend "Command exited with non-zero status N"; the figure is the last line.
      const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
      const kib = Number(lines[lines.length - 1]);
      if (Number.isFinite(kib) && kib > 0) peakRssMiB = kib / 1024;
    }
    return { exitCode, stdout, stderr, wallSeconds, peakRssMiB };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Children run in their own process group so that a timeout (or Ctrl-C on the bench) kills the
 * measured program too, not just the /usr/bin/time wrapper around it.
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => liveGroups.forEach(killGroup));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      liveGroups.forEach(killGroup);
      process.exit(130);
    });
  }
}

function spawnCollect(argv: string[], options: RunOptions): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  installExitHook();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid !== undefined) liveGroups.add(pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer =
      options.timeoutSeconds === undefined
        ? undefined
        : setTimeout(() => {
            if (pid !== undefined) killGroup(pid);
          }, options.timeoutSeconds * 1000);
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      if (pid !== undefined) liveGroups.delete(pid);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (pid !== undefined) liveGroups.delete(pid);
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        exitCode: code ?? 128,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: signal ? `${stderr}\n(killed by ${signal}${options.timeoutSeconds ? ` after ${options.timeoutSeconds} s` : ''})` : stderr,
      });
    });
  });
}

/**
 * Throws with the command's own words when it failed, so the report says why: the first line
 * that names an error (a stack trace's last lines rarely do), else the last lines of output.
 */
export function assertSucceeded(what: string, measured: Measured): void {
  if (measured.exitCode === 0) return;
  const lines = (measured.stderr.trim() || measured.stdout.trim()).split('\n').map((l) => l.trim());
  const errorLine = lines.find((l) => /\berror\b|^\w*Error\b/i.test(l) && !l.startsWith('at '));
  const killed = lines.find((l) => l.startsWith('(killed by'));
  const gist = errorLine ?? lines.slice(-3).join(' / ');
  const said = killed !== undefined && !gist.includes(killed) ? `${gist} ${killed}` : gist;
  throw new Error(`${what} exited with code ${measured.exitCode}: ${said.slice(0, 400)}`);
}
