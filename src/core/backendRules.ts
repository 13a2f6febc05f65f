/**
 * Sift's rules for where a run trains, beyond one run's `auto` measurement:
 * - Reuse: with `auto`, a choice measured earlier this session (ahead of Train, or by an earlier
 *   run) is trained on at once: the machine has not changed, and measuring again costs seconds
 *   (starting WebGL and compiling its shaders alone takes that long in headless Chromium).
 * - A reused backend that no longer starts (a lost WebGL context) is forgotten and measured afresh.
 * - WebGL failing mid-run (context lost, driver trouble, numbers that stopped being real:
 *   model/faults.ts) does not lose the person's run: it continues on wasm, the backend that
 *   worked everywhere we measured, from the end of the last epoch WebGL finished well (its
 *   weights, history and early-stopping state; the optimisers start afresh there), or from the
 *   start when no epoch had finished; and says so.
 */
import { errorMessage, SiftError } from './errors';
import { BackendFault, type ResumePoint } from './model/faults';
import type { BackendName, BackendReport, TrainCallbacks } from './model/types';
import { trainPrepared, type PreparedTraining, type RunTarget, type TrainOutcome } from './pipeline';

/** A backend choice measured earlier in this session, and on what. */
export interface KnownBackend {
  report: BackendReport;
  fileName: string;
  /** The session clock's time when the measurement finished. */
  at: number;
}

/** What the session remembers between runs. */
export interface BackendMemory {
  known: KnownBackend | null;
}

/** A run that had to move to another backend, and why. */
export interface BackendFallback {
  from: BackendName;
  to: BackendName;
  reason: string;
  /** The epoch in progress when it failed (0: before the first batch). */
  failedInEpoch: number;
  /** Epochs kept from before the failure; the run continues after them (0: it starts over). */
  keptEpochs: number;
}

export interface RuleCallbacks extends TrainCallbacks {
  /** Training waits for the backends to be measured (a few real batches on each). */
  onMeasuring?(): void;
  onFallback?(fallback: BackendFallback): void;
}

/** Errors about the person's data or settings: retrying on another backend would not help. */
function isDataError(e: unknown): boolean {
  return e instanceof SiftError && e.code !== 'TRAINING_FAILED' && e.code !== 'BACKEND_UNAVAILABLE' && e.code !== 'BACKEND_FAULT';
}

/**
 * Trains a prepared run under the rules above. Reports every backend through `onBackend` (after
 * a fallback, once more: the curves continue after the kept epochs), and remembers an `auto`
 * measurement in `memory`.
 * @param now the session's clock, for how long ago a reused measurement was made
 * @param train one attempt on one target (tests pass a stand-in that fails like lost WebGL)
 */
export async function trainWithBackendRules(
  prepared: PreparedTraining,
  memory: BackendMemory,
  callbacks: RuleCallbacks,
  now: () => number,
  train: typeof trainPrepared = trainPrepared,
): Promise<TrainOutcome> {
  const { settings, input } = prepared;
  const reuse = settings.backend === 'auto' ? memory.known : null;
  let backendInUse: BackendName | null = null;
  let stopped = false;
  const shouldStop = () => (stopped = callbacks.shouldStop?.() ?? false);

  /** 'reuse': the remembered backend and path; 'measure': `auto`; or one named backend. */
  const run = (target: 'reuse' | 'measure' | BackendName, resume?: ResumePoint): Promise<TrainOutcome> => {
    if (target === 'measure') callbacks.onMeasuring?.();
    const where: RunTarget =
      target === 'measure' ? { backend: 'auto' } : target !== 'reuse' ? { backend: target } : reuse ? { backend: reuse.report.name, path: reuse.report.path } : { backend: 'auto' };
    return train(
      prepared,
      where,
      {
        ...callbacks,
        shouldStop,
        onBackend: (report) => {
          backendInUse = report.name;
          if (target === 'reuse' && reuse) {
            report = { ...reuse.report, choice: 'reused', measuredOn: { fileName: reuse.fileName, msBefore: Math.max(0, now() - reuse.at) } };
          } else if (target === 'measure') {
            memory.known = { report, fileName: input.fileName ?? 'this file', at: now() };
          }
          callbacks.onBackend?.(report);
        },
      },
      resume ? { resume } : {},
    );
  };

  const first = reuse ? 'reuse' : settings.backend === 'auto' ? 'measure' : settings.backend;
  try {
    return await run(first);
  } catch (e) {
    if (stopped || isDataError(e)) throw e;
    if (first === 'reuse' && backendInUse === null) {
      // The backend measured earlier no longer starts: measure afresh.
      memory.known = null;
      return run('measure');
    }
    if (backendInUse !== 'webgl') throw e;
    // Later runs should not pick WebGL again this session.
    memory.known = null;
    const fault = e instanceof BackendFault ? e : null;
    const resume = fault?.resume ?? undefined;
    callbacks.onFallback?.({ from: 'webgl', to: 'wasm', reason: fault ? fault.reason : errorMessage(e), failedInEpoch: fault?.epoch ?? 0, keptEpochs: resume?.epochs ?? 0 });
    return run('wasm', resume);
  }
}
