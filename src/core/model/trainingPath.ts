/**
 * Which backend and which training path a run uses. Two paths compute the same step
 * (stepTrainer.ts; a test checks they take the same steps):
 * - 'sparse' (sparse/): embedding bag and row-wise Adagrad in JS, dense layers on the backend;
 * - 'graph' (graph/): the whole model as tfjs variables on the backend, tfjs autodiff.
 * `auto` times real batches on each backend (and, where both have a chance, each path) and keeps
 * the fastest; the result is a BackendReport that says, as data, what was measured.
 */
import { SiftError } from '../errors';
import { chooseBackend, isSoftwareRenderer, webglRenderer } from './backend';
import { fastestPath } from './backendReport';
import { bagBatch, corpusSize, identityOrder, type BagBatch } from './batch';
import { GraphTrainer } from './graph/graphTrainer';
import { initialWeights } from './init';
import { SparseTrainer } from './sparse/sparseTrainer';
import type { InitialWeights, StepTrainer, TrainerOptions } from './stepTrainer';
import type { BackendChoice, BackendName, BackendReport, Hyperparameters, ModelShape, ModelWeights, PathSpeeds, TrainData, TrainingPath, TrainingPathChoice } from './types';

/**
 * How `auto` times a backend: a few warm-up batches (webgl compiles its shaders then), then real
 * batches until enough time has passed for a stable figure, within a batch limit.
 */
const PROBE_WARMUP_BATCHES = 3;
const PROBE_MIN_MS = 250;
const PROBE_MAX_BATCHES = 40;

const now = (): number => performance.now();

/** Lets queued messages and timers run (a macrotask, not just a microtask). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * 'balanced': n / (k · count_c) per class, as in scikit-learn, with k the number of classes present
 * in the training labels (so the average example weight stays 1); absent classes get 0.
 */
export function balancedClassWeights(labels: Int32Array, numClasses: number): Float32Array {
  const counts = new Float64Array(numClasses);
  for (const c of labels) counts[c]++;
  const present = counts.filter((n) => n > 0).length;
  const weights = new Float32Array(numClasses);
  for (let c = 0; c < numClasses; c++) weights[c] = counts[c] > 0 ? labels.length / (present * counts[c]) : 0;
  return weights;
}

export function trainerOptions(data: TrainData, shape: ModelShape, hp: Hyperparameters): TrainerOptions {
  return {
    learningRate: hp.learningRate,
    dropout: hp.dropout,
    classWeights: hp.classWeighting === 'balanced' ? balancedClassWeights(data.train.labels, shape.numClasses) : null,
    seed: (hp.seed ^ 0x5bd1e995) >>> 0, // dropout masks: a stream apart from initialisation and shuffling
  };
}

export function makeTrainer(path: TrainingPath, initial: ModelWeights, options: TrainerOptions, ownership: InitialWeights): StepTrainer {
  switch (path) {
    case 'sparse':
      return new SparseTrainer(initial, options, ownership);
    case 'graph':
      return new GraphTrainer(initial, options);
  }
}

/**
 * The paths worth measuring on a backend. The graph path (a dense update of the whole [V, d]
 * table every step) only has a chance where a GPU does table-sized work in parallel: on wasm and
 * cpu it measured 5–80× slower (docs/decisions.md, 2026-11), so they run sparse without timing
 * it; a GPU emulated on the CPU (SwiftShader) measured ~8× slower and its shader compilation
 * alone costs seconds, so it is skipped there too.
 */
export function candidatePaths(backend: BackendName, choice: TrainingPathChoice): TrainingPath[] {
  if (choice !== 'auto') return [choice];
  if (backend === 'webgl' && !isSoftwareRenderer(webglRenderer())) return ['graph', 'sparse'];
  return ['sparse'];
}

/** Training speed (examples/s) of one path on the active backend, on real batches. */
async function measurePath(path: TrainingPath, data: TrainData, shape: ModelShape, hp: Hyperparameters, initial: ModelWeights): Promise<number> {
  const trainer = makeTrainer(path, initial, trainerOptions(data, shape, hp), 'copy');
  try {
    const n = corpusSize(data.train);
    const order = identityOrder(n);
    const batchAt = (b: number): BagBatch => {
      const start = (b * hp.batchSize) % n;
      return bagBatch(data.train, order, start, Math.min(n, start + hp.batchSize), hp.sequenceLength);
    };
    // A path slow enough to spend the whole budget warming up is already measured as slow: cut
    // its warm-up short rather than keep the person waiting for a figure that will not win.
    const warmupStarted = now();
    let b = 0;
    while (b < PROBE_WARMUP_BATCHES && now() - warmupStarted < PROBE_MIN_MS) trainer.step(batchAt(b++));
    let examples = 0;
    const started = now();
    for (const last = b + PROBE_MAX_BATCHES; b < last && (examples === 0 || now() - started < PROBE_MIN_MS); b++) {
      const batch = batchAt(b);
      trainer.step(batch);
      examples += batch.size;
    }
    const seconds = (now() - started) / 1000;
    await yieldToEventLoop();
    return examples / Math.max(1e-6, seconds);
  } finally {
    trainer.dispose();
  }
}

async function measurePaths(paths: TrainingPath[], data: TrainData, shape: ModelShape, hp: Hyperparameters, initial: ModelWeights): Promise<PathSpeeds> {
  const speeds: PathSpeeds = {};
  for (const path of paths) speeds[path] = await measurePath(path, data, shape, hp, initial);
  return speeds;
}

export interface PathDecision {
  path: TrainingPath;
  how: BackendReport['pathChoice'];
  /** The speeds the decision rests on, when paths were timed. */
  speeds?: PathSpeeds;
}

/**
 * Picks the training path on the backend that `chooseBackend` started, timing the candidates now
 * unless `measured` already holds their speeds (auto measured them while choosing the backend).
 */
export async function choosePath(
  backend: BackendName,
  choice: TrainingPathChoice,
  measured: PathSpeeds | undefined,
  measure: (paths: TrainingPath[]) => Promise<PathSpeeds>,
): Promise<PathDecision> {
  const candidates = candidatePaths(backend, choice);
  if (candidates.length === 1) return { path: candidates[0], how: choice === 'auto' ? 'only' : 'user' };
  const speeds = measured ?? (await measure(candidates));
  const best = fastestPath(speeds);
  if (!best) throw new SiftError('TRAINING_FAILED', 'Could not measure any training path.');
  return { path: best.path, how: 'measured', speeds };
}

/**
 * Starts the backend for `backend` (measuring where it is `auto`) and picks the path on it.
 * @param start the weights to train from (a resumed run's); default: seeded initial weights
 * @returns the report and the initial weights the measurements used (the run trains them in place)
 */
export async function chooseBackendAndPath(
  data: TrainData,
  shape: ModelShape,
  hp: Hyperparameters,
  backend: BackendChoice,
  pathChoice: TrainingPathChoice,
  start?: ModelWeights,
): Promise<{ report: BackendReport; initial: ModelWeights }> {
  const initial = start ?? initialWeights(shape, hp.seed);
  const measured = new Map<BackendName, PathSpeeds>();
  const measure = (paths: TrainingPath[]): Promise<PathSpeeds> => measurePaths(paths, data, shape, hp, initial);
  const chosen = await chooseBackend(backend, async (name) => {
    const speeds = await measure(candidatePaths(name, pathChoice));
    measured.set(name, speeds);
    return speeds;
  });
  const path = await choosePath(chosen.name, pathChoice, measured.get(chosen.name), measure);
  const measurements = chosen.choice === 'measured' ? chosen.measurements : path.speeds ? [{ name: chosen.name, speeds: path.speeds }] : [];
  return { report: { name: chosen.name, path: path.path, choice: chosen.choice, pathChoice: path.how, measurements }, initial };
}
