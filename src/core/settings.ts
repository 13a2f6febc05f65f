import { SiftError } from './errors';
import type { BackendChoice, Hyperparameters } from './model/types';
import type { TokenizerConfig } from './text/types';

/**
 * Everything a person can set for one training run, flat so that the UI form, the CLI flags and
 * the bundle's sift.json all speak the same names. Defaults were chosen by measurement
 * (see bench/), not habit.
 */
export interface TrainSettings extends Hyperparameters {
  vocabularySize: number;
  minCount: number;
  lowercase: boolean;
  wordBigrams: boolean;
  cjkCharNgrams: TokenizerConfig['cjkCharNgrams'];
  /** Mask personal data before tokenising (TokenizerConfig.maskPii). */
  maskPii: boolean;
  validationShare: number;
  backend: BackendChoice;
}

// Model defaults, chosen by measurement: test accuracy at the best-val_loss epoch, wasm in Node, 10%
// validation split. Mean over TREC-6, SMS, THUCNews titles and AG News, seeds 42/1/2, with the
// embedding on row-wise Adagrad (model/rowAdagrad.ts) and n-grams seen once left out:
// - learningRate 0.003 (Adam for the dense layers; the embedding at 50×, stepTrainer.ts): 0.906;
//   0.002 0.905 (an epoch more on TREC), 0.004 0.904. batchSize 64: 128 gave 0.904 (vs 0.905,
//   before the n-gram rule) and was barely faster per example: the step's cost is mostly per token.
// - embeddingDim 64, hiddenUnits 64, dropout 0.2: 32 dims 0.904 (about twice as fast; THUCNews
//   and AG News lost ~0.005), 128 dims 0.904; dropout 0.4 0.905.
// - vocabularySize 50,000, minCount 1: words seen once are kept (minCount 2 cost TREC-6 0.005,
//   before the n-gram rule); a larger vocabulary only matters past 50,000 tokens (20 Newsgroups:
//   200,000 gave 0.798 vs 0.787, for a 4× larger model file);
//   n-grams seen once are left out whatever minCount says (NGRAM_MIN_COUNT, text/vocabulary.ts).
// Measured earlier, with Adam on the embedding, and not repeated since:
// - earlyStoppingPatience 1: with patience 3 (seeds 42/1/2, the same four datasets) val_loss rose
//   in every epoch after its minimum, so a longer patience only trained epochs that were thrown
//   away. epochs 20 is a ceiling, not a target.
// - vocabularySize: 200,000 cost THUCNews 0.006 (rare n-grams memorised); 20,000–30,000 were
//   within noise.
// - wordBigrams on: off costs TREC 0.026 and THUC 0.009. cjkCharNgrams 2: 0 and 3 were within
//   noise on THUC (0.850 / 0.851); 2 keeps character features for compounds the word segmenter
//   splits differently. Characters alone instead of the segmenter's words: THUC 0.75–0.79.
export const DEFAULT_SETTINGS: TrainSettings = {
  epochs: 20,
  batchSize: 64,
  learningRate: 0.003,
  embeddingDim: 64,
  hiddenUnits: 64,
  dropout: 0.2,
  sequenceLength: 256,
  earlyStoppingPatience: 1,
  classWeighting: 'none',
  seed: 42,
  vocabularySize: 50_000,
  minCount: 1,
  lowercase: true,
  wordBigrams: true,
  cjkCharNgrams: 2,
  // Personal data masked (text/pii.ts), on privacy grounds. Test accuracy, masked vs kept: SMS +0.18
  // (seeds 42/1/2), 20 Newsgroups -1.27/-0.33 (seeds 42/1: sender addresses name the newsgroup),
  // AG News -0.72/0/0 (seeds 42/1/2; only 10 spans in the file: the noise of a shifted vocabulary),
  // the other six datasets within 0.05 (float32 weights, CLI defaults, test files as in bench/).
  maskPii: true,
  validationShare: 0.1,
  backend: 'auto',
};

interface NumberRule {
  min: number;
  max: number;
  integer: boolean;
}

const NUMBER_RULES: Record<string, NumberRule> = {
  epochs: { min: 1, max: 1000, integer: true },
  batchSize: { min: 1, max: 4096, integer: true },
  learningRate: { min: 1e-6, max: 10, integer: false },
  embeddingDim: { min: 2, max: 1024, integer: true },
  hiddenUnits: { min: 1, max: 4096, integer: true },
  dropout: { min: 0, max: 0.9, integer: false },
  sequenceLength: { min: 1, max: 10_000, integer: true },
  earlyStoppingPatience: { min: 0, max: 1000, integer: true },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  vocabularySize: { min: 10, max: 2_000_000, integer: true },
  minCount: { min: 1, max: 1_000_000, integer: true },
  validationShare: { min: 0, max: 0.5, integer: false },
};

/** Merges overrides onto the defaults and rejects out-of-range values with INVALID_OPTION. */
export function resolveSettings(overrides: Partial<TrainSettings> = {}): TrainSettings {
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, ...stripUndefined(overrides) };
  for (const [name, rule] of Object.entries(NUMBER_RULES)) {
    const value = settings[name as keyof TrainSettings];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || value > rule.max) {
      throw new SiftError('INVALID_OPTION', `${name} must be a number from ${rule.min} to ${rule.max} (got ${String(value)}).`);
    }
    if (rule.integer && !Number.isInteger(value)) {
      throw new SiftError('INVALID_OPTION', `${name} must be a whole number (got ${value}).`);
    }
  }
  if (!['auto', 'webgl', 'wasm', 'cpu'].includes(settings.backend)) {
    throw new SiftError('INVALID_OPTION', `backend must be auto, webgl, wasm or cpu (got ${settings.backend}).`);
  }
  if (!['none', 'balanced'].includes(settings.classWeighting)) {
    throw new SiftError('INVALID_OPTION', `classWeighting must be none or balanced (got ${settings.classWeighting}).`);
  }
  if (typeof settings.maskPii !== 'boolean') {
    throw new SiftError('INVALID_OPTION', `maskPii must be true or false (got ${String(settings.maskPii)}).`);
  }
  if (![0, 2, 3].includes(settings.cjkCharNgrams)) {
    throw new SiftError('INVALID_OPTION', `cjkCharNgrams must be 0, 2 or 3 (got ${settings.cjkCharNgrams}).`);
  }
  return settings;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function tokenizerConfigOf(settings: TrainSettings): TokenizerConfig {
  return {
    normalization: 'NFKC',
    lowercase: settings.lowercase,
    wordBigrams: settings.wordBigrams,
    cjkCharNgrams: settings.cjkCharNgrams,
    locale: 'zh',
    maskPii: settings.maskPii,
  };
}
