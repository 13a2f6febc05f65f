import { DEFAULT_WEIGHT_FORMAT, WEIGHT_FORMATS, type WeightFormat } from './bundle/weightFormat';
import { SiftError } from './errors';
import type { DatasetReport } from './dataset/types';
import type { BackendChoice, Hyperparameters } from './model/types';
import type { TokenizerConfig } from './text/types';

/**
 * Everything a person can set for one training run, flat so that the UI form, the CLI flags and
 * the bundle's sift.json all speak the same names.
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
  /**
   * How the model's weights are stored (bundle/weightFormat.ts). Training rounds the trained
   * weights through this format before measuring them, so the model Sift shows, tries and
   * measures is the one its file holds.
   */
  weights: WeightFormat;
}

/**
 * The defaults, chosen by measurement on the benchmark's datasets (figures: docs/decisions.md).
 * sequenceLength here is only the fallback without data: settingsFor takes it from the data.
 */
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
  weights: DEFAULT_WEIGHT_FORMAT,
};

export interface NumberRule {
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

/** The range (and whether a whole number is needed) of a numeric setting; undefined for the others. */
export function numberRule(key: keyof TrainSettings): NumberRule | undefined {
  return NUMBER_RULES[key];
}

/** Merges overrides onto the defaults and rejects out-of-range values with INVALID_OPTION. */
export function resolveSettings(overrides: Partial<TrainSettings> = {}): TrainSettings {
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, ...definedOnly(overrides) };
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
  if (!(WEIGHT_FORMATS as readonly unknown[]).includes(settings.weights)) {
    throw new SiftError('INVALID_OPTION', `weights must be ${WEIGHT_FORMATS.join(', ')} (got ${String(settings.weights)}).`);
  }
  if (typeof settings.maskPii !== 'boolean') {
    throw new SiftError('INVALID_OPTION', `maskPii must be true or false (got ${String(settings.maskPii)}).`);
  }
  if (![0, 2, 3].includes(settings.cjkCharNgrams)) {
    throw new SiftError('INVALID_OPTION', `cjkCharNgrams must be 0, 2 or 3 (got ${settings.cjkCharNgrams}).`);
  }
  return settings;
}

/** The fields of `o` that are set: an override left undefined means "use the rule". */
export function definedOnly<T extends object>(o: T): Partial<T> {
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

/**
 * The one settings rule: the settings a run uses, from the dataset's report and the fields the
 * person set. The page's form, the worker and the CLI all call this, so the same file trains the
 * same model everywhere. Everything not overridden is a default except two sizes that come from
 * the data (below); without data the defaults apply. Chosen by measurement on the benchmark's nine
 * datasets against the rules the page used before (docs/decisions.md, 2026-11-30).
 *
 * Sequence length: the report counts words (p95, rounded up to a friendly length); the model sees
 * words plus the n-grams the tokenizer adds, so the cap is scaled by how many tokens each word
 * becomes. Overshooting costs nothing: batches are padded only to their own longest text.
 *
 * Vocabulary: 50,000 tokens, or for a large corpus as many as it has distinct words (the report's
 * estimate, at most 100,000): on 20 Newsgroups that was 1.2 points more accurate than 50,000 and
 * as accurate as 200,000 at half the model's size; every smaller dataset keeps the 50,000.
 * @throws SiftError INVALID_OPTION for an override out of range
 */
export function settingsFor(report: DatasetReport | null, overrides: Partial<TrainSettings> = {}): TrainSettings {
  const base = resolveSettings(overrides);
  if (report === null) return base;
  return {
    ...base,
    sequenceLength: overrides.sequenceLength ?? sequenceLengthFor(report, base),
    vocabularySize: overrides.vocabularySize ?? vocabularySizeFor(report),
  };
}

function vocabularySizeFor(report: DatasetReport): number {
  // suggestedVocabularySize is the distinct words rounded up to a thousand, capped at 100,000.
  return Math.max(DEFAULT_SETTINGS.vocabularySize, report.suggestedVocabularySize);
}

function sequenceLengthFor(report: DatasetReport, settings: TrainSettings): number {
  const tokensPerWord = (settings.wordBigrams ? 2 : 1) + settings.cjkCharNgrams;
  return Math.min(4096, Math.max(32, report.suggestedSequenceLength * tokensPerWord));
}
