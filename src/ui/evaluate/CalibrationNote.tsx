import type { ModelCalibration } from '@/core/bundle/types';

/** Points of confidence: an ECE of 0.041 is "4.1 points". */
const points = (ece: number): string => `${(ece * 100).toFixed(1)} points`;

/** How honest the shown probabilities are, in plain words (the ECE figures, and what was done). */
export function calibrationSentence(calibration: ModelCalibration | undefined): string {
  if (calibration === undefined) return 'This model’s file records no calibration (it was saved by an earlier version of Sift): its probabilities are as trained.';
  const { temperature, fit, examples, eceBefore, eceAfter } = calibration;
  switch (fit) {
    case 'no-validation':
      return 'Confidence is not calibrated: there was no validation split to check it on (temperature 1).';
    case 'separable':
      return `Confidence is not calibrated: the model got every one of the ${examples} validation texts right by a margin, so they cannot tell how sure it should be (temperature 1).`;
    case 'fitted': {
      if (eceBefore === null || eceAfter === null) return `Confidence calibrated with temperature ${temperature.toFixed(2)}.`;
      const change = temperature > 1 ? 'softened' : temperature < 1 ? 'sharpened' : 'left as they were';
      return (
        `When the model says how sure it is, it was off from its actual accuracy by ${points(eceBefore)} on average on the ${examples} validation texts ` +
        `(expected calibration error ${eceBefore.toFixed(3)}). Its probabilities were ${change} (temperature ${temperature.toFixed(2)}, built into the model and the exported file): ` +
        `now off by ${points(eceAfter)} (${eceAfter.toFixed(3)}) on those texts.`
      );
    }
  }
}

export function CalibrationNote({ calibration }: { calibration: ModelCalibration | undefined }) {
  return (
    <div className="calibration">
      <h3 className="subheading subheading--small">How sure it should be</h3>
      <p>{calibrationSentence(calibration)}</p>
    </div>
  );
}
