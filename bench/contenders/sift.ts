/**
 * Sift's own CLI (`src/cli/main.ts train TRAIN.csv --test TEST.csv --json`), run through the
 * project's tsx directly rather than `npm run sift` so npm's start-up is not timed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../datasets';
import { assertSucceeded, median, runMeasured } from '../measure';
import type { Contender, PreparedDataset, RunContext, RunFigures } from '../types';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');
const TSCONFIG = join(PROJECT_ROOT, 'tsconfig.json');

/**
 * Sift's best settings found so far, as CLI flags, run as `sift-best`; `--sift-args` replaces them.
 * Empty: no alternative measured better than the defaults, so sift-best is not run unless asked
 * for. Mean test accuracy over TREC-6, SMS, THUCNews titles and AG News, seeds 42/1/2, against
 * 0.906 for the defaults: --learning-rate 0.002 0.905, 0.004 0.904; --dropout 0.4 0.905;
 * --embedding-dim 32 0.904 (about twice as fast), 128 0.904. Before n-grams seen once were left
 * out (defaults 0.905 then): --batch-size 128 0.904, --min-count 2 0.904. Retune with the bench
 * as Sift changes.
 */
export const SIFT_BEST_ARGS: readonly string[] = [];

export interface SiftSummary {
  seconds: number;
  backend: string;
  accuracy: number;
  macroF1: number;
  epochs: number;
  examplesPerSecond: number | null;
  /** From the examples to the trained model (the CLI's `fitSeconds`), when reported. */
  fitSeconds: number | null;
  /** Model fitting alone (the CLI's `trainSeconds`), when reported. */
  modelSeconds: number | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the figures the bench needs from the last stdout line of `sift train --json`. */
export function parseSiftJson(stdout: string): SiftSummary {
  const lines = stdout.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`the last line of sift's output is not JSON: ${last.slice(0, 300)}`);
  }
  if (!isRecord(parsed)) throw new Error('sift --json printed something other than an object');
  const test = parsed.test;
  const backend = parsed.backend;
  const epochs = parsed.epochs;
  if (typeof parsed.seconds !== 'number' || !isRecord(test) || typeof test.accuracy !== 'number' || typeof test.macroF1 !== 'number' || !Array.isArray(epochs)) {
    throw new Error(`sift --json lacks seconds, test.accuracy, test.macroF1 or epochs: ${last.slice(0, 300)}`);
  }
  // The contract allows the backend as a name or as a BackendReport ({name, reason, …}).
  const backendName = typeof backend === 'string' ? backend : isRecord(backend) && typeof backend.name === 'string' ? backend.name : 'unknown';
  const speeds = epochs.flatMap((e) => (isRecord(e) && typeof e.examplesPerSecond === 'number' ? [e.examplesPerSecond] : []));
  return {
    seconds: parsed.seconds,
    backend: backendName,
    accuracy: test.accuracy,
    macroF1: test.macroF1,
    epochs: epochs.length,
    examplesPerSecond: speeds.length > 0 ? median(speeds) : null,
    fitSeconds: typeof parsed.fitSeconds === 'number' ? parsed.fitSeconds : null,
    modelSeconds: typeof parsed.trainSeconds === 'number' ? parsed.trainSeconds : null,
  };
}

function makeSiftContender(id: string, extraArgs: readonly string[], settings: string): Contender {
  return {
    id,
    settings,
    trainTimeMeaning: '`fitSeconds` reported by `sift train --json` (split, tokenize, vocabulary, training with its per-epoch validation)',
    async preflight() {
      if (!existsSync(CLI)) return `${CLI} does not exist yet: the Sift CLI is needed for ${id} (leave it out with --contenders).`;
      if (!existsSync(TSX)) return `${TSX} is missing: run npm install in ${PROJECT_ROOT}.`;
      // `--help` loads every module of the CLI: it proves the CLI starts, and it fills tsx's
      // transpile cache so that the first timed run does not pay for compiling TypeScript.
      const probe = spawnSync(TSX, ['--tsconfig', TSCONFIG, CLI, '--help'], { encoding: 'utf8', cwd: tmpdir() });
      if (probe.status !== 0) {
        const said = probe.stderr.split('\n').find((l) => /error/i.test(l)) ?? probe.stderr.trim().split('\n').slice(-1)[0];
        return `the Sift CLI does not start (${id}): ${said ?? `exit code ${String(probe.status)}`}`;
      }
      return null;
    },
    async run(dataset: PreparedDataset, { workDir, timeoutSeconds }: RunContext): Promise<RunFigures> {
      // Run inside the scratch folder so anything the CLI writes lands there; --tsconfig keeps
      // the "@/" import alias working away from the project root.
      const measured = await runMeasured(
        TSX,
        ['--tsconfig', TSCONFIG, CLI, 'train', dataset.trainPath, '--test', dataset.testPath, '--out', join(workDir, 'model.sift.zip'), '--json', ...extraArgs],
        { cwd: workDir, timeoutSeconds },
      );
      assertSucceeded('sift train', measured);
      const summary = parseSiftJson(measured.stdout);
      return {
        accuracy: summary.accuracy,
        macroF1: summary.macroF1,
        // fitSeconds times what scikit-learn's fit_transform + fit does (no test-set scoring);
        // an older CLI without it reports only `seconds`, which also scores validation and test.
        trainSeconds: summary.fitSeconds ?? summary.seconds,
        processSeconds: measured.wallSeconds,
        peakRssMiB: measured.peakRssMiB,
        details: {
          backend: summary.backend,
          epochs: summary.epochs,
          examplesPerSecond: summary.examplesPerSecond,
          seconds: summary.seconds,
          trainSeconds: summary.modelSeconds,
        },
      };
    },
  };
}

/** sift-default, plus sift-best when there are best settings other than the defaults. */
export function siftContenders(bestArgs: readonly string[] | null): Contender[] {
  const best = bestArgs ?? SIFT_BEST_ARGS;
  if (best.length === 0) {
    return [makeSiftContender('sift-default', [], 'DEFAULT_SETTINGS (src/core/settings.ts), also the best settings measured (SIFT_BEST_ARGS is empty)')];
  }
  return [
    makeSiftContender('sift-default', [], 'DEFAULT_SETTINGS (src/core/settings.ts)'),
    makeSiftContender('sift-best', best, `defaults plus ${best.join(' ')}`),
  ];
}
