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
}

/** A trained model in memory: what export writes and import returns. */
export interface SiftModel {
  manifest: SiftManifest;
  weights: ModelWeights;
}
