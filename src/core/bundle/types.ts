import type { TrainSettings } from '../settings';
import type { BackendReport, EpochLog, Metrics, ModelWeights, StopReason } from '../model/types';
import type { TokenizerConfig } from '../text/types';

export const BUNDLE_FORMAT_VERSION = 1;

/** sift.json inside NAME.sift.zip: everything needed to reproduce the model's predictions. */
export interface SiftManifest {
  format: 'sift-model';
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  name: string;
  createdAt: string;
  siftVersion: string;
  labels: string[];
  tokenizer: TokenizerConfig;
  /** Index = token id; [0] = '<pad>', [1] = '<unk>'. */
  vocabulary: string[];
  sequenceLength: number;
  seed: number;
  settings: TrainSettings;
  training: {
    history: EpochLog[];
    bestEpoch: number;
    stopReason: StopReason;
    backend: BackendReport['name'];
    seconds: number;
    trainExamples: number;
    validationExamples: number;
  };
  metrics: {
    validation: Metrics | null;
    test: Metrics | null;
  };
  dataset: {
    fileName: string | null;
    textColumn: string;
    labelColumn: string;
    rows: number;
  };
  /**
   * How the shown probabilities were made honest (temperature scaling, already baked into the
   * output layer). Absent in bundles made before Sift recorded it: those were not calibrated.
   */
  calibration?: ModelCalibration;
  /** For each class, in label order, the words that most push toward it on their own. Absent in older bundles. */
  topWords?: ClassTopWords[];
}

/**
 * Temperature scaling (Guo et al. 2017) as it was applied: the output Dense layer's kernel and bias
 * were divided by `temperature`, so model.json gives the calibrated probabilities in any runtime.
 */
export interface ModelCalibration {
  temperature: number;
  /**
   * 'fitted': T minimises the validation texts' log-loss (T = 1 when no other T is better);
   * 'no-validation': nothing was held out to fit on, T = 1; 'separable': every validation text
   * is classified right with a margin, so ever smaller T only looks better (the fit runs to its
   * bound) and none can be trusted, T = 1 kept.
   */
  fit: 'fitted' | 'no-validation' | 'separable';
  /** Validation texts used (0 without a validation split). */
  examples: number;
  /**
   * Expected calibration error (top label, `eceBins` equal-width bins) on those texts before and
   * after: how far the stated confidence is from the accuracy, on average (0.05 = 5 points).
   * null without validation texts. "After" is measured on the texts T was fitted on.
   */
  eceBefore: number | null;
  eceAfter: number | null;
  eceBins: number;
}

/** One class's words that most push toward it on their own (explain/topWords.ts). */
export interface ClassTopWords {
  label: string;
  /** Best first; score = log-odds of the class for the word alone minus for the empty text (> 0). */
  words: { word: string; score: number }[];
}

/** A trained model in memory: what export writes and import returns. */
export interface SiftModel {
  manifest: SiftManifest;
  weights: ModelWeights;
}
