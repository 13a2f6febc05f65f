import { useDeferredValue } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Explanation } from '@/core/model/types';
import { rankWords, type RankedWord } from '@/core/explain/explainWords';
import { useSift } from '@/state/appStore';
import { readyModel } from '@/state/selectors';
import { ErrorMessage } from '../common/ErrorMessage';
import { Section } from '../common/Section';
import { formatPercent } from '@/core/format';
import { formatMilliseconds } from '../common/format';

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
          {result && tryIt.text.trim() !== '' ? <Result explanation={result} workerMs={tryIt.workerMs} /> : <p className="muted">The prediction appears here.</p>}
        </div>
      </div>
    </Section>
  );
}

function Result({ explanation, workerMs }: { explanation: Explanation; workerMs: number | null }) {
  const { prediction, words } = explanation;
  const ranked = rankWords(words, words.map((w) => w.value));
  const top = prediction.probabilities.find((p) => p.label === prediction.label);
  // Contributions are changes in log-odds, so even at 99.99% confidence the decisive words stand
  // out. Each list is sorted by strength; bars are scaled to the strongest word shown.
  const toward = ranked.filter((t) => t.value > 0).slice(0, MAX_TOKENS);
  const away = ranked.filter((t) => t.value < 0).reverse().slice(0, MAX_TOKENS);
  const strongest = Math.max(1e-9, ...[...toward, ...away].map((t) => Math.abs(t.value)));
  return (
    <>
      <p className="prediction">
        Prediction:{' '}
        <output htmlFor="try-text" aria-label="Predicted class" className="prediction__label">
          {prediction.label}
        </output>{' '}
        {top && <span className="muted">({formatPercent(top.probability)} sure)</span>}
        {workerMs !== null && <span className="muted"> · answered in {formatMilliseconds(workerMs)} on this device</span>}
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
          How much each word changes the model’s odds for “{prediction.label}”: taking out a word with a strong push makes the model at least 10 times less
          sure (in odds), even when it stays very sure.
        </p>
        <div className="why__columns">
          <TokenList title={`Pushed toward ${prediction.label}`} tokens={toward} kind="toward" strongest={strongest} />
          <TokenList title={`Pushed away from ${prediction.label}`} tokens={away} kind="away" strongest={strongest} />
        </div>
      </div>
    </>
  );
}

function TokenList({ title, tokens, kind, strongest }: { title: string; tokens: RankedWord[]; kind: 'toward' | 'away'; strongest: number }) {
  return (
    <div className={`tokens tokens--${kind}`}>
      <h4>{title}</h4>
      {tokens.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul aria-label={title}>
          {tokens.map((t) => (
            <li key={t.word} className="token" title={describeOdds(t.value)}>
              <span className="token__text">{t.word}</span>
              <span className="token__bar" aria-hidden="true">
                <span style={{ width: `${Math.max(4, (Math.abs(t.value) / strongest) * 100)}%` }} />
              </span>
              <span className="token__value">{describePush(t.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A log-odds change in words: strong ≥ odds ×10 (ln 10 ≈ 2.3), clear ≥ odds ×2 (ln 2 ≈ 0.69). */
export function describePush(contribution: number): string {
  const size = Math.abs(contribution);
  return size >= Math.LN10 ? 'strong' : size >= Math.LN2 ? 'clear' : 'slight';
}

const FACTOR = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });

/** The exact effect, for the tooltip: by what factor the odds change without the word. */
export function describeOdds(contribution: number): string {
  const factor = Math.exp(Math.min(Math.abs(contribution), 700));
  const shown = factor >= 1e6 ? 'over a million' : FACTOR.format(factor);
  return `Without this word the odds fall ${shown} times`.replace('fall', contribution >= 0 ? 'fall' : 'rise');
}
