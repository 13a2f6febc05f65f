/**
 * The training loop: backend choice, seeded shuffling per epoch, dynamic padding per batch,
 * progress callbacks, stop requests, and early stopping on val_loss with the best weights restored.
 *
 * Measured in Node on the project's 2-core machine (defaults, batches of 64, wasm, steady state):
 * TREC ~35,000–45,000 and THUCNews titles ~30,000 examples/s; the first epoch runs at about half
 * that while V8 compiles the step. The "everything on the backend" design (the whole [V, d]
 * table as a tf.variable, the fused embedding bag, tfjs autodiff and a dense optimiser over the
 * table) ran ~960 examples/s on wasm and ~80 on cpu on the same data: updating the whole table
 * every step dominated. See trainer.ts for how a step is split between JS and the backend.
 */
import { SiftError } from '../errors';
import { createRandom, shuffleInPlace } from '../random';
import type { EncodedCorpus } from '../text/types';
import { chooseBackend, isSoftwareRenderer, webglRenderer } from './backend';
import { bagBatch, corpusBatches, corpusSize, identityOrder, type BagBatch } from './batch';
import { GraphTrainer } from './graphTrainer';
import { initialWeights } from './init';
import type { InitialWeights, StepTrainer, TrainerOptions } from './stepTrainer';
import { Trainer } from './trainer';
import type { BackendChoice, BackendName, BackendReport, EpochLog, TrainingPath, TrainingPathChoice, Hyperparameters, ModelShape, ModelWeights, StopReason, TrainCallbacks, TrainResult } from './types';

export interface TrainData {
  train: EncodedCorpus;
  validation: EncodedCorpus | null;
}

/** Options that are not training settings: for tests and benchmarks. */
export interface TrainOptions {
  /**
   * How a step is computed (stepTrainer.ts). 'auto' (the default) measures both paths on webgl
   * and keeps the faster; on wasm and cpu it takes 'sparse' (see candidatePaths for why).
   */
  trainingPath?: TrainingPathChoice;
}

/** Evaluation needs no gradients, so it runs in larger batches than training. */
const EVAL_BATCH_SIZE = 256;
/** Yield to the event loop at least this often, so stop requests and progress messages get through. */
const YIELD_EVERY_MS = 50;
/**
 * How `auto` times a backend: a few warm-up batches (webgl compiles its shaders then), then real
 * batches until enough time has passed for a stable figure, within a batch limit.
 */
const PROBE_WARMUP_BATCHES = 3;
const PROBE_MIN_MS = 250;
const PROBE_MAX_BATCHES = 40;

function now(): number {
  return performance.now();
}

/** Lets queued messages and timers run (a macrotask, not just a microtask). */
function yieldToEventLoop(): Promise<void> {
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

function validate(data: TrainData, shape: ModelShape, hp: Hyperparameters): void {
  const n = corpusSize(data.train);
  if (n === 0) throw new SiftError('NO_EXAMPLES', 'There are no training examples to learn from.');
  if (data.train.labels.length !== n) throw new SiftError('TRAINING_FAILED', 'Every training example needs a label.');
  if (shape.numClasses < 2) throw new SiftError('SINGLE_CLASS', 'Training needs at least two different labels.');
  if (hp.batchSize < 1 || hp.epochs < 1) throw new SiftError('INVALID_OPTION', 'batchSize and epochs must be at least 1.');
  for (const corpus of [data.train, data.validation]) {
    if (!corpus) continue;
    for (const c of corpus.labels) {
      if (c < 0 || c >= shape.numClasses) throw new SiftError('TRAINING_FAILED', `A label index (${c}) is outside the ${shape.numClasses} classes.`);
    }
    for (const id of corpus.ids) {
      if (id < 0 || id >= shape.vocabSize) throw new SiftError('TRAINING_FAILED', `A token id (${id}) is outside the vocabulary of ${shape.vocabSize}.`);
    }
  }
}

function trainerOptions(data: TrainData, shape: ModelShape, hp: Hyperparameters): TrainerOptions {
  return {
    learningRate: hp.learningRate,
    dropout: hp.dropout,
    classWeights: hp.classWeighting === 'balanced' ? balancedClassWeights(data.train.labels, shape.numClasses) : null,
    seed: (hp.seed ^ 0x5bd1e995) >>> 0, // dropout masks: a stream apart from initialisation and shuffling
  };
}

function makeTrainer(path: TrainingPath, initial: ModelWeights, options: TrainerOptions, ownership: InitialWeights): StepTrainer {
  switch (path) {
    case 'sparse':
      return new Trainer(initial, options, ownership);
    case 'graph':
      return new GraphTrainer(initial, options);
  }
}

/**
 * The paths worth measuring on a backend. The graph path (whole model as tensors, a dense update
 * of the [V, d] table every step) only has a chance where a GPU does table-sized work in
 * parallel. Measured in Node on TREC (4,362 texts, vocabulary 31,346, defaults, batches of 64;
 * 2 busy cores, so ranges):
 * wasm sparse 7,500–13,500 examples/s vs graph 940–2,400; cpu sparse ~4,100 vs graph ~48 (the
 * per-op cost and the dense update of the whole table dominate). So wasm and cpu skip the
 * measurement and run sparse; webgl measures both (headless Chromium on SwiftShader, no GPU, same
 * sizes: sparse ~1,170 vs graph ~145, so there too sparse wins; a real GPU may turn that round).
 * (Measured when both paths trained the embedding with Adam; the sparse path has only gained
 * from row-wise Adagrad, which made its step ~1.4× faster.)
 */
function candidatePaths(backend: BackendName, choice: TrainingPathChoice): TrainingPath[] {
  if (choice !== 'auto') return [choice];
  // On a GPU emulated by the CPU the graph path measured ~12× slower (above), and measuring it
  // costs seconds of shader compilation before the first batch: not worth it there.
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

/** Measured examples/s per training path. */
export type PathSpeeds = Partial<Record<TrainingPath, number>>;

/** Measures each candidate path on the active backend. */
async function measurePaths(paths: TrainingPath[], data: TrainData, shape: ModelShape, hp: Hyperparameters, initial: ModelWeights): Promise<PathSpeeds> {
  const speeds: PathSpeeds = {};
  for (const path of paths) speeds[path] = await measurePath(path, data, shape, hp, initial);
  return speeds;
}

/** The fastest measured path; on a tie the earlier of candidatePaths' order. */
function fastestPath(speeds: PathSpeeds): { path: TrainingPath; examplesPerSecond: number } | null {
  let best: { path: TrainingPath; examplesPerSecond: number } | null = null;
  for (const path of ['graph', 'sparse'] as const) {
    const speed = speeds[path];
    if (speed !== undefined && (best === null || speed > best.examplesPerSecond)) best = { path, examplesPerSecond: speed };
  }
  return best;
}

function pathWords(path: TrainingPath, backend: BackendName): string {
  switch (path) {
    case 'graph':
      return `whole model on ${backend} (graph path)`;
    case 'sparse':
      return `embedding in JS, dense layers on ${backend} (sparse path)`;
  }
}

/**
 * Picks the training path for the backend `chooseBackend` started (measuring it now where that
 * has not happened yet) and adds it to the report: `path`, each measurement's path, and a clause
 * in `reason` when there was a choice to make.
 */
export async function choosePath(
  report: BackendReport,
  choice: TrainingPathChoice,
  measured: Map<BackendName, PathSpeeds>,
  measure: (paths: TrainingPath[]) => Promise<PathSpeeds>,
): Promise<BackendReport> {
  const candidates = candidatePaths(report.name, choice);
  const measurements = report.measurements.map((m) => {
    const fastest = fastestPath(measured.get(m.name) ?? {});
    return fastest ? { ...m, path: fastest.path } : m;
  });
  if (candidates.length === 1) {
    const path = candidates[0];
    const reason = choice === 'auto' ? report.reason : `${report.reason}; ${pathWords(path, report.name)}, chosen by you`;
    return { ...report, reason, measurements, path };
  }
  const speeds = measured.get(report.name) ?? (await measure(candidates));
  const best = fastestPath(speeds);
  if (!best) throw new SiftError('TRAINING_FAILED', 'Could not measure any training path.');
  const others = candidates
    .filter((p) => p !== best.path)
    .map((p) => `${p} ${Math.round(speeds[p] ?? 0)}/s`)
    .join(', ');
  const reason = `${report.reason}; ${pathWords(best.path, report.name)}, ${Math.round(best.examplesPerSecond)}/s vs ${others}`;
  return { ...report, reason, measurements, path: best.path };
}

/**
 * Trains Embedding → masked mean → Dense(relu) → Dense(softmax) on encoded texts.
 *
 * @param data train and optional validation corpora (labels are class indices < shape.numClasses)
 * @param backend 'auto' measures the available backends on a few batches and keeps the fastest
 * @param options trainingPath: force the 'sparse' or 'graph' path (tests, benchmarks)
 * @returns the kept weights — those of the best val_loss epoch when there is validation data,
 *   else the latest (after a stop request: of the epoch in progress) — the per-epoch history, why
 *   training stopped and which backend and training path ran
 * @throws SiftError NO_EXAMPLES, SINGLE_CLASS, TRAINING_FAILED, INVALID_OPTION, BACKEND_UNAVAILABLE
 */
export async function trainModel(
  data: TrainData,
  shape: ModelShape,
  hp: Hyperparameters,
  backend: BackendChoice,
  callbacks: TrainCallbacks = {},
  options: TrainOptions = {},
): Promise<TrainResult> {
  const started = now();
  validate(data, shape, hp);
  const initial = initialWeights(shape, hp.seed);
  const pathChoice = options.trainingPath ?? 'auto';
  const measured = new Map<BackendName, PathSpeeds>();
  const measure = (paths: TrainingPath[]): Promise<PathSpeeds> => measurePaths(paths, data, shape, hp, initial);
  const backendReport = await chooseBackend(backend, async (name) => {
    const speeds = await measure(candidatePaths(name, pathChoice));
    measured.set(name, speeds);
    return fastestPath(speeds)?.examplesPerSecond ?? 0;
  });
  const report = await choosePath(backendReport, pathChoice, measured, measure);
  callbacks.onBackend?.(report);

  // The measurements are done with `initial`, so the trainer can train it in place.
  const trainer = makeTrainer(report.path ?? 'sparse', initial, trainerOptions(data, shape, hp), 'adopt');
  try {
    return await runEpochs(trainer, data, hp, report, callbacks, started);
  } finally {
    trainer.dispose();
  }
}

/** The epoch loop, on whichever path `trainer` computes its steps. */
async function runEpochs(
  trainer: StepTrainer,
  data: TrainData,
  hp: Hyperparameters,
  report: BackendReport,
  callbacks: TrainCallbacks,
  started: number,
): Promise<TrainResult> {
  const n = corpusSize(data.train);
  const batchesPerEpoch = Math.ceil(n / hp.batchSize);
  const order = Array.from(identityOrder(n)); // shuffled in place each epoch
  const shuffleRandom = createRandom((hp.seed ^ 0x2545f491) >>> 0);
  const validation = data.validation && corpusSize(data.validation) > 0 ? data.validation : null;
  const history: EpochLog[] = [];
  let best: { epoch: number; valLoss: number; weights: ModelWeights } | null = null;
  let snapshot: ModelWeights | undefined;
  let epochsWithoutImprovement = 0;
  let stopReason: StopReason = 'completed';
  let lastYield = now();
  let epoch = 0;

  training: while (epoch < hp.epochs) {
    epoch++;
    shuffleInPlace(order, shuffleRandom);
    const epochStart = now();
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    for (let b = 0; b < batchesPerEpoch; b++) {
      if (callbacks.shouldStop?.()) {
        stopReason = 'user';
        break training;
      }
      const batch = bagBatch(data.train, order, b * hp.batchSize, Math.min(n, (b + 1) * hp.batchSize), hp.sequenceLength);
      const step = trainer.step(batch);
      if (!Number.isFinite(step.loss)) {
        throw new SiftError('TRAINING_FAILED', `Training diverged (loss ${step.loss}) in epoch ${epoch}; try a smaller learning rate.`);
      }
      lossSum += step.loss * batch.size;
      correct += step.correct;
      seen += batch.size;
      callbacks.onBatch?.({
        epoch,
        batch: b + 1,
        batchesPerEpoch,
        loss: step.loss,
        accuracy: step.correct / batch.size,
        examplesPerSecond: seen / Math.max(1e-6, (now() - epochStart) / 1000),
      });
      if (now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = now();
      }
    }
    const trainSeconds = (now() - epochStart) / 1000;
    const val = validation ? trainer.evaluate(corpusBatches(validation, EVAL_BATCH_SIZE, hp.sequenceLength)) : null;
    const log: EpochLog = {
      epoch,
      loss: lossSum / seen,
      accuracy: correct / seen,
      valLoss: val ? val.loss : null,
      valAccuracy: val ? val.accuracy : null,
      examplesPerSecond: seen / Math.max(1e-6, trainSeconds),
      seconds: (now() - epochStart) / 1000,
    };
    history.push(log);
    callbacks.onEpoch?.(log);
    await yieldToEventLoop();
    lastYield = now();

    if (!val) continue;
    if (best === null || val.loss < best.valLoss) {
      // The previous best's arrays are reused: a fresh table per improvement cost more than a
      // short epoch.
      snapshot = trainer.weights(snapshot);
      best = { epoch, valLoss: val.loss, weights: snapshot };
      epochsWithoutImprovement = 0;
    } else if (hp.earlyStoppingPatience > 0 && ++epochsWithoutImprovement >= hp.earlyStoppingPatience) {
      stopReason = 'early-stopping';
      break;
    }
  }

  const kept = best ?? { epoch: Math.max(1, epoch), weights: trainer.weights() };
  return { weights: kept.weights, history, bestEpoch: kept.epoch, stopReason, backend: report, seconds: (now() - started) / 1000 };
}
