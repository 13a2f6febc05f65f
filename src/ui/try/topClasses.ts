import type { ClassProbability } from '@/core/model/types';

/** Classes shown before "others": enough for the answer and its rivals, few enough to read. */
export const TOP_CLASSES = 5;

export interface ShownProbabilities {
  /** Most probable first. */
  top: ClassProbability[];
  /** The rest, summed (null when nothing is left out). */
  others: { count: number; probability: number } | null;
}

/** The most probable classes, and what the others add up to (all of them when `all`). */
export function shownProbabilities(probabilities: readonly ClassProbability[], all: boolean, limit = TOP_CLASSES): ShownProbabilities {
  const sorted = [...probabilities].sort((a, b) => b.probability - a.probability);
  // "1 other class" would take as much room as the class itself: show it instead.
  if (all || sorted.length <= limit + 1) return { top: sorted, others: null };
  const rest = sorted.slice(limit);
  return { top: sorted.slice(0, limit), others: { count: rest.length, probability: rest.reduce((sum, p) => sum + p.probability, 0) } };
}
