/**
 * Why the model predicted what it did: each distinct token's contribution is how much the log-odds
 * of the predicted class, log(p / (1 − p)), drop when every occurrence of that token is removed
 * (occlusion). Log-odds rather than probability: at 99.99% confidence removing the decisive word
 * may move p by only 0.0001 while the odds fall a hundredfold, so probability differences show
 * every word as ~0. All variants go through the head in one batched forward pass, their masked
 * means derived from the text's sum of rows (Classifier.occlusionProbabilities).
 */
import { OOV_ID } from '../text/types';
import type { Classifier } from './classifier';
import { argmaxAt } from './rowMath';
import type { Explanation, Prediction } from './types';

/**
 * Smallest probability the log-odds are computed from: float32 softmax rounds the other classes to
 * 0 (or p to 1) at extreme confidence, which would give ±Infinity. Caps |log-odds| at ~27.6.
 */
const MIN_PROBABILITY = 1e-12;

/**
 * log(p / (1 − p)) of class `c` in one row of `k` probabilities. 1 − p is taken as the sum of the
 * other classes: in float32, 1 − 0.9999999 has lost the digits that this sum still holds.
 */
export function logOdds(probs: ArrayLike<number>, offset: number, k: number, c: number): number {
  let others = 0;
  for (let j = 0; j < k; j++) if (j !== c) others += probs[offset + j];
  return Math.log(Math.max(probs[offset + c], MIN_PROBABILITY)) - Math.log(Math.max(others, MIN_PROBABILITY));
}

/** Prediction for one row of probabilities, classes in the model's label order. */
export function predictionFromProbabilities(probs: ArrayLike<number>, labels: string[]): Prediction {
  return { label: labels[argmaxAt(probs, 0, labels.length)], probabilities: labels.map((label, j) => ({ label, probability: probs[j] })) };
}

/**
 * Explains the prediction for one encoded text.
 * @param tokens the token behind each id (tokens[i] ↔ ids[i]); '' marks a placeholder id (the <unk>
 *   given to a text without tokens), which is fed to the model but not explained
 * @param ids the text's vocabulary ids as the model sees them
 * @returns the prediction and one entry per distinct token, in order of first appearance
 */
export function explainTokens(classifier: Classifier, tokens: readonly string[], ids: ArrayLike<number>, labels: string[]): Explanation {
  const n = Math.min(tokens.length, ids.length);
  const positions = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    if (tokens[i] === '') continue;
    const list = positions.get(tokens[i]);
    if (list) list.push(i);
    else positions.set(tokens[i], [i]);
  }
  const distinct = [...positions.keys()];

  // Row 0: the text as it is; row j + 1: without every occurrence of distinct[j].
  const textIds = Int32Array.from({ length: n }, (_, i) => ids[i]);
  const probs = classifier.occlusionProbabilities(textIds, distinct.map((token) => positions.get(token) ?? []));
  const k = labels.length;

  const prediction = predictionFromProbabilities(probs.subarray(0, k), labels);
  const predicted = labels.indexOf(prediction.label);
  const base = logOdds(probs, 0, k, predicted);
  return {
    prediction,
    tokens: distinct.map((token, j) => ({
      token,
      contribution: base - logOdds(probs, (j + 1) * k, k, predicted),
      known: ids[(positions.get(token) ?? [0])[0]] !== OOV_ID,
    })),
  };
}
