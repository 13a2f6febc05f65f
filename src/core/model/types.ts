/** Contracts of the model module: the classifier's shape, weights, training logs, metrics. */
import type { Coverage, WordKnowledge } from '../explain/coverage';
import type { EncodedCorpus } from '../text/types';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

/**
 * How a training step is computed: 'sparse' pools embeddings and updates the touched rows in JS,
 * with the dense layers on the backend (sparse/); 'graph' runs the whole model as tensors on
 * the backend (graph/).
 */
export type TrainingPath = 'sparse' | 'graph';
/** 'auto' measures both paths where the graph path can win (webgl), else takes 'sparse'. */
export type TrainingPathChoice = TrainingPath | 'auto';

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

/** What trainModel learns from: encoded texts whose labels are class indices. */
export interface TrainData {
  train: EncodedCorpus;
  validation: EncodedCorpus | null;
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

/** Examples per second measured per training path (only the paths that were measured). */
export type PathSpeeds = Partial<Record<TrainingPath, number>>;

/** One backend as `auto` found it: its measured speeds, or why it could not run. */
export interface BackendMeasurement {
  name: BackendName;
  /** Absent when the backend failed to start; then `error` says why. */
  speeds?: PathSpeeds;
  error?: string;
}

/**
 * Which backend and training path a run uses and how they were decided, as data: the page and the
 * CLI write their own sentences from it.
 * - choice 'user': the person named the backend; 'measured': `auto` measured the backends for
 *   this run; 'reused': `auto` took a measurement made earlier this session (see `measuredOn`).
 * - pathChoice 'user': the path was forced; 'measured': both paths were timed on this backend;
 *   'only': one path is worth running on this backend (trainingPath.ts says why).
 */
export interface BackendReport {
  name: BackendName;
  path: TrainingPath;
  choice: 'user' | 'measured' | 'reused';
  pathChoice: 'user' | 'measured' | 'only';
  /** Every backend `auto` tried, in BACKEND_NAMES order; with a named backend, only its path timings (if any). */
  measurements: BackendMeasurement[];
  /** For 'reused': the file the measurement was made on and how long before this run it finished. */
  measuredOn?: { fileName: string; msBefore: number };
}

/**
 * Why training ended. 'interrupted' is never a live run's reason: it marks a checkpoint, the best
 * epoch so far saved while training went on, kept when the page was closed or reloaded mid-run.
 */
export type StopReason = 'completed' | 'early-stopping' | 'user' | 'interrupted';

export interface TrainCallbacks {
  onBackend?(report: BackendReport): void;
  onBatch?(log: BatchLog): void;
  onEpoch?(log: EpochLog): void;
  /** Polled between batches; returning true stops training and keeps the best weights so far. */
  shouldStop?(): boolean;
  /**
   * A new best epoch (lower val_loss; only with validation data). `weights` are the loop's own
   * buffers, overwritten by the next improvement: copy them before returning to keep them.
   */
  onBestEpoch?(epoch: number, weights: ModelWeights, history: readonly EpochLog[]): void;
  /**
   * Polled between batches of a run on webgl: why its backend is known to have failed (the
   * worker heard the canvas's `webglcontextlost` event), or null. See faults.ts.
   */
  backendFault?(): string | null;
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

/** One word of an explained text, with how much it pushed the prediction. */
export interface ExplainedWord {
  /** The word as the model sees it (normalised: NFKC, lower case). */
  text: string;
  /** Where it is in the text as typed: [start, end) in UTF-16 units (see explain/textWords.ts). */
  start: number;
  end: number;
  /** Made only of punctuation and symbols ("!", "。"): a token to the model, not a word to a person. */
  punctuation: boolean;
  /**
   * 'known': in the vocabulary; 'part': only a character or character n-gram of it is (Chinese);
   * 'unknown': the model sees it as <unk>, which still moves the average: such a word can push too.
   */
  known: WordKnowledge;
  /** False for the words after the model's sequence length: the model never read them (value 0). */
  read: boolean;
  /**
   * How much the word pushed the log-odds of the predicted class, ln(p / (1 − p)), computed from
   * the logits (explain/shapley.ts): > 0 toward, < 0 away; 1 ≈ odds ×2.7. The words' values add up
   * to score − emptyScore. 0 for a word the model does not know (or did not see: text cut).
   */
  value: number;
}

/** Why the model predicted what it did, word by word (explain/explainWords.ts). */
export interface Explanation {
  /** The text explained, as typed: the words' ranges index into it. */
  text: string;
  prediction: Prediction;
  /** Every word of the text in order, punctuation included. */
  words: ExplainedWord[];
  /** Log-odds of the predicted class for the text, and for the empty text (the model's default answer). */
  score: number;
  emptyScore: number;
  /** 'exact': every coalition of words scored; 'sampled': long texts, values estimated from random orders. */
  method: 'exact' | 'sampled';
  /** How many of the words the model knows, and whether its answer is a guess. */
  coverage: Coverage;
}
