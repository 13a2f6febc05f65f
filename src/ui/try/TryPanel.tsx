import { useDeferredValue } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Explanation, Prediction } from '@/core/model/types';
import { useSift } from '@/state/appStore';
import { readyModel } from '@/state/selectors';
import { ErrorMessage } from '../common/ErrorMessage';
import { Section } from '../common/Section';
import { formatPercent } from '@/core/format';
import { formatMilliseconds } from '../common/format';
import { WordExplanation } from '../explain/WordExplanation';

/** Step 5: type anything, see what the model says and why, as you type. */
export function TryPanel() {
  const { model, tryIt } = useSift(useShallow((s) => ({ model: readyModel(s.model), tryIt: s.tryIt })));
  // Typing stays urgent; drawing the bars and the reasons may wait for a free moment.
  const result = useDeferredValue(tryIt.result);
  return (
    <Section
      id="try"
      step={5}
      title="Try it"
      intro="Type or paste a text: the prediction updates as you type."
      waitingFor={model ? null : 'Train a model (or open one) to try it.'}
    >
      <div className="try">
        <div className="field try__input">
          <label htmlFor="try-text">Text to classify</label>
          <textarea
            id="try-text"
            rows={4}
            value={tryIt.text}
            placeholder={model ? `e.g. a text like those in ${model.summary.dataset.fileName ?? 'your data'}` : ''}
            onChange={(e) => useSift.getState().setTryText(e.target.value)}
            aria-describedby="try-hint"
          />
          <span id="try-hint" className="field__hint">
            Model “{model?.summary.name}”, classes: {model?.summary.labels.join(', ')}
          </span>
        </div>
        {tryIt.error && <ErrorMessage title="Could not predict" error={tryIt.error} />}
        <div className={`try__result ${tryIt.pending ? 'is-pending' : ''}`} aria-busy={tryIt.pending}>
          {result && tryIt.text.trim() !== '' ? (
            <Result explanation={result} workerMs={tryIt.workerMs} />
          ) : (
            <p className="muted">The prediction appears here.</p>
          )}
        </div>
      </div>
    </Section>
  );
}

function Result({ explanation, workerMs }: { explanation: Explanation; workerMs: number | null }) {
  const { prediction, coverage } = explanation;
  const top = prediction.probabilities.find((p) => p.label === prediction.label);
  return (
    <>
      <p className="prediction">
        Prediction:{' '}
        <output htmlFor="try-text" aria-label="Predicted class" className="prediction__label">
          {prediction.label}
        </output>{' '}
        {coverage.guess ? <span className="guess-tag">a guess</span> : top && <span className="muted">({formatPercent(top.probability)} sure)</span>}
        {workerMs !== null && <span className="muted"> · answered in {formatMilliseconds(workerMs)} on this device</span>}
      </p>
      <ProbabilityBars prediction={prediction} />
      <div className="why">
        <h3 className="subheading subheading--small">Why</h3>
        <p className="muted explain">
          Each word is coloured by how much it changed the model’s odds for “{prediction.label}” compared with an empty text (its default answer). The
          pushes add up to the whole difference, so even a 100%-sure answer shows its reasons, and two words that each decide it share the credit.
        </p>
        <WordExplanation explanation={explanation} />
      </div>
    </>
  );
}

function ProbabilityBars({ prediction }: { prediction: Prediction }) {
  return (
    <ul className="prob-bars" aria-label="Probability of each class">
      {prediction.probabilities.map((p) => (
        <li key={p.label} className={`prob-bars__row ${p.label === prediction.label ? 'is-top' : ''}`}>
          <span className="prob-bars__label">{p.label}</span>
          <span className="prob-bars__track" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p.probability * 100)} aria-label={p.label}>
            <span className="prob-bars__bar" style={{ width: `${p.probability * 100}%` }} />
          </span>
          <span className="prob-bars__value">{formatPercent(p.probability)}</span>
        </li>
      ))}
    </ul>
  );
}
