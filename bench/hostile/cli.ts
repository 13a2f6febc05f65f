/** The hostile bundles through Node: the whole `sift predict` process, and importBundle alone. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../datasets';
import { runMeasured } from '../measure';
import type { Refusal } from './types';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const TSCONFIG = join(PROJECT_ROOT, 'tsconfig.json');
const CLI = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');
const REFUSE = join(PROJECT_ROOT, 'bench', 'hostile', 'refuse.ts');
const TIMEOUT_SECONDS = 300;

function lastJson(stdout: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `sift predict FILE hello --json`, start to exit, with the process's peak RSS. */
export async function cliRefusal(path: string): Promise<Refusal> {
  const run = await runMeasured(TSX, ['--tsconfig', TSCONFIG, CLI, 'predict', path, 'hello', '--json'], { cwd: PROJECT_ROOT, timeoutSeconds: TIMEOUT_SECONDS });
  const error = lastJson(run.stdout).error as { code?: unknown } | undefined;
  const errorCode = run.exitCode === 0 ? null : typeof error?.code === 'string' ? error.code : `exit ${run.exitCode}`;
  return { errorCode, seconds: run.wallSeconds, peakMiB: run.peakRssMiB };
}

/** importBundle alone, timed inside a process of its own (bench/hostile/refuse.ts). */
export async function inProcessRefusal(path: string): Promise<Refusal> {
  const run = await runMeasured(TSX, ['--tsconfig', TSCONFIG, REFUSE, path], { cwd: PROJECT_ROOT, timeoutSeconds: TIMEOUT_SECONDS });
  const figures = lastJson(run.stdout);
  if (typeof figures.seconds !== 'number') {
    return { errorCode: `exit ${run.exitCode}: ${run.stderr.trim().split('\n').at(-1) ?? ''}`.slice(0, 200), seconds: run.wallSeconds, peakMiB: run.peakRssMiB };
  }
  return {
    errorCode: typeof figures.errorCode === 'string' ? figures.errorCode : null,
    seconds: figures.seconds,
    peakMiB: typeof figures.peakMiB === 'number' ? figures.peakMiB : run.peakRssMiB,
  };
}
