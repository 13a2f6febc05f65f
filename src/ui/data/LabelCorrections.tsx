import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { selectCorrectedClasses, selectDecisionCounts } from '@/state/labelReviewSelectors';
import type { ClassCount } from '@/core/dataset/types';
import type { DecisionCounts } from '@/core/quality/labelDecisions';
import { formatCount, formatList } from '../common/format';
import { Trans, useT } from '../i18n';
import { describeDecisions } from './decisionWords';

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
  const t = useT();
  const summary = describeDecisions(t, counts);
  if (!summary) return null;
  const total = classes?.reduce((n, c) => n + c.count, 0) ?? 0;
  return (
    <p className="label-corrections" role="note">
      <Trans t={t} i18nKey="data.corrections.yours" values={{ summary }} components={{ strong: <strong /> }} />{' '}
      {classes
        ? t('data.corrections.trainUses', {
            classes: formatList([...classes].sort((a, b) => b.count - a.count).map((c) => `${c.label} ${formatCount(c.count)}`)),
            total: t('common.examples', { count: total }),
          })
        : t('data.corrections.nothing')}
    </p>
  );
}
