/**
 * The one rule that makes the model in memory the model in the file: a trained (calibrated,
 * float32) model becomes the model a weight format stores, and everything Sift says about it
 * (top words, validation and test metrics) is measured on those stored weights. Training applies
 * it with the format of its settings; the page applies it again when a person exports another
 * format, from the float32 weights the session keeps.
 */
import type { SiftModel } from './bundle/types';
import { storedWeights, type WeightFormat } from './bundle/weightFormat';
import type { Example } from './dataset/types';
import type { Metrics } from './model/types';
import { Predictor } from './predictor';
import type { EncodedCorpus } from './text/types';

/** What a stored model is measured on. */
export interface StoredModelEvaluation {
  /** The validation split (null: none); `encoded` saves encoding it again when the caller has it. */
  validation: { examples: readonly Example[]; encoded?: EncodedCorpus } | null;
  /** A separate test file's examples (null or empty: no test metrics). */
  test: readonly Example[] | null;
}

export interface StoredModel {
  /** Weights as `format` stores them; manifest with `settings.weights`, top words and metrics of those weights. */
  model: SiftModel;
  /** The stored model's probabilities for the validation split [validation × numClasses]; null without one. */
  validationProbabilities: Float32Array | null;
}

/**
 * `calibrated` (float32 weights, with their manifest) as a file in `format` holds it: weights
 * encoded and decoded as tfjs decodes them (storedWeights), then its top words and its metrics
 * measured on exactly those weights.
 */
export function modelAsStored(calibrated: SiftModel, format: WeightFormat, evaluation: StoredModelEvaluation): StoredModel {
  const weights = storedWeights(calibrated.weights, format);
  const manifest = { ...calibrated.manifest, settings: { ...calibrated.manifest.settings, weights: format } };
  const model: SiftModel = { manifest, weights };
  const predictor = Predictor.create(model);
  manifest.topWords = predictor.topWords();
  const { validation, test } = evaluation;
  let validationProbabilities: Float32Array | null = null;
  let validationMetrics: Metrics | null = null;
  if (validation !== null && validation.examples.length > 0) {
    validationProbabilities = validation.encoded ? predictor.probabilitiesOfEncoded(validation.encoded) : predictor.probabilities(validation.examples.map((e) => e.text));
    validationMetrics = predictor.metricsFromProbabilities(validationProbabilities, validation.examples);
  }
  manifest.metrics = { validation: validationMetrics, test: test !== null && test.length > 0 ? predictor.evaluate(test) : null };
  return { model, validationProbabilities };
}
