/**
 * Stratified, seeded k-fold assignment for cross-validation: every example is held out exactly
 * once, and each class is spread over the folds as evenly as its size allows, so that every
 * fold's model is trained on nearly the same class mix as the whole file.
 */
import { SiftError } from '../errors';
import { createRandom, shuffleInPlace } from '../random';

export const DEFAULT_FOLDS = 5;

/**
 * fold[i] ∈ [0, folds) for each of `labels` (class indices or label strings; only equality
 * matters).
 *
 * Each class's examples are shuffled (seeded) and dealt to the folds in turn. The turn carries on
 * from one class to the next instead of restarting at fold 0, so the folds differ in size by at
 * most one example overall, and a class smaller than `folds` (say 2 rows with 5 folds) puts its
 * rows in different folds rather than all in the first: each of them is then predicted by a
 * model that saw the class's other rows. A class with a single row is necessarily missing from
 * the model that predicts it (see outOfFold.ts for what that model answers).
 *
 * Classes are dealt in sorted order, so the result does not depend on which label comes first
 * in the file; same labels, folds and seed → same assignment.
 *
 * @throws SiftError INVALID_OPTION when folds is not a whole number from 2 to the number of examples
 */
export function stratifiedFolds<L extends string | number>(labels: ArrayLike<L>, folds: number, seed: number): Int32Array {
  const n = labels.length;
  if (!Number.isInteger(folds) || folds < 2) {
    throw new SiftError('INVALID_OPTION', `folds must be a whole number of at least 2 (got ${String(folds)}).`);
  }
  if (folds > n) {
    throw new SiftError('INVALID_OPTION', `${folds} folds need at least ${folds} examples; there are ${n}.`);
  }
  const byLabel = new Map<L, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byLabel.get(labels[i]);
    if (list) list.push(i);
    else byLabel.set(labels[i], [i]);
  }
  const random = createRandom(seed);
  const fold = new Int32Array(n);
  let turn = 0;
  for (const label of [...byLabel.keys()].sort(compareLabels)) {
    const indices = shuffleInPlace(byLabel.get(label) ?? [], random);
    for (const i of indices) {
      fold[i] = turn;
      turn = (turn + 1) % folds;
    }
  }
  return fold;
}

function compareLabels(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
