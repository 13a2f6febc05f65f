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

/** Why the search cannot start now, or null when it can. */
export function whyNotFindLabelProblems(s: SiftState): string | null {
  const data = currentData(s.data);
  if (!data) return 'Load a dataset first.';
  if (s.data.status === 'parsing') return 'Wait until the file has been read.';
  if (!data.summary.report.trainable) return 'The data check found a problem that prevents training (step 1).';
  if (s.training.status === 'training') return 'A model is training: look for label problems when it has finished.';
  if (Object.keys(s.settings.errors).length > 0) return 'Fix the settings marked in red first.';
  return null;
}

/** "1 row relabelled, 1 dropped", "3 rows dropped", "2 rows kept as they are"; '' without decisions. */
export function describeDecisions(counts: DecisionCounts): string {
  const rows = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;
  const parts: string[] = [];
  if (counts.relabelled > 0) parts.push(`${rows(counts.relabelled)} relabelled`);
  if (counts.dropped > 0) parts.push(parts.length ? `${counts.dropped.toLocaleString('en-US')} dropped` : `${rows(counts.dropped)} dropped`);
  if (counts.kept > 0) parts.push(parts.length ? `${counts.kept.toLocaleString('en-US')} kept as they are` : `${rows(counts.kept)} kept as they are`);
  return parts.join(', ');
}
