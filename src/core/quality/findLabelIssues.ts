/**
 * "Find label problems": labelled examples → out-of-fold probabilities → confident learning →
 * every row ranked from most to least suspicious, the probable label errors flagged, each with
 * the label the model suggests instead. What the CLI's `issues` command and the page show.
 */
import type { Example } from '../dataset/types';
import type { TrainSettings } from '../settings';
import { findConfidentLearningIssues } from './confidentLearning';
import { outOfFoldProbabilities, type FoldSummary, type OutOfFoldCallbacks, type OutOfFoldOptions, type OutOfFoldResult } from './outOfFold';

export interface LabelIssue {
  /** 1-based data record in the file (header excluded; a quoted field over several lines is one record). */
  row: number;
  text: string;
  /** The label the file gives. */
  label: string;
  /**
   * The model's prediction (the class with the largest out-of-fold probability). For a flagged
   * row it always differs from `label`; the class confident learning counted the row under can
   * equal `label` even then (pruning picks rows by margin), so it would be no suggestion.
   */
  suggested: string;
  /** Out-of-fold probability of the given label: how sure the model is that the file is right. */
  selfConfidence: number;
  /** Out-of-fold probability of `suggested`. */
  suggestedProbability: number;
  /** Confident learning marks it as a probable label error. */
  flagged: boolean;
  /** 1-based place in the ranking, 1 = most suspicious (lowest self-confidence). */
  rank: number;
}

export interface LabelIssuesReport {
  labels: string[];
  folds: FoldSummary[];
  /** Every example, most suspicious first. */
  ranked: LabelIssue[];
  /** The flagged ones, in the same order. */
  flagged: LabelIssue[];
  /** confidentJoint[given][true], rows and columns in `labels` order. */
  confidentJoint: number[][];
  /** Seconds for the whole run: every fold's training and prediction, and confident learning. */
  seconds: number;
}

/** Confident learning over out-of-fold probabilities already computed for `examples`. */
export function labelIssuesFrom(examples: Example[], oof: Pick<OutOfFoldResult, 'labels' | 'given' | 'probabilities'>): Omit<LabelIssuesReport, 'folds' | 'seconds'> {
  const { labels, given, probabilities } = oof;
  const k = labels.length;
  const cl = findConfidentLearningIssues(given, probabilities, k);
  const ranked = Array.from(cl.ranking, (i, place): LabelIssue => {
    const suggested = cl.predicted[i];
    return {
      row: examples[i].row,
      text: examples[i].text,
      label: examples[i].label,
      suggested: labels[suggested],
      selfConfidence: cl.selfConfidence[i],
      suggestedProbability: probabilities[i * k + suggested],
      flagged: cl.flagged[i] === 1,
      rank: place + 1,
    };
  });
  return { labels, ranked, flagged: ranked.filter((r) => r.flagged), confidentJoint: cl.confidentJoint };
}

/**
 * Trains `folds` models with `settings` (see outOfFold.ts) and ranks every example by how likely
 * its label is wrong.
 *
 * @throws SiftError as `outOfFoldProbabilities` (CANCELLED when `shouldStop` says so)
 */
export async function findLabelIssues(
  examples: Example[],
  settings: TrainSettings,
  options: OutOfFoldOptions = {},
  callbacks: OutOfFoldCallbacks = {},
): Promise<LabelIssuesReport> {
  const started = performance.now();
  const oof = await outOfFoldProbabilities(examples, settings, options, callbacks);
  return { ...labelIssuesFrom(examples, oof), folds: oof.folds, seconds: (performance.now() - started) / 1000 };
}
