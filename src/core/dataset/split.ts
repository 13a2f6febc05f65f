import { SiftError } from '../errors';
import { createRandom, shuffleInPlace } from '../random';
import type { Example, Split } from './types';

export interface SplitOptions {
  /** Share of each class held out for validation, 0 to <1. */
  validationShare: number;
  seed: number;
}

/**
 * Stratified, seeded train/validation split: each class gives round(share × its size) examples
 * to validation, but always keeps at least one in train (a class with one example stays in
 * train). Same seed, same examples → same split. Both parts keep the file's row order.
 */
export function splitDataset(examples: readonly Example[], options: SplitOptions): Split {
  const { validationShare, seed } = options;
  if (!Number.isFinite(validationShare) || validationShare < 0 || validationShare >= 1) {
    throw new SiftError('INVALID_OPTION', `validationShare must be at least 0 and below 1 (got ${String(validationShare)}).`);
  }
  const byLabel = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const list = byLabel.get(e.label);
    if (list) list.push(i);
    else byLabel.set(e.label, [i]);
  });

  const random = createRandom(seed);
  const inValidation = new Uint8Array(examples.length);
  // Classes in sorted order so that the random stream does not depend on which label came first.
  for (const label of [...byLabel.keys()].sort()) {
    const indices = byLabel.get(label) ?? [];
    const take = Math.min(indices.length - 1, Math.round(indices.length * validationShare));
    if (take <= 0) continue;
    shuffleInPlace(indices, random);
    for (let k = 0; k < take; k++) inValidation[indices[k]] = 1;
  }

  const train: Example[] = [];
  const validation: Example[] = [];
  examples.forEach((e, i) => (inValidation[i] ? validation : train).push(e));
  return { train, validation };
}
