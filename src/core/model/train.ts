/**
 * The training loop: backend choice, seeded shuffling per epoch, dynamic padding per batch,
 * progress callbacks, stop requests, and early stopping on val_loss with the best weights restored.
 * The loop is the same for both training paths (trainingPath.ts chooses one; sparse/ and graph/
 * compute the step). A run on webgl is watched for a backend that stops giving real results
 * (faults.ts). Measured speeds and the history of these choices: docs/decisions.md.
 */
import { errorMessage, SiftError } from '../errors';
import { createRandom, shuffleInPlace } from '../random';
import { webglContextLost } from './backend';
import { bagBatch, corpusBatches, corpusSize, identityOrder } from './batch';
import { BackendFault, majorityShare, ResultsWatch, type BestEpoch, type ResumePoint } from './faults';
import { copyWeights, type StepTrainer } from './stepTrainer';
import { chooseBackendAndPath, makeTrainer, trainerOptions, yieldToEventLoop } from './trainingPath';
import type { BackendChoice, BackendReport, EpochLog, Hyperparameters, ModelShape, ModelWeights, StopReason, TrainCallbacks, TrainData, TrainingPathChoice, TrainResult } from './types';

/** Options that are not training settings: for tests, benchmarks, and a run that moved backend. */
export interface TrainOptions {
  /**
   * How a step is computed (stepTrainer.ts). 'auto' (the default) measures both paths on webgl
   * and keeps the faster; on wasm and cpu it takes 'sparse' (see candidatePaths for why).
   */
  trainingPath?: TrainingPathChoice;
  /**
   * Continue a run that lost its backend (faults.ts) from the end of its last good epoch: its
   * weights, history and early-stopping state. The optimisers start afresh from there.
   */
  resume?: ResumePoint;
}

/** Evaluation needs no gradients, so it runs in larger batches than training. */
const EVAL_BATCH_SIZE = 256;
/** Yield to the event loop at least this often, so stop requests and progress messages get through. */
const YIELD_EVERY_MS = 50;
const now = (): number => performance.now();

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
    // An indexed loop: for…of over 85 million ids (a million AG News texts) took ~0.5–1 s more.
    const ids = corpus.ids;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id < 0 || id >= shape.vocabSize) throw new SiftError('TRAINING_FAILED', `A token id (${id}) is outside the vocabulary of ${shape.vocabSize}.`);
    }
  }
}

/**
 * Trains Embedding → masked mean → Dense(relu) → Dense(softmax) on encoded texts.
 *
 * @param data train and optional validation corpora (labels are class indices < shape.numClasses)
 * @param backend 'auto' measures the available backends on a few batches and keeps the fastest
 * @param options trainingPath: force the 'sparse' or 'graph' path (tests, benchmarks);
 *   resume: continue a run that lost its backend
 * @returns the kept weights — those of the best val_loss epoch when there is validation data,
 *   else the latest (after a stop request: of the epoch in progress) — the per-epoch history, why
 *   training stopped and which backend and training path ran
 * @throws SiftError NO_EXAMPLES, SINGLE_CLASS, TRAINING_FAILED, INVALID_OPTION, BACKEND_UNAVAILABLE;
 *   BackendFault (BACKEND_FAULT) when a run on webgl stops giving real results (faults.ts)
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
  // A copy: the trainer trains its initial weights in place, and the resume point is not ours.
  const start = options.resume ? copyWeights(options.resume.weights) : undefined;
  const { report, initial } = await chooseBackendAndPath(data, shape, hp, backend, options.trainingPath ?? 'auto', start);
  callbacks.onBackend?.(report);

  // The measurements are done with `initial`, so the trainer can train it in place.
  const stepOptions = trainerOptions(data, shape, hp);
  const trainer = makeTrainer(report.path, initial, stepOptions, 'adopt');
  try {
    return await trainEpochs(trainer, data, hp, report, callbacks, { started, classWeights: stepOptions.classWeights, resume: options.resume ?? null });
  } finally {
    trainer.dispose();
  }
}

/** What the epoch loop needs besides the trainer: when the run started, and where it resumes. */
export interface EpochLoopOptions {
  /** performance.now() when the run (this attempt) started. */
  started: number;
  /** The loss weight per class (null: all 1), as the trainer uses them. */
  classWeights: Float32Array | null;
  resume: ResumePoint | null;
}

/**
 * The epoch loop, on whichever path `trainer` computes its steps. A run on webgl is watched for
 * faults (faults.ts): one ends the epoch and throws a BackendFault with the last good epoch's
 * weights, so that the run can continue elsewhere (../backendRules.ts).
 */
export async function trainEpochs(
  trainer: StepTrainer,
  data: TrainData,
  hp: Hyperparameters,
  report: BackendReport,
  callbacks: TrainCallbacks,
  { started, classWeights, resume }: EpochLoopOptions,
): Promise<TrainResult> {
  const n = corpusSize(data.train);
  const k = trainer.shape.numClasses;
  const batchesPerEpoch = Math.ceil(n / hp.batchSize);
  const order = Array.from(identityOrder(n)); // shuffled in place each epoch
  const shuffleRandom = createRandom((hp.seed ^ 0x2545f491) >>> 0);
  const validation = data.validation && corpusSize(data.validation) > 0 ? data.validation : null;
  const history: EpochLog[] = resume ? [...resume.history] : [];
  let best: BestEpoch | null = resume?.best ?? null;
  let snapshot: ModelWeights | undefined = best?.weights;
  let epochsWithoutImprovement = resume?.epochsWithoutImprovement ?? 0;
  let stopReason: StopReason = 'completed';
  let lastYield = now();
  let epoch = resume?.epochs ?? 0;
  const secondsBefore = resume?.seconds ?? 0;
  // A resumed run shuffles as the whole run would have: replay the epochs already done.
  for (let e = 0; e < epoch; e++) shuffleInPlace(order, shuffleRandom);

  // Watched where a run can move elsewhere: on webgl (faults.ts says why and what is watched).
  const watch = report.name === 'webgl' ? new ResultsWatch(k, classWeights, validation ? majorityShare(validation.labels, k) : 1) : null;
  /** The weights at the end of the last epoch that passed every check (watched runs only). */
  let lastGood: ModelWeights | undefined = watch && resume ? copyWeights(resume.weights) : undefined;
  const fault = (reason: string): BackendFault => {
    const kept = history.length;
    const point: ResumePoint | null =
      kept > 0 && lastGood
        ? { epochs: kept, weights: lastGood, history: [...history], best, epochsWithoutImprovement, seconds: secondsBefore + (now() - started) / 1000 }
        : null;
    return new BackendFault(reason, epoch, point);
  };
  const lostReason = (): string | null => {
    if (!watch) return null;
    return callbacks.backendFault?.() ?? (webglContextLost() ? 'the WebGL context was lost' : null);
  };
  /** A trainer call that throws on a watched run is a fault too: the run can continue elsewhere. */
  const guarded = <T>(call: () => T): T => {
    try {
      return call();
    } catch (e) {
      if (watch) throw fault(`it failed (${errorMessage(e)})`);
      throw e;
    }
  };

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
      const step = guarded(() => trainer.step(batch));
      if (watch) {
        const why = lostReason() ?? watch.afterBatch(step.loss, batch.labels);
        if (why) throw fault(why);
      } else if (!Number.isFinite(step.loss)) {
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
    const val = validation ? guarded(() => trainer.evaluate(corpusBatches(validation, EVAL_BATCH_SIZE, hp.sequenceLength))) : null;
    if (watch) {
      const why = lostReason() ?? (val && watch.afterValidation(val));
      if (why) throw fault(why);
    }
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

    const improved = val !== null && (best === null || val.loss < best.valLoss);
    if (improved) {
      // The previous best's arrays are reused: a fresh table per improvement cost more than a
      // short epoch.
      snapshot = trainer.weights(snapshot);
      best = { epoch, valLoss: val.loss, weights: snapshot };
      epochsWithoutImprovement = 0;
      callbacks.onBestEpoch?.(epoch, snapshot, history);
    }
    // Where a watched run would continue after a fault: copied in JS when the best was just read.
    if (watch) lastGood = improved && snapshot ? copyWeights(snapshot, lastGood) : trainer.weights(lastGood);
    await yieldToEventLoop();
    lastYield = now();

    if (!val || improved) continue;
    if (hp.earlyStoppingPatience > 0 && ++epochsWithoutImprovement >= hp.earlyStoppingPatience) {
      stopReason = 'early-stopping';
      break;
    }
  }

  const kept = best ?? { epoch: Math.max(1, epoch), weights: trainer.weights() };
  return { weights: kept.weights, history, bestEpoch: kept.epoch, stopReason, backend: report, seconds: secondsBefore + (now() - started) / 1000 };
}
