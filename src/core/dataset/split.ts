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
 * to validation, at least one where it has two or more (so that a small class is measured at
 * all: 3 examples at 10% would round to none), and always keeps at least one in train (a class
 * with one example stays in train). Tiny classes can therefore make the validation part larger
 * than `share`; `describeValidationSplit` says so. Same seed, same examples → same split. Both
 * parts keep the file's row order.
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
    const take = validationShare > 0 ? Math.min(indices.length - 1, Math.max(1, Math.round(indices.length * validationShare))) : 0;
    if (take <= 0) continue;
    shuffleInPlace(indices, random);
    for (let k = 0; k < take; k++) inValidation[indices[k]] = 1;
  }

  const train: Example[] = [];
  const validation: Example[] = [];
  examples.forEach((e, i) => (inValidation[i] ? validation : train).push(e));
  return { train, validation };
}

export interface SplitSizes {
  /** The share asked for, 0 to <1. */
  validationShare: number;
  trainExamples: number;
  validationExamples: number;
}

const percent = (x: number): string => `${Math.round(100 * x)}%`;

/**
 * One sentence saying how the examples were really split, for the page and the CLI: the share
 * asked for and the share that came out, and why they differ (tiny classes), e.g. "Validation:
 * 14 of 120 examples (12%; 10% asked for, but each class with two or more examples gives at
 * least one)." or why there is no validation at all.
 */
export function describeValidationSplit({ validationShare, trainExamples, validationExamples }: SplitSizes): string {
  const total = trainExamples + validationExamples;
  if (validationShare === 0) return 'No validation examples: the validation share was set to 0%.';
  if (validationExamples === 0) {
    return `No validation examples: the validation share was ${percent(validationShare)}, but every class has a single example, which training needs.`;
  }
  const real = validationExamples / total;
  const head = `Validation: ${validationExamples.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} examples (${percent(real)}`;
  if (percent(real) === percent(validationShare)) return `${head}).`;
  const why =
    real > validationShare
      ? 'each class with two or more examples gives at least one'
      : 'each class keeps at least one for training and classes are rounded one by one';
  return `${head}; ${percent(validationShare)} asked for, but ${why}).`;
}
