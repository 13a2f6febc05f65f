/**
 * Out-of-fold predicted probabilities: every example is predicted by a model that never saw it,
 * by k-fold cross-validation. Confident learning needs exactly this, because a model asked about
 * its own training rows repeats their labels, wrong ones included.
 *
 * Each fold trains through the engine's front door (`trainFromExamples`) with the same settings as
 * a normal run, validation split and early stopping included, so the fold models are the model
 * the person would get, trained on (k − 1)/k of the rows.
 */
import type { Example } from '../dataset/types';
import { SiftError } from '../errors';
import type { BackendReport } from '../model/types';
import { labelsOf, trainFromExamples } from '../pipeline';
import { Predictor } from '../predictor';
import type { TrainSettings } from '../settings';
import { DEFAULT_FOLDS, stratifiedFolds } from './folds';

export interface OutOfFoldOptions {
  /** Number of folds (default 5). */
  folds?: number;
  /** Seed of the fold assignment; defaults to `settings.seed`. */
  seed?: number;
}

export interface OutOfFoldProgress {
  /** 1-based fold being trained. */
  fold: number;
  folds: number;
  /** 1-based epoch within the fold (0 once a fold is done). */
  epoch: number;
  /**
   * 0–1 over the whole run, never decreasing: whole folds done, plus the current fold's epochs
   * against the epochs a fold is expected to take (the mean of the folds done so far; before the
   * first one ends, a guess from the early-stopping patience). 1 only when every fold is done.
   */
  fraction: number;
  elapsedSeconds: number;
  /** Seconds left at the pace so far; null before any progress. */
  etaSeconds: number | null;
}

export interface FoldSummary {
  /** 1-based. */
  fold: number;
  trainExamples: number;
  heldOut: number;
  /** Epochs run and the one kept; 0 when the fold needed no model (see `outOfFoldProbabilities`). */
  epochs: number;
  bestEpoch: number;
  /** Why the fold's training stopped, as the model records it ('completed', 'early-stopping'), or 'single-class'. */
  stopReason: string;
  seconds: number;
}

export interface OutOfFoldCallbacks {
  onBackend?(report: BackendReport): void;
  onProgress?(progress: OutOfFoldProgress): void;
  onFold?(summary: FoldSummary): void;
  /** Polled between batches; once it returns true the run ends with SiftError CANCELLED. */
  shouldStop?(): boolean;
}

export interface OutOfFoldResult {
  /** Sorted distinct labels of all the examples: column j of `probabilities` is labels[j]. */
  labels: string[];
  /** Class index (into `labels`) of each example's given label. */
  given: Int32Array;
  /** [n × labels.length] row-major; row i is examples[i], predicted by the model of fold[i]. */
  probabilities: Float32Array;
  /** 0-based fold that held out each example. */
  fold: Int32Array;
  folds: FoldSummary[];
  seconds: number;
}

/**
 * Predicts every example with a model trained on the other folds.
 *
 * A fold model that lacks a class (its only rows were held out) gives that class probability 0.
 * A fold whose training part holds a single class cannot train a classifier; its held-out rows
 * get probability 1 for that class, which is what a model that knows one class would answer.
 *
 * With settings.backend 'auto', the first fold measures the backends and the later folds keep
 * its choice, rather than measuring again for each fold.
 *
 * @throws SiftError NO_EXAMPLES, SINGLE_CLASS, INVALID_OPTION (folds), CANCELLED (shouldStop),
 *   and whatever training throws
 */
export async function outOfFoldProbabilities(
  examples: Example[],
  settings: TrainSettings,
  options: OutOfFoldOptions = {},
  callbacks: OutOfFoldCallbacks = {},
): Promise<OutOfFoldResult> {
  const started = performance.now();
  const labels = labelsOf(examples);
  if (examples.length === 0) throw new SiftError('NO_EXAMPLES', 'There are no usable examples to check.');
  if (labels.length < 2) {
    throw new SiftError('SINGLE_CLASS', `Every example has the label "${labels[0]}"; finding label problems needs at least two classes.`);
  }
  const k = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const given = Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? -1);
  const foldCount = options.folds ?? DEFAULT_FOLDS;
  const fold = stratifiedFolds(given, foldCount, options.seed ?? settings.seed);
  const probabilities = new Float32Array(examples.length * k);
  const progress = new ProgressTracker(foldCount, settings, started, callbacks.onProgress);
  // Latched: a stop request ends the run even if the caller's flag is reset meanwhile.
  let stopped = false;
  const shouldStop = (): boolean => (stopped ||= callbacks.shouldStop?.() ?? false);
  const cancelled = () => new SiftError('CANCELLED', 'Finding label problems was cancelled.');

  let foldSettings = settings;
  const summaries: FoldSummary[] = [];
  for (let f = 0; f < foldCount; f++) {
    if (shouldStop()) throw cancelled();
    const foldStarted = performance.now();
    const heldOut: number[] = [];
    const trainPart: Example[] = [];
    examples.forEach((e, i) => (fold[i] === f ? heldOut.push(i) : trainPart.push(e)));
    const partLabels = labelsOf(trainPart);
    let summary: FoldSummary;
    if (partLabels.length < 2) {
      const only = labelIndex.get(partLabels[0]) ?? 0;
      for (const i of heldOut) probabilities[i * k + only] = 1;
      summary = { fold: f + 1, trainExamples: trainPart.length, heldOut: heldOut.length, epochs: 0, bestEpoch: 0, stopReason: 'single-class', seconds: 0 };
    } else {
      const outcome = await trainFromExamples(
        { examples: trainPart, fileName: null, textColumn: 'text', labelColumn: 'label', name: `fold ${f + 1} of ${foldCount}` },
        foldSettings,
        {
          onBackend: (report) => callbacks.onBackend?.(report),
          onBatch: (b) => progress.batch(f, b.epoch, b.batch, b.batchesPerEpoch),
          shouldStop,
        },
      );
      if (stopped) throw cancelled();
      const { manifest } = outcome.model;
      if (foldSettings.backend === 'auto') foldSettings = { ...foldSettings, backend: manifest.training.backend };
      const columns = manifest.labels.map((l) => labelIndex.get(l) ?? -1);
      const foldProbs = Predictor.create(outcome.model).probabilities(heldOut.map((i) => examples[i].text));
      const m = columns.length;
      heldOut.forEach((i, r) => columns.forEach((c, j) => (probabilities[i * k + c] = foldProbs[r * m + j])));
      summary = {
        fold: f + 1,
        trainExamples: trainPart.length,
        heldOut: heldOut.length,
        epochs: manifest.training.history.length,
        bestEpoch: manifest.training.bestEpoch,
        stopReason: manifest.training.stopReason,
        seconds: (performance.now() - foldStarted) / 1000,
      };
    }
    summaries.push(summary);
    progress.foldDone(f, summary.epochs);
    callbacks.onFold?.(summary);
  }
  return { labels, given, probabilities, fold, folds: summaries, seconds: (performance.now() - started) / 1000 };
}

/** Turns batches and finished folds into one monotonic fraction with an ETA. */
class ProgressTracker {
  private fraction = 0;
  private readonly epochsPerFold: number[] = [];
  private readonly guessedEpochs: number;

  constructor(
    private readonly folds: number,
    settings: TrainSettings,
    private readonly started: number,
    private readonly report?: (p: OutOfFoldProgress) => void,
  ) {
    // With early stopping, runs measured here stopped 1–3 epochs after their best, which came
    // early (epoch 1–3); without it every epoch runs. Corrected by measurement after fold 1.
    const stopsEarly = settings.earlyStoppingPatience > 0 && settings.validationShare > 0;
    this.guessedEpochs = stopsEarly ? Math.min(settings.epochs, settings.earlyStoppingPatience + 3) : settings.epochs;
  }

  batch(fold: number, epoch: number, batch: number, batchesPerEpoch: number): void {
    const expected = this.epochsPerFold.length
      ? this.epochsPerFold.reduce((a, b) => a + b, 0) / this.epochsPerFold.length
      : this.guessedEpochs;
    // Within a fold the bar never reaches the fold's end before the fold does.
    const within = Math.min(0.99, (epoch - 1 + batch / batchesPerEpoch) / Math.max(1, expected));
    this.emit(fold + 1, epoch, (fold + within) / this.folds);
  }

  foldDone(fold: number, epochs: number): void {
    if (epochs > 0) this.epochsPerFold.push(epochs);
    this.emit(fold + 1, 0, (fold + 1) / this.folds);
  }

  private emit(fold: number, epoch: number, fraction: number): void {
    if (!this.report) return;
    this.fraction = Math.max(this.fraction, Math.min(1, fraction));
    const elapsedSeconds = (performance.now() - this.started) / 1000;
    const etaSeconds = this.fraction > 0 ? (elapsedSeconds * (1 - this.fraction)) / this.fraction : null;
    this.report({ fold, folds: this.folds, epoch, fraction: this.fraction, elapsedSeconds, etaSeconds });
  }
}
