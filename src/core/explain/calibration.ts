/**
 * Honest confidence: temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural
 * Networks"). A network trained to low cross-entropy is usually over-confident: its 99% answers
 * are right less than 99% of the time. Dividing the logits by one number T > 1, fitted on the
 * validation split, softens them without changing any prediction (the order of the logits stays),
 * and Sift bakes T into the output layer so every runtime gives the calibrated probabilities.
 */
import { SiftError } from '../errors';
import type { ModelWeights } from '../model/types';

/** The range T is searched in: from sharpening 20× to softening 20×. */
export const MIN_TEMPERATURE = 0.05;
export const MAX_TEMPERATURE = 20;
/** Equal-width confidence bins for the expected calibration error (as Guo et al.). */
export const ECE_BINS = 15;

export interface TemperatureFit {
  /** The fitted temperature (1 when there is nothing to fit on). */
  temperature: number;
  /** Mean negative log-likelihood of the labels, nats, at T = 1 and at the fitted T. */
  nllBefore: number;
  nllAfter: number;
  /** Rows used (rows with a label outside 0..numClasses−1 are skipped). */
  examples: number;
}

function classCount(values: ArrayLike<number>, labels: ArrayLike<number>, what: string): number {
  const k = values.length / labels.length;
  if (!Number.isInteger(k) || k < 2) {
    throw new SiftError('INVALID_OPTION', `${what} of ${values.length} numbers do not make rows of at least 2 classes for ${labels.length} labels.`);
  }
  return k;
}

/** Mean −log softmax(logits · β)[label] over the rows, in float64 (β = 1/T). */
function meanNll(logits: ArrayLike<number>, labels: ArrayLike<number>, k: number, beta: number): number {
  let total = 0;
  let rows = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!(y >= 0 && y < k)) continue;
    const at = i * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, beta * logits[at + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(beta * logits[at + j] - max);
    total += max + Math.log(sum) - beta * logits[at + y];
    rows++;
  }
  return rows === 0 ? 0 : total / rows;
}

/**
 * The temperature T minimising the mean negative log-likelihood of softmax(logits / T).
 *
 * The NLL is convex in β = 1/T (a log-sum-exp of functions linear in β, minus a linear term), so it
 * has one minimum on any interval, and golden-section search on log T over
 * [MIN_TEMPERATURE, MAX_TEMPERATURE] finds it without derivatives or a learning rate (log T so that
 * halving and doubling are equally far from 1). Perfectly separated data has no minimum inside
 * (the NLL falls as T → 0): the search then stops at MIN_TEMPERATURE. T = 1 is kept unless the
 * fitted T is better on these rows, so the NLL never gets worse.
 *
 * @param logits [n × numClasses] row-major
 * @param labels [n] class index per row
 */
export function fitTemperature(logits: ArrayLike<number>, labels: ArrayLike<number>): TemperatureFit {
  if (labels.length === 0) return { temperature: 1, nllBefore: 0, nllAfter: 0, examples: 0 };
  const k = classCount(logits, labels, 'Logits');
  let examples = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0 && labels[i] < k) examples++;
  if (examples === 0) return { temperature: 1, nllBefore: 0, nllAfter: 0, examples: 0 };
  const nllAt = (logT: number): number => meanNll(logits, labels, k, Math.exp(-logT));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(MIN_TEMPERATURE);
  let hi = Math.log(MAX_TEMPERATURE);
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = nllAt(x1);
  let f2 = nllAt(x2);
  while (hi - lo > 1e-6) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = nllAt(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = nllAt(x2);
    }
  }
  const logT = (lo + hi) / 2;
  const nllBefore = nllAt(0);
  const nllFitted = nllAt(logT);
  return nllFitted < nllBefore
    ? { temperature: Math.exp(logT), nllBefore, nllAfter: nllFitted, examples }
    : { temperature: 1, nllBefore, nllAfter: nllBefore, examples };
}

/** softmax(logits / T) per row [n × numClasses], computed in float64. */
export function softmaxWithTemperature(logits: ArrayLike<number>, numClasses: number, temperature = 1): Float32Array {
  const n = logits.length / numClasses;
  const probs = new Float32Array(logits.length);
  for (let i = 0; i < n; i++) {
    const at = i * numClasses;
    let max = -Infinity;
    for (let j = 0; j < numClasses; j++) max = Math.max(max, logits[at + j] / temperature);
    let sum = 0;
    for (let j = 0; j < numClasses; j++) sum += Math.exp(logits[at + j] / temperature - max);
    for (let j = 0; j < numClasses; j++) probs[at + j] = Math.exp(logits[at + j] / temperature - max) / sum;
  }
  return probs;
}

export interface ReliabilityBin {
  /** Confidence range [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  /** Rows whose top probability falls in the bin. */
  count: number;
  /** Mean top probability of those rows (0 when empty). */
  confidence: number;
  /** Share of those rows whose top class is their label (0 when empty). */
  accuracy: number;
}

/**
 * Rows binned by their top probability into `bins` equal-width bins over [0, 1]: the reliability
 * diagram (a calibrated model's bins lie on accuracy = confidence).
 * @param probs [n × numClasses]; labels [n] (rows with a label outside the classes are skipped)
 */
export function reliabilityBins(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = ECE_BINS): ReliabilityBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new SiftError('INVALID_OPTION', `The number of bins must be a whole number of at least 1 (got ${bins}).`);
  const result: ReliabilityBin[] = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, confidence: 0, accuracy: 0 }));
  if (labels.length === 0) return result;
  const k = classCount(probs, labels, 'Probabilities');
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!(y >= 0 && y < k)) continue;
    const at = i * k;
    let top = 0;
    for (let j = 1; j < k; j++) if (probs[at + j] > probs[at + top]) top = j;
    const confidence = probs[at + top];
    const bin = result[Math.min(bins - 1, Math.floor(confidence * bins))];
    bin.count++;
    bin.confidence += confidence;
    bin.accuracy += top === y ? 1 : 0;
  }
  for (const bin of result) {
    if (bin.count > 0) {
      bin.confidence /= bin.count;
      bin.accuracy /= bin.count;
    }
  }
  return result;
}

/**
 * Expected calibration error, top-label (Guo et al. 2017): Σ_b (n_b / n) · |accuracy_b −
 * confidence_b| over `bins` equal-width bins of the top probability (ECE_BINS = 15, as there).
 * 0 for a perfectly calibrated model; 0.05 means the shown confidence is off by 5 points on
 * average. 0 when there are no rows.
 */
export function expectedCalibrationError(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = ECE_BINS): number {
  const table = reliabilityBins(probs, labels, bins);
  const n = table.reduce((sum, bin) => sum + bin.count, 0);
  return n === 0 ? 0 : table.reduce((sum, bin) => sum + (bin.count / n) * Math.abs(bin.accuracy - bin.confidence), 0);
}

/**
 * The same model with T baked into its output layer: Dense(k) kernel and bias divided by T, so
 * that logits come out divided by T and the unchanged softmax gives softmax(logits / T) in any
 * runtime (stock tfjs loading model.json included). Predictions (the largest logit) do not change.
 * New output arrays; the embedding and hidden layer are shared with `weights`, not copied.
 */
export function withTemperature(weights: ModelWeights, temperature: number): ModelWeights {
  if (!(Number.isFinite(temperature) && temperature > 0)) {
    throw new SiftError('INVALID_OPTION', `A temperature must be a positive number (got ${temperature}).`);
  }
  return {
    ...weights,
    outputKernel: weights.outputKernel.map((w) => w / temperature),
    outputBias: weights.outputBias.map((b) => b / temperature),
  };
}
