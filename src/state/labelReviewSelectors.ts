/** Derivations the label-problems list and the data check share. */
import { correctedClassCounts, countDecisions, type DecisionCounts } from '@/core/quality/labelDecisions';
import type { ClassCount } from '@/core/dataset/types';
import { currentData } from './selectors';
import type { LabelDecision } from '@/core/quality/labelDecisions';
import type { SiftState } from './types';

let countsCache: { decisions: LabelDecision[]; counts: DecisionCounts } | null = null;

/** Rows relabelled, dropped and kept by the person's decisions (cached per decisions list). */
export function selectDecisionCounts(s: SiftState): DecisionCounts {
  const { decisions } = s.labelReview;
  if (countsCache?.decisions !== decisions) countsCache = { decisions, counts: countDecisions(decisions) };
  return countsCache.counts;
}

let classesCache: { decisions: LabelDecision[]; classes: readonly ClassCount[]; corrected: ClassCount[] } | null = null;

/** The class counts the next Train uses: the file's, corrected by the decisions; null without decisions that change any. */
export function selectCorrectedClasses(s: SiftState): ClassCount[] | null {
  const classes = currentData(s.data)?.summary.report.classes;
  const { decisions } = s.labelReview;
  if (!classes || decisions.every((d) => d.action === 'keep' || (d.action === 'relabel' && d.label === d.given))) return null;
  if (classesCache?.decisions !== decisions || classesCache.classes !== classes) {
    classesCache = { decisions, classes, corrected: correctedClassCounts(classes, decisions) };
  }
  return classesCache.corrected;
}

/** Why the search cannot start now (the page says it in words), or null when it can. */
export type LabelSearchBlock = 'no-data' | 'parsing' | 'untrainable' | 'training' | 'settings';

export function whyNotFindLabelProblems(s: SiftState): LabelSearchBlock | null {
  const data = currentData(s.data);
  if (!data) return 'no-data';
  if (s.data.status === 'parsing') return 'parsing';
  if (!data.summary.report.trainable) return 'untrainable';
  if (s.training.status === 'training') return 'training';
  if (Object.keys(s.settings.errors).length > 0) return 'settings';
  return null;
}
