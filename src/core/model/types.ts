/** Contracts of the model module: the classifier's shape, weights, training logs, metrics. */

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

/** Embedding(vocabSize, embeddingDim) → masked mean → Dense(hiddenUnits, relu) → Dense(numClasses, softmax). */
export interface ModelShape {
  vocabSize: number;
  embeddingDim: number;
  hiddenUnits: number;
  numClasses: number;
}

/**
 * Plain weights (row-major, as tfjs stores them), independent of any backend or tensor.
 * embedding: [vocabSize, embeddingDim]; hiddenKernel: [embeddingDim, hiddenUnits];
 * hiddenBias: [hiddenUnits]; outputKernel: [hiddenUnits, numClasses]; outputBias: [numClasses].
 */
export interface ModelWeights {
  shape: ModelShape;
  embedding: Float32Array;
  hiddenKernel: Float32Array;
  hiddenBias: Float32Array;
  outputKernel: Float32Array;
  outputBias: Float32Array;
}

export interface Hyperparameters {
  embeddingDim: number;
  hiddenUnits: number;
  dropout: number;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Longest text in tokens fed to the model; longer texts are truncated. */
  sequenceLength: number;
  /** Epochs without val_loss improvement before stopping (0 = never stop early). */
  earlyStoppingPatience: number;
  classWeighting: 'none' | 'balanced';
  seed: number;
}

export interface BatchLog {
  epoch: number;
  /** 1-based within the epoch. */
  batch: number;
  batchesPerEpoch: number;
  loss: number;
  accuracy: number;
  examplesPerSecond: number;
}

export interface EpochLog {
  /** 1-based. */
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  examplesPerSecond: number;
  seconds: number;
}

export interface BackendMeasurement {
  name: BackendName;
  /** Undefined when the backend failed to start; then `error` says why. */
  examplesPerSecond?: number;
  error?: string;
}

export interface BackendReport {
  name: BackendName;
  /** One sentence: "chosen by you", "fastest of 3 measured (wasm 900/s, webgl 200/s, cpu 70/s)". */
  reason: string;
  measurements: BackendMeasurement[];
}

export type StopReason = 'completed' | 'early-stopping' | 'user';

export interface TrainCallbacks {
  onBackend?(report: BackendReport): void;
  onBatch?(log: BatchLog): void;
  onEpoch?(log: EpochLog): void;
  /** Polled between batches; returning true stops training and keeps the best weights so far. */
  shouldStop?(): boolean;
}

export interface TrainResult {
  weights: ModelWeights;
  history: EpochLog[];
  /** 1-based epoch whose weights were kept (best val_loss, or last without validation). */
  bestEpoch: number;
  stopReason: StopReason;
  backend: BackendReport;
  seconds: number;
}

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  accuracy: number;
  macroF1: number;
  examples: number;
  labels: string[];
  perClass: ClassMetrics[];
  /** confusion[trueIndex][predictedIndex] = count. */
  confusion: number[][];
}

export interface ClassProbability {
  label: string;
  probability: number;
}

export interface Prediction {
  label: string;
  /** Every class, in the model's label order. */
  probabilities: ClassProbability[];
}

/** Why: each distinct token's effect on the predicted class's probability when it is removed. */
export interface TokenContribution {
  token: string;
  /** Probability of the predicted class minus its probability without this token (may be negative). */
  contribution: number;
  known: boolean;
}

export interface Explanation {
  prediction: Prediction;
  tokens: TokenContribution[];
}
