import { SiftError, errorMessage } from '../errors';
import { resolveSettings, type TrainSettings } from '../settings';
import { OOV_TOKEN, PAD_TOKEN } from '../text/vocabulary';
import { checkManifestLimits } from './limits';
import { BUNDLE_FORMAT_VERSION, type SiftManifest } from './types';

/** At most this many problems are listed in one error message. */
const MAX_LISTED = 6;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short picture of a value for a message; never serialises more than a few dozen characters of it. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length} entries`;
  if (isRecord(value)) return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Collects every problem of sift.json, so one error message can list them all. */
class Checker {
  readonly problems: string[] = [];

  fail(path: string, expected: string, value: unknown): void {
    this.problems.push(`${path} must be ${expected} (got ${describe(value)})`);
  }

  string(object: Json, key: string, path: string): void {
    if (typeof object[key] !== 'string') this.fail(path + key, 'text', object[key]);
  }

  boolean(object: Json, key: string, path: string): void {
    if (typeof object[key] !== 'boolean') this.fail(path + key, 'true or false', object[key]);
  }

  number(object: Json, key: string, path: string, min = -Infinity): void {
    const value = object[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) this.fail(path + key, `a number${min > -Infinity ? ` of at least ${min}` : ''}`, value);
  }

  integer(object: Json, key: string, path: string, min: number): void {
    const value = object[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) this.fail(path + key, `a whole number of at least ${min}`, value);
  }

  oneOf(object: Json, key: string, path: string, allowed: readonly unknown[]): void {
    if (!allowed.includes(object[key])) this.fail(path + key, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, object[key]);
  }

  record(object: Json, key: string, path: string): Json | null {
    const value = object[key];
    if (isRecord(value)) return value;
    this.fail(path + key, 'an object', value);
    return null;
  }

  /** A list of distinct strings with at least `min` entries. */
  distinctStrings(object: Json, key: string, path: string, min: number): string[] | null {
    const value = object[key];
    if (!Array.isArray(value) || value.length < min || !value.every((v) => typeof v === 'string')) {
      this.fail(path + key, `a list of at least ${min} texts`, value);
      return null;
    }
    const strings = value as string[];
    const seen = new Set<string>();
    for (const s of strings) {
      if (seen.has(s)) {
        this.problems.push(`${path}${key} lists ${JSON.stringify(s)} twice`);
        return null;
      }
      seen.add(s);
    }
    return strings;
  }
}

/**
 * Checks that `value` (parsed sift.json) is a manifest this version of Sift can use, and returns
 * it typed. Throws BUNDLE_TOO_LARGE for texts or lists beyond BUNDLE_LIMITS, BAD_BUNDLE listing
 * every other problem found, or BUNDLE_VERSION for a manifest made by a newer Sift.
 */
export function validateManifest(value: unknown): SiftManifest {
  if (!isRecord(value) || value.format !== 'sift-model') {
    throw new SiftError('BAD_BUNDLE', 'not a Sift model: sift.json does not say "format": "sift-model".');
  }
  const version = value.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SiftError('BAD_BUNDLE', `sift.json: formatVersion must be a whole number of at least 1 (got ${describe(version)}).`);
  }
  if (version > BUNDLE_FORMAT_VERSION) {
    throw new SiftError(
      'BUNDLE_VERSION',
      `This model was saved by a newer Sift (model format ${version}); this Sift reads format ${BUNDLE_FORMAT_VERSION}. Update Sift to open it.`,
    );
  }

  // Lengths and counts first: a 50 MB name or a million labels is refused before anything reads it.
  checkManifestLimits(value);
  const check = new Checker();
  check.string(value, 'name', '');
  check.string(value, 'siftVersion', '');
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) check.fail('createdAt', 'a date', value.createdAt);
  check.distinctStrings(value, 'labels', '', 2);
  const vocabulary = check.distinctStrings(value, 'vocabulary', '', 2);
  if (vocabulary !== null && (vocabulary[0] !== PAD_TOKEN || vocabulary[1] !== OOV_TOKEN)) {
    check.problems.push(`vocabulary must start with "${PAD_TOKEN}" and "${OOV_TOKEN}"`);
  }
  check.integer(value, 'sequenceLength', '', 1);
  check.integer(value, 'seed', '', 0);

  const tokenizer = check.record(value, 'tokenizer', '');
  if (tokenizer !== null) {
    check.oneOf(tokenizer, 'normalization', 'tokenizer.', ['NFKC', 'none']);
    check.boolean(tokenizer, 'lowercase', 'tokenizer.');
    check.boolean(tokenizer, 'wordBigrams', 'tokenizer.');
    check.oneOf(tokenizer, 'cjkCharNgrams', 'tokenizer.', [0, 2, 3]);
    if (!isLanguageTag(tokenizer.locale)) check.fail('tokenizer.locale', 'a language tag such as "zh"', tokenizer.locale);
    // Bundles from before masking existed (Sift 0.2.0) tokenized without it.
    if (tokenizer.maskPii === undefined) tokenizer.maskPii = false;
    check.boolean(tokenizer, 'maskPii', 'tokenizer.');
  }

  const settings = check.record(value, 'settings', '');
  if (settings !== null) {
    check.boolean(settings, 'lowercase', 'settings.');
    check.boolean(settings, 'wordBigrams', 'settings.');
    // Left out by Sift 0.2.0: the settings then say what the tokenizer did, not today's default.
    if (settings.maskPii === undefined) settings.maskPii = tokenizer?.maskPii ?? false;
    try {
      value.settings = resolveSettings(settings as Partial<TrainSettings>);
    } catch (e) {
      check.problems.push(`settings: ${errorMessage(e)}`);
    }
  }

  const training = check.record(value, 'training', '');
  if (training !== null) {
    if (!Array.isArray(training.history) || !training.history.every(isRecord)) check.fail('training.history', 'a list of epochs', training.history);
    check.integer(training, 'bestEpoch', 'training.', 0);
    check.oneOf(training, 'stopReason', 'training.', ['completed', 'early-stopping', 'user', 'interrupted']);
    check.oneOf(training, 'backend', 'training.', ['webgl', 'wasm', 'cpu']);
    check.number(training, 'seconds', 'training.', 0);
    check.integer(training, 'trainExamples', 'training.', 0);
    check.integer(training, 'validationExamples', 'training.', 0);
  }

  const metrics = check.record(value, 'metrics', '');
  if (metrics !== null) {
    for (const key of ['validation', 'test']) {
      const m = metrics[key];
      if (m !== null && !(isRecord(m) && typeof m.accuracy === 'number' && Array.isArray(m.perClass) && Array.isArray(m.confusion))) {
        check.fail(`metrics.${key}`, 'null or metrics with accuracy, perClass and confusion', m);
      }
    }
  }

  const dataset = check.record(value, 'dataset', '');
  if (dataset !== null) {
    if (dataset.fileName !== null && typeof dataset.fileName !== 'string') check.fail('dataset.fileName', 'text or null', dataset.fileName);
    check.string(dataset, 'textColumn', 'dataset.');
    check.string(dataset, 'labelColumn', 'dataset.');
    check.integer(dataset, 'rows', 'dataset.', 0);
  }

  // Optional: bundles saved before Sift recorded them open as they always did.
  if (value.calibration !== undefined) {
    const calibration = check.record(value, 'calibration', '');
    if (calibration !== null) {
      const temperature = calibration.temperature;
      if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature <= 0) check.fail('calibration.temperature', 'a positive number', temperature);
      check.oneOf(calibration, 'fit', 'calibration.', ['fitted', 'no-validation', 'separable']);
      check.integer(calibration, 'examples', 'calibration.', 0);
      check.integer(calibration, 'eceBins', 'calibration.', 1);
      for (const key of ['eceBefore', 'eceAfter']) if (calibration[key] !== null) check.number(calibration, key, 'calibration.', 0);
    }
  }
  if (value.topWords !== undefined) {
    const listed = value.topWords;
    const wellFormed =
      Array.isArray(listed) &&
      listed.every(
        (entry) =>
          isRecord(entry) &&
          typeof entry.label === 'string' &&
          Array.isArray(entry.words) &&
          entry.words.every((w) => isRecord(w) && typeof w.word === 'string' && typeof w.score === 'number' && Number.isFinite(w.score)),
      );
    if (!wellFormed) check.fail('topWords', 'a list of { label, words: [{ word, score }] }', listed);
    else if (Array.isArray(value.labels) && (listed.length !== value.labels.length || listed.some((entry, c) => (entry as Json).label !== (value.labels as unknown[])[c]))) {
      check.problems.push('topWords must list the labels in the order of labels');
    }
  }

  if (check.problems.length > 0) {
    const listed = check.problems.slice(0, MAX_LISTED).join('; ');
    const more = check.problems.length > MAX_LISTED ? ` and ${check.problems.length - MAX_LISTED} more` : '';
    throw new SiftError('BAD_BUNDLE', `sift.json is damaged: ${listed}${more}.`);
  }
  return value as unknown as SiftManifest;
}

function isLanguageTag(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    Intl.getCanonicalLocales(value);
    return true;
  } catch {
    return false;
  }
}
