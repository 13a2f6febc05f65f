import { SiftError } from '../errors';
import type { ModelShape } from '../model/types';
import { MAX_TOKEN_CHARS } from '../text/vocabulary';

const MiB = 2 ** 20;

/**
 * What a real Sift bundle can need, and so the most a bundle may ask for: a file beyond any of
 * these is damaged or hostile (a zip bomb, a size that lies, a 50 MB name) and is refused before
 * it costs memory or time. Sift never writes a bundle beyond them (`exportBundle` checks the
 * same limits), so every bundle Sift saves opens again.
 */
export const BUNDLE_LIMITS = {
  // Shapes. The first three are the ranges settings.ts accepts (a test keeps them in step).
  /** Vocabulary entries, <pad> and <unk> included (settings: vocabularySize ≤ 2,000,000). */
  vocabulary: 2_000_000,
  embeddingDim: 1024,
  hiddenUnits: 4096,
  /**
   * Classes. The data check calls more than 200 "many"; sift.json holds a classes × classes
   * confusion matrix for validation and for test, about 40 MB at 2,000 classes.
   */
  classes: 2_000,
  /** All weights together: V×d + d×h + h + h×k + k ≤ 2^28 values (1 GiB of float32), more than a tab can train. */
  weightValues: 2 ** 28,
  /** Epochs in the training history (settings: epochs ≤ 1000). */
  epochs: 1000,
  /** Tokens per text (settings: sequenceLength ≤ 10,000). */
  sequenceLength: 10_000,

  // Texts, in UTF-16 code units (JS string length).
  /** A vocabulary token: the vocabulary never takes a longer one (text/vocabulary.ts). */
  tokenChars: MAX_TOKEN_CHARS,
  /** A label, the model's name, a column name. */
  labelChars: 1000,
  nameChars: 1000,
  columnChars: 1000,
  /** The training file's name as given; the CLI records the path, which Linux allows up to 4,096 bytes. */
  fileNameChars: 4096,
  /** Version, date, stop reason, locale: a few dozen characters in any real bundle. */
  shortTextChars: 100,

  // The zip file.
  /** Entries in the zip: a bundle has 7 (Sift reads 3 of them); a folder entry and macOS's __MACOSX copies add a few. */
  entries: 64,
  /** Bytes of one entry's path. */
  entryNameBytes: 1024,
  /** sift.json: ~1 MB at the default 50,000 tokens; ~40 MB at 2,000,000 tokens or at 2,000 classes. */
  manifestBytes: 64 * MiB,
  /** model.json: the topology and five weight specs, about 3 KB. */
  modelJsonBytes: 1 * MiB,
  /** weights.bin: every weight as float32, the widest dtype a Sift bundle stores. */
  weightsBytes: 2 ** 28 * 4,
  /** The whole file: the three entries Sift reads at their largest, stored, plus the model card and headers. */
  bundleBytes: 2 ** 28 * 4 + 64 * MiB + 1 * MiB + 16 * MiB,
} as const;

export const tooLarge = (message: string): SiftError => new SiftError('BUNDLE_TOO_LARGE', message);

const count = (n: number): string => n.toLocaleString('en-US');

/** A file refused before it is read: larger than any Sift model (the page says this before reading a picked file). */
export const fileTooLarge = (bytes: number): SiftError =>
  tooLarge(`the file has ${count(bytes)} bytes; the largest Sift model has ${count(BUNDLE_LIMITS.bundleBytes)}. It was not read.`);

/** Number of values of each weight array of a model of this shape, in bundle order. */
export function weightValueCounts({ vocabSize: v, embeddingDim: d, hiddenUnits: h, numClasses: k }: ModelShape): number[] {
  return [v * d, d * h, h, h * k, k];
}

/** Throws BUNDLE_TOO_LARGE when a model's shape is beyond BUNDLE_LIMITS. */
export function checkShapeLimits(shape: ModelShape): void {
  const over = [
    shape.vocabSize > BUNDLE_LIMITS.vocabulary && `a vocabulary of ${count(shape.vocabSize)} tokens (at most ${count(BUNDLE_LIMITS.vocabulary)})`,
    shape.embeddingDim > BUNDLE_LIMITS.embeddingDim && `an embedding dimension of ${count(shape.embeddingDim)} (at most ${count(BUNDLE_LIMITS.embeddingDim)})`,
    shape.hiddenUnits > BUNDLE_LIMITS.hiddenUnits && `${count(shape.hiddenUnits)} hidden units (at most ${count(BUNDLE_LIMITS.hiddenUnits)})`,
    shape.numClasses > BUNDLE_LIMITS.classes && `${count(shape.numClasses)} classes (at most ${count(BUNDLE_LIMITS.classes)})`,
  ].filter((o): o is string => typeof o === 'string');
  if (over.length > 0) throw tooLarge(`The model is larger than any Sift model: ${over.join('; ')}.`);
  const values = weightValueCounts(shape).reduce((a, b) => a + b, 0);
  if (values > BUNDLE_LIMITS.weightValues) {
    throw tooLarge(`The model has ${count(values)} weights; a Sift model has at most ${count(BUNDLE_LIMITS.weightValues)}.`);
  }
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks the lengths and counts of a parsed sift.json (before its types are checked, so it reads
 * each field only where it has the type it should): every text within its length, every list
 * within its count. Throws BUNDLE_TOO_LARGE naming the first few fields over their limits.
 */
export function checkManifestLimits(value: Json): void {
  const over: string[] = [];
  const text = (path: string, v: unknown, max: number): void => {
    if (typeof v === 'string' && v.length > max) over.push(`${path} has ${count(v.length)} characters (at most ${count(max)})`);
  };
  const texts = (path: string, v: unknown, maxItems: number, maxChars: number): void => {
    if (!Array.isArray(v)) return;
    if (v.length > maxItems) {
      over.push(`${path} has ${count(v.length)} entries (at most ${count(maxItems)})`);
      return;
    }
    const i = v.findIndex((s) => typeof s === 'string' && s.length > maxChars);
    if (i >= 0) over.push(`${path}[${i}] has ${count((v[i] as string).length)} characters (at most ${count(maxChars)})`);
  };
  const L = BUNDLE_LIMITS;
  text('name', value.name, L.nameChars);
  text('siftVersion', value.siftVersion, L.shortTextChars);
  text('createdAt', value.createdAt, L.shortTextChars);
  texts('labels', value.labels, L.classes, L.labelChars);
  texts('vocabulary', value.vocabulary, L.vocabulary, L.tokenChars);
  if (typeof value.sequenceLength === 'number' && value.sequenceLength > L.sequenceLength) {
    over.push(`sequenceLength is ${count(value.sequenceLength)} (at most ${count(L.sequenceLength)})`);
  }
  if (isRecord(value.tokenizer)) text('tokenizer.locale', value.tokenizer.locale, L.shortTextChars);
  if (isRecord(value.training)) {
    text('training.stopReason', value.training.stopReason, L.shortTextChars);
    if (Array.isArray(value.training.history) && value.training.history.length > L.epochs) {
      over.push(`training.history has ${count(value.training.history.length)} epochs (at most ${count(L.epochs)})`);
    }
  }
  if (isRecord(value.dataset)) {
    text('dataset.fileName', value.dataset.fileName, L.fileNameChars);
    text('dataset.textColumn', value.dataset.textColumn, L.columnChars);
    text('dataset.labelColumn', value.dataset.labelColumn, L.columnChars);
  }
  if (isRecord(value.metrics)) {
    for (const key of ['validation', 'test']) {
      const m = value.metrics[key];
      if (!isRecord(m)) continue;
      texts(`metrics.${key}.labels`, m.labels, L.classes, L.labelChars);
      if (Array.isArray(m.perClass)) {
        if (m.perClass.length > L.classes) over.push(`metrics.${key}.perClass has ${count(m.perClass.length)} entries (at most ${count(L.classes)})`);
        else texts(`metrics.${key}.perClass labels`, m.perClass.map((c: unknown) => (isRecord(c) ? c.label : undefined)), L.classes, L.labelChars);
      }
      if (Array.isArray(m.confusion) && (m.confusion.length > L.classes || m.confusion.some((row) => Array.isArray(row) && row.length > L.classes))) {
        over.push(`metrics.${key}.confusion is larger than ${count(L.classes)} × ${count(L.classes)}`);
      }
    }
  }
  if (over.length > 0) {
    const more = over.length > 4 ? ` and ${over.length - 4} more` : '';
    throw tooLarge(`sift.json holds more than any Sift model needs: ${over.slice(0, 4).join('; ')}${more}.`);
  }
}

/** The longest text BUNDLE_LIMITS allows, in bytes of JSON: 6 bytes a character at worst ("\u001b"). */
const MAX_JSON_STRING_BYTES = 6 * Math.max(BUNDLE_LIMITS.fileNameChars, BUNDLE_LIMITS.nameChars, BUNDLE_LIMITS.labelChars, BUNDLE_LIMITS.tokenChars, BUNDLE_LIMITS.columnChars);

/**
 * Scans JSON bytes (not yet decoded) for a string literal longer than any text BUNDLE_LIMITS
 * allows, so that a 50 MB name is refused before it is decoded and parsed into two more copies.
 * Throws BUNDLE_TOO_LARGE.
 */
export function checkJsonStringLengths(data: Uint8Array, fileName: string): void {
  let start = -1;
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (start < 0) {
      if (b === 0x22) start = i;
    } else if (b === 0x5c) {
      i++; // an escape: the next byte cannot end the string
    } else if (b === 0x22) {
      start = -1;
    } else if (i - start > MAX_JSON_STRING_BYTES) {
      throw tooLarge(
        `${fileName} holds a text of more than ${count(MAX_JSON_STRING_BYTES)} bytes; no text in a Sift model is that long ` +
          `(a name or label has at most ${count(BUNDLE_LIMITS.nameChars)} characters). It was not read further.`,
      );
    }
  }
}
