/**
 * Accuracy and macro-F1 from predicted labels, computed the same way for every contender that
 * returns predictions (fastText, scikit-learn), so their figures compare like for like.
 */

export interface PredictionScores {
  accuracy: number;
  macroF1: number;
}

/**
 * `predicted[i]` is null when the contender gave no answer for row i (an empty line from
 * `fasttext predict`); that row counts as wrong rather than being dropped.
 * Macro-F1 averages over every label seen in the truth or in the predictions — scikit-learn's
 * `f1_score(average="macro")` convention — so a label predicted but absent from the test set
 * counts with F1 0 rather than vanishing.
 */
export function scorePredictions(truth: readonly string[], predicted: readonly (string | null)[]): PredictionScores {
  if (truth.length !== predicted.length) {
    throw new Error(`got ${predicted.length} predictions for ${truth.length} test rows`);
  }
  if (truth.length === 0) throw new Error('cannot score an empty test set');
  const truePositives = new Map<string, number>();
  const trueCount = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    trueCount.set(t, (trueCount.get(t) ?? 0) + 1);
    if (p !== null) predictedCount.set(p, (predictedCount.get(p) ?? 0) + 1);
    if (p === t) {
      correct++;
      truePositives.set(t, (truePositives.get(t) ?? 0) + 1);
    }
  }
  const labels = new Set([...trueCount.keys(), ...predictedCount.keys()]);
  let f1Sum = 0;
  for (const label of labels) {
    const tp = truePositives.get(label) ?? 0;
    const denominator = (trueCount.get(label) ?? 0) + (predictedCount.get(label) ?? 0);
    // F1 = 2TP / (2TP + FP + FN) = 2TP / (true count + predicted count); 0 when the label never hit.
    f1Sum += denominator === 0 ? 0 : (2 * tp) / denominator;
  }
  return { accuracy: correct / truth.length, macroF1: f1Sum / labels.size };
}
