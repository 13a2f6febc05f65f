/**
 * Why the model predicted what it did: each distinct token's contribution is the predicted class's
 * probability minus its probability when every occurrence of that token is removed (occlusion).
 * All variants go through the model in one batched forward pass.
 */
import { OOV_ID, type EncodedCorpus, type TokenizerConfig } from '../text/types';
import { tokenize } from '../text/tokenize';
import type { Classifier } from './classifier';
import type { Explanation, Prediction } from './types';

/** Prediction for one row of probabilities, classes in the model's label order. */
export function predictionFromProbabilities(probs: ArrayLike<number>, labels: string[]): Prediction {
  let best = 0;
  for (let j = 1; j < labels.length; j++) if (probs[j] > probs[best]) best = j;
  return { label: labels[best], probabilities: labels.map((label, j) => ({ label, probability: probs[j] })) };
}

/**
 * Explains the prediction for one tokenised text.
 * @param tokens the text's tokens as the tokenizer produced them
 * @param ids their vocabulary ids (OOV_ID when unknown), at most tokens.length; only the tokens
 *   that have an id (the model's sequence length) are explained
 * @returns the prediction and one entry per distinct token, in order of first appearance
 */
export function explainTokens(classifier: Classifier, tokens: string[], ids: ArrayLike<number>, labels: string[]): Explanation {
  const n = Math.min(tokens.length, ids.length);
  const positions = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const list = positions.get(tokens[i]);
    if (list) list.push(i);
    else positions.set(tokens[i], [i]);
  }
  const distinct = [...positions.keys()];

  // Text 0 is the original; text j + 1 lacks every occurrence of distinct[j].
  const variantIds: number[] = [];
  const offsets = [0];
  for (let i = 0; i < n; i++) variantIds.push(ids[i]);
  offsets.push(variantIds.length);
  for (const token of distinct) {
    for (let i = 0; i < n; i++) if (tokens[i] !== token) variantIds.push(ids[i]);
    offsets.push(variantIds.length);
  }
  const corpus: EncodedCorpus = { ids: Int32Array.from(variantIds), offsets: Int32Array.from(offsets), labels: new Int32Array(0) };
  const probs = classifier.predictProbabilities(corpus);
  const k = labels.length;

  const prediction = predictionFromProbabilities(probs.subarray(0, k), labels);
  const predicted = labels.indexOf(prediction.label);
  const base = probs[predicted];
  return {
    prediction,
    tokens: distinct.map((token, j) => ({
      token,
      contribution: base - probs[(j + 1) * k + predicted],
      known: ids[(positions.get(token) ?? [0])[0]] !== OOV_ID,
    })),
  };
}

export interface ExplainOptions {
  /** The model's labels, in class-index order. */
  labels: string[];
  /** Token → id for the model's vocabulary. */
  index: Map<string, number>;
  tokenizer: TokenizerConfig;
  sequenceLength: number;
}

/** Tokenises `text` as the model was trained and explains its prediction (see explainTokens). */
export function explainPrediction(classifier: Classifier, text: string, options: ExplainOptions): Explanation {
  const tokens = tokenize(text, options.tokenizer).slice(0, options.sequenceLength);
  const ids = tokens.map((t) => options.index.get(t) ?? OOV_ID);
  return explainTokens(classifier, tokens, ids, options.labels);
}
