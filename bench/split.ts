/** Seeded stratified train/test split for datasets that ship without an official one. */
import { createRandom } from '../src/core/random';

export interface IndexSplit {
  /** Row indices, ascending, so the split files keep the source's row order. */
  train: number[];
  test: number[];
}

/**
 * Puts round(testShare × n_c) rows of every class c into the test set (at least one when the
 * class has two or more rows, so every class is scored), chosen by a seeded shuffle per class.
 */
export function stratifiedSplit(labels: readonly string[], testShare: number, seed: number): IndexSplit {
  if (!(testShare > 0 && testShare < 1)) throw new Error(`testShare must be between 0 and 1 (got ${testShare})`);
  const byClass = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const rows = byClass.get(label);
    if (rows) rows.push(i);
    else byClass.set(label, [i]);
  });
  const random = createRandom(seed);
  const isTest = new Uint8Array(labels.length);
  // Sorted class order: the split must not depend on which class happens to come first in the file.
  for (const label of [...byClass.keys()].sort()) {
    const rows = byClass.get(label) ?? [];
    shuffleInPlace(rows, random);
    const wanted = Math.round(rows.length * testShare);
    const testCount = rows.length >= 2 ? Math.min(rows.length - 1, Math.max(1, wanted)) : 0;
    for (let k = 0; k < testCount; k++) isTest[rows[k]] = 1;
  }
  const split: IndexSplit = { train: [], test: [] };
  for (let i = 0; i < labels.length; i++) (isTest[i] ? split.test : split.train).push(i);
  return split;
}

/** Fisher–Yates. */
function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
