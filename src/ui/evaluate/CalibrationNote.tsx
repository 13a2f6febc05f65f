import type { ModelCalibration } from '@/core/bundle/types';
import { formatCount, formatDecimal } from '../common/format';
import { useT, type T } from '../i18n';

/** Points of confidence: an ECE of 0.041 is "4.1 points". */
const points = (t: T, ece: number): string => t('evaluate.calibration.points', { n: formatDecimal(ece * 100, 1) });

/** How honest the shown probabilities are, in plain words (the ECE figures, and what was done). */
export function calibrationSentence(t: T, calibration: ModelCalibration | undefined): string {
  if (calibration === undefined) return t('evaluate.calibration.none');
  const { temperature, fit, examples, eceBefore, eceAfter } = calibration;
  switch (fit) {
    case 'no-validation':
      return t('evaluate.calibration.noValidation');
    case 'separable':
      return t('evaluate.calibration.separable', { examples: formatCount(examples) });
    case 'fitted': {
      if (eceBefore === null || eceAfter === null) return t('evaluate.calibration.fittedShort', { temperature: formatDecimal(temperature, 2) });
      const change = temperature > 1 ? 'softened' : temperature < 1 ? 'sharpened' : 'same';
      return t('evaluate.calibration.fitted', {
        before: points(t, eceBefore),
        examples: formatCount(examples),
        eceBefore: formatDecimal(eceBefore),
        change: t(`evaluate.calibration.change.${change}`),
        temperature: formatDecimal(temperature, 2),
        after: points(t, eceAfter),
        eceAfter: formatDecimal(eceAfter),
      });
    }
  }
}

export function CalibrationNote({ calibration }: { calibration: ModelCalibration | undefined }) {
  const t = useT();
  return (
    <div className="calibration">
      <h3 className="subheading subheading--small">{t('evaluate.calibration.heading')}</h3>
      <p>{calibrationSentence(t, calibration)}</p>
    </div>
  );
}
