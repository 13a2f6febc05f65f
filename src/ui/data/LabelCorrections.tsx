import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { describeDecisions, selectCorrectedClasses, selectDecisionCounts } from '@/state/labelReviewSelectors';
import type { ClassCount } from '@/core/dataset/types';
import type { DecisionCounts } from '@/core/quality/labelDecisions';
import { formatCount } from '../common/format';

/**
 * The data check's line about the person's label decisions. The counts above it describe the
 * file as read, and so do the settings (the one rule reads them); Train uses the corrected labels,
 * whose class counts this line gives.
 */
export function LabelCorrections() {
  const { counts, classes } = useSift(useShallow((s) => ({ counts: selectDecisionCounts(s), classes: selectCorrectedClasses(s) })));
  return <CorrectionsNote counts={counts} classes={classes} />;
}

/** The line itself, for given decision counts and corrected classes (null: nothing changes for training). */
export function CorrectionsNote({ counts, classes }: { counts: DecisionCounts; classes: ClassCount[] | null }) {
  const summary = describeDecisions(counts);
  if (!summary) return null;
  const total = classes?.reduce((n, c) => n + c.count, 0) ?? 0;
  return (
    <p className="label-corrections" role="note">
      Your label decisions: <strong>{summary}</strong>.{' '}
      {classes ? (
        <>
          The counts above are the file as read; Train uses the corrected labels: {[...classes].sort((a, b) => b.count - a.count).map((c) => `${c.label} ${formatCount(c.count)}`).join(', ')} ({formatCount(total)} examples).
        </>
      ) : (
        'Nothing changes for training.'
      )}
    </p>
  );
}
