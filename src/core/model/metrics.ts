/** Classification metrics from true and predicted class indices (pure JS, no tensors). */
import type { ClassMetrics, Metrics } from './types';

/**
 * Accuracy, macro-F1, per-class precision / recall / F1 / support and the confusion matrix
 * (rows = true class, columns = predicted class).
 *
 * A class never predicted has precision 0; a class absent from the truth has recall 0 (as
 * scikit-learn with zero_division=0). Macro-F1 averages over the classes that occur in the truth or
 * the predictions, so a label list with extra unused classes does not drag it down.
 *
 * @param trueIndex class index per example, in [0, labels.length)
 * @param predictedIndex class index per example, same length
 * @throws RangeError when lengths differ or an index is outside the labels
 */
export function computeMetrics(trueIndex: Int32Array, predictedIndex: Int32Array, labels: string[]): Metrics {
  if (trueIndex.length !== predictedIndex.length) {
    throw new RangeError(`computeMetrics: ${trueIndex.length} true labels but ${predictedIndex.length} predictions`);
  }
  const k = labels.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < trueIndex.length; i++) {
    const t = trueIndex[i];
    const p = predictedIndex[i];
    if (t < 0 || t >= k || p < 0 || p >= k) {
      throw new RangeError(`computeMetrics: example ${i} has class index ${t < 0 || t >= k ? t : p}, outside the ${k} labels`);
    }
    confusion[t][p]++;
    if (t === p) correct++;
  }

  const perClass: ClassMetrics[] = [];
  let f1Sum = 0;
  let classesSeen = 0;
  for (let c = 0; c < k; c++) {
    const truePositives = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let r = 0; r < k; r++) predicted += confusion[r][c];
    const precision = predicted > 0 ? truePositives / predicted : 0;
    const recall = support > 0 ? truePositives / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ label: labels[c], precision, recall, f1, support });
    if (support > 0 || predicted > 0) {
      f1Sum += f1;
      classesSeen++;
    }
  }

  return {
    accuracy: trueIndex.length > 0 ? correct / trueIndex.length : 0,
    macroF1: classesSeen > 0 ? f1Sum / classesSeen : 0,
    examples: trueIndex.length,
    labels: [...labels],
    perClass,
    confusion,
  };
}
