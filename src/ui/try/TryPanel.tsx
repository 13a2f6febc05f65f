import { useDeferredValue } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Explanation, TokenContribution } from '@/core/model/types';
import { useSift } from '@/state/appStore';
import { readyModel } from '@/state/selectors';
import { ErrorMessage } from '../common/ErrorMessage';
import { Section } from '../common/Section';
import { formatPercent } from '../common/format';

const MAX_TOKENS = 8;

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
          {result && tryIt.text.trim() !== '' ? <Result explanation={result} /> : <p className="muted">The prediction appears here.</p>}
        </div>
      </div>
    </Section>
  );
}

function Result({ explanation }: { explanation: Explanation }) {
  const { prediction, tokens } = explanation;
  const top = prediction.probabilities.find((p) => p.label === prediction.label);
  // Every token that moved the probability at all: a confident prediction (99.99%) moves little
  // per token, and those small moves are still the best answer to "why".
  const toward = tokens.filter((t) => t.contribution > 0).sort((a, b) => b.contribution - a.contribution).slice(0, MAX_TOKENS);
  const away = tokens.filter((t) => t.contribution < 0).sort((a, b) => a.contribution - b.contribution).slice(0, MAX_TOKENS);
  return (
    <>
      <p className="prediction">
        Prediction:{' '}
        <output htmlFor="try-text" aria-label="Predicted class" className="prediction__label">
          {prediction.label}
        </output>{' '}
        {top && <span className="muted">({formatPercent(top.probability)} sure)</span>}
      </p>
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
      <div className="why">
        <h3 className="subheading subheading--small">Why</h3>
        <p className="muted explain">
          How much the probability of “{prediction.label}” drops when a word is taken out. A very sure prediction moves little per word; the order still shows
          which words matter most.
        </p>
        <div className="why__columns">
          <TokenList title={`Pushed toward ${prediction.label}`} tokens={toward} kind="toward" />
          <TokenList title={`Pushed away from ${prediction.label}`} tokens={away} kind="away" />
        </div>
      </div>
    </>
  );
}

function TokenList({ title, tokens, kind }: { title: string; tokens: TokenContribution[]; kind: 'toward' | 'away' }) {
  return (
    <div className={`tokens tokens--${kind}`}>
      <h4>{title}</h4>
      {tokens.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul aria-label={title}>
          {tokens.map((t) => (
            <li key={t.token} className="token" title={t.known ? undefined : 'Not in the vocabulary: the model has not seen this word'}>
              <span className="token__text">{t.token}</span>
              <span className="token__value">{formatPoints(t.contribution)}</span>
              {!t.known && <span className="visually-hidden"> (unknown word)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const SMALL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });

/** A probability change in percentage points; tiny ones (a very sure prediction) keep 2 significant digits. */
export function formatPoints(contribution: number): string {
  const points = Math.abs(contribution) * 100;
  const sign = contribution >= 0 ? '+' : '−';
  return `${sign}${points >= 0.1 ? points.toFixed(1) : SMALL.format(points)} pts`;
}
