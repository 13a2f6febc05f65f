/**
 * Honest confidence for a trained model: the temperature fitted on the validation split's logits
 * (explain/calibration.ts) baked into the output layer, so Sift, the exported model.json in stock
 * tfjs, and every other runtime give the calibrated probabilities with no extra step. Dividing
 * the logits by one positive number keeps their order: no prediction changes.
 */
import type { ModelCalibration } from '../bundle/types';
import { ECE_BINS, expectedCalibrationError, fitTemperature, MIN_TEMPERATURE, softmaxWithTemperature, withTemperature } from '../explain/calibration';
import type { EncodedCorpus } from '../text/types';
import { Classifier } from './classifier';
import type { ModelWeights } from './types';

/**
 * The weights with the fitted temperature in their output layer, and the record of it for
 * sift.json. Without validation texts (or when they are separable, see ModelCalibration.fit) the
 * weights are returned unchanged with T = 1.
 * @param validation the validation split encoded with the model's vocabulary, labels = class indices
 */
export function calibrateOnValidation(weights: ModelWeights, validation: EncodedCorpus | null): { weights: ModelWeights; calibration: ModelCalibration } {
  const examples = validation === null ? 0 : validation.offsets.length - 1;
  if (validation === null || examples === 0) {
    return { weights, calibration: { temperature: 1, fit: 'no-validation', examples: 0, eceBefore: null, eceAfter: null, eceBins: ECE_BINS } };
  }
  const k = weights.shape.numClasses;
  const logits = Classifier.fromWeights(weights).predictLogits(validation);
  const fitted = fitTemperature(logits, validation.labels);
  // The search stops within ~1e-6 (in log T) of its lower bound when the NLL keeps falling as
  // T → 0: the validation texts are separable, and sharpening 20× would only be over-confidence.
  const separable = fitted.temperature < MIN_TEMPERATURE * 1.01;
  const temperature = separable ? 1 : fitted.temperature;
  const eceBefore = expectedCalibrationError(softmaxWithTemperature(logits, k), validation.labels);
  const eceAfter = temperature === 1 ? eceBefore : expectedCalibrationError(softmaxWithTemperature(logits, k, temperature), validation.labels);
  return {
    weights: temperature === 1 ? weights : withTemperature(weights, temperature),
    calibration: { temperature, fit: separable ? 'separable' : 'fitted', examples, eceBefore, eceAfter, eceBins: ECE_BINS },
  };
}
