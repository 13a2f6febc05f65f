/**
 * Confident learning (Northcutt, Jiang & Chuang, "Confident Learning: Estimating Uncertainty in
 * Dataset Labels", JAIR 70, 2021): which rows' given labels are probably wrong, from out-of-fold
 * predicted probabilities. The rules are those of cleanlab's
 * `find_label_issues(filter_by='prune_by_noise_rate')`, ranked by self-confidence, exactly as
 * ../shared/tools/label_noise_ref.py (the benchmark's reference) applies them:
 *
 * 1. Per-class threshold t_j: the mean probability of class j over the rows labelled j (how sure
 *    the model typically is of a correct j).
 * 2. Confident joint C[k][j]: each row labelled k is counted under the class j with the largest
 *    probability among the classes whose probability reaches their own threshold (p_j ≥ t_j,
 *    less 1e-6 for rounding); a row where no class does is not counted.
 * 3. Calibration: each row of C is rescaled to sum to the number of rows labelled k, so that
 *    C[k][j] estimates how many rows labelled k truly belong to j.
 * 4. Pruning by noise rate: for each off-diagonal (given k, true j), the round(C[k][j]) rows
 *    labelled k with the largest margin p_j − p_k are flagged.
 * 5. A flagged row is kept only if the model's prediction (argmax) disagrees with its label.
 *
 * Rows are ranked by self-confidence, p_label, lowest (most suspicious) first.
 */
import { SiftError } from '../errors';

/** Classes within this of their threshold count as reaching it (as cleanlab and the reference). */
const THRESHOLD_TOLERANCE = 1e-6;

export interface ConfidentLearningResult {
  numClasses: number;
  /**
   * Per-class threshold t_j (mean p_j over the rows labelled j); NaN for a class no row is
   * labelled with: no row can then reach it, so it is never a confident-joint column.
   */
  thresholds: Float64Array;
  /** confidentJoint[given][true]: the counts of step 2. */
  confidentJoint: number[][];
  /** The confident joint calibrated to the given-label counts (step 3); not rounded. */
  calibratedJoint: number[][];
  /** Per row: p_label, the probability the model gives to the row's own label. */
  selfConfidence: Float32Array;
  /** Per row: the class with the largest probability (the lowest index on a tie). */
  predicted: Int32Array;
  /**
   * Per row: the class it was counted under in the confident joint (step 2), or −1 when no class
   * reached its threshold. It can equal the given label even for a flagged row, which is why the
   * suggested label shown to a person is `predicted` instead.
   */
  confidentClass: Int32Array;
  /** Per row: 1 when the row is a probable label error (steps 4 and 5). */
  flagged: Uint8Array;
  /** Every row index, lowest self-confidence first; ties keep the file's order. */
  ranking: Int32Array;
  /** The flagged row indices in ranking order. */
  issues: Int32Array;
}

/**
 * Finds probable label errors.
 *
 * @param labels given class of each row, n values in [0, numClasses)
 * @param probabilities out-of-fold predicted probabilities, [n × numClasses] row-major
 * @param numClasses k
 * @throws SiftError INVALID_OPTION when the shapes disagree or a label is out of range
 */
export function findConfidentLearningIssues(labels: Int32Array, probabilities: Float32Array, numClasses: number): ConfidentLearningResult {
  const n = labels.length;
  const k = numClasses;
  validate(labels, probabilities, k);

  const counts = new Float64Array(k);
  const sums = new Float64Array(k);
  const selfConfidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    counts[y]++;
    selfConfidence[i] = probabilities[i * k + y];
    sums[y] += selfConfidence[i];
  }
  // 0 / 0 = NaN for a class without rows: every comparison with it is false.
  const thresholds = sums.map((s, j) => s / counts[j]);

  const confidentJoint = square(k);
  const confidentClass = new Int32Array(n).fill(-1);
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let best = -1;
    let top = 0;
    for (let j = 0; j < k; j++) {
      const p = probabilities[row + j];
      if (p > probabilities[row + top]) top = j;
      if (p >= thresholds[j] - THRESHOLD_TOLERANCE && (best < 0 || p > probabilities[row + best])) best = j;
    }
    predicted[i] = top;
    confidentClass[i] = best;
    if (best >= 0) confidentJoint[labels[i]][best]++;
  }

  const calibratedJoint = confidentJoint.map((row, given) => {
    const total = Math.max(row.reduce((a, b) => a + b, 0), 1);
    return row.map((c) => (c / total) * counts[given]);
  });

  const flagged = new Uint8Array(n);
  const rowsOf = rowsByClass(labels, k);
  for (let given = 0; given < k; given++) {
    const rows = rowsOf[given];
    for (let truth = 0; truth < k; truth++) {
      if (truth === given) continue;
      const take = Math.min(rows.length, roundHalfToEven(calibratedJoint[given][truth]));
      if (take <= 0) continue;
      const margin = (i: number): number => probabilities[i * k + truth] - probabilities[i * k + given];
      // Largest margin first; a stable sort keeps the file's order among equal margins.
      const byMargin = [...rows].sort((a, b) => margin(b) - margin(a));
      for (let t = 0; t < take; t++) flagged[byMargin[t]] = 1;
    }
  }
  for (let i = 0; i < n; i++) if (predicted[i] === labels[i]) flagged[i] = 0;

  const ranking = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => selfConfidence[a] - selfConfidence[b] || a - b);
  const issues = ranking.filter((i) => flagged[i] === 1);
  return { numClasses: k, thresholds, confidentJoint, calibratedJoint, selfConfidence, predicted, confidentClass, flagged, ranking, issues };
}

/**
 * Python's round() (the reference's `int(round(x))`): halves go to the even neighbour, so a
 * calibrated count of 2.5 prunes 2 rows and 3.5 prunes 4.
 */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function validate(labels: Int32Array, probabilities: Float32Array, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new SiftError('INVALID_OPTION', `numClasses must be a whole number of at least 1 (got ${String(k)}).`);
  if (probabilities.length !== labels.length * k) {
    throw new SiftError('INVALID_OPTION', `Expected ${labels.length} × ${k} probabilities, got ${probabilities.length} values.`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0 || labels[i] >= k) throw new SiftError('INVALID_OPTION', `Label ${labels[i]} of row index ${i} is not a class from 0 to ${k - 1}.`);
  }
}

function square(k: number): number[][] {
  return Array.from({ length: k }, () => new Array<number>(k).fill(0));
}

function rowsByClass(labels: Int32Array, k: number): number[][] {
  const rows: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < labels.length; i++) rows[labels[i]].push(i);
  return rows;
}
