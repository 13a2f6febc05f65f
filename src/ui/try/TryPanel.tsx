import { useDeferredValue, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Explanation, Prediction } from '@/core/model/types';
import { useSift } from '@/state/appStore';
import { readyModel } from '@/state/selectors';
import { ErrorMessage } from '../common/ErrorMessage';
import { Section } from '../common/Section';
import { formatList, formatMilliseconds, formatPercent } from '../common/format';
import { useT, useTextLang } from '../i18n';
import { WordExplanation } from '../explain/WordExplanation';
import { shownProbabilities, TOP_CLASSES } from './topClasses';

/** Step 5: type anything, see what the model says and why, as you type. */
export function TryPanel() {
  const t = useT();
  const langOf = useTextLang();
  const { model, tryIt } = useSift(useShallow((s) => ({ model: readyModel(s.model), tryIt: s.tryIt })));
  // Typing stays urgent; drawing the bars and the reasons may wait for a free moment.
  const result = useDeferredValue(tryIt.result);
  return (
    <Section id="try" step={5} title={t('tryIt.title')} intro={t('tryIt.intro')} waitingFor={model ? null : t('tryIt.waiting')}>
      <div className="try">
        <div className="field try__input">
          <label htmlFor="try-text">{t('tryIt.label')}</label>
          <textarea
            id="try-text"
            rows={4}
            value={tryIt.text}
            lang={langOf(tryIt.text)}
            placeholder={model ? t('tryIt.placeholder', { fileName: model.summary.dataset.fileName ?? t('tryIt.yourData') }) : ''}
            onChange={(e) => useSift.getState().setTryText(e.target.value)}
            aria-describedby="try-hint"
          />
          <span id="try-hint" className="field__hint">
            {t('tryIt.hint', { name: model?.summary.name ?? '', classes: formatList(model?.summary.labels ?? []) })}
          </span>
        </div>
        {tryIt.error && <ErrorMessage title={t('tryIt.failed')} error={tryIt.error} />}
        <div className={`try__result ${tryIt.pending ? 'is-pending' : ''}`} aria-busy={tryIt.pending}>
          {result && tryIt.text.trim() !== '' ? <Result explanation={result} workerMs={tryIt.workerMs} /> : <p className="muted">{t('tryIt.appears')}</p>}
        </div>
      </div>
    </Section>
  );
}

function Result({ explanation, workerMs }: { explanation: Explanation; workerMs: number | null }) {
  const t = useT();
  const langOf = useTextLang();
  const { prediction, coverage } = explanation;
  const top = prediction.probabilities.find((p) => p.label === prediction.label);
  return (
    <>
      <p className="prediction">
        {t('tryIt.prediction')}{' '}
        <output htmlFor="try-text" aria-label={t('tryIt.predicted')} className="prediction__label" lang={langOf(prediction.label)}>
          {prediction.label}
        </output>{' '}
        {coverage.guess ? <span className="guess-tag">{t('tryIt.guess')}</span> : top && <span className="muted">{t('tryIt.sure', { percent: formatPercent(top.probability) })}</span>}
        {workerMs !== null && <span className="muted">{t('tryIt.answered', { time: formatMilliseconds(workerMs) })}</span>}
      </p>
      <ProbabilityBars prediction={prediction} />
      <div className="why">
        <h3 className="subheading subheading--small">{t('tryIt.why')}</h3>
        <p className="muted explain">{t('tryIt.whyExplain', { label: prediction.label })}</p>
        <WordExplanation explanation={explanation} />
      </div>
    </>
  );
}

/** The top classes' bars, "others" for the rest (with a way to see every class). */
function ProbabilityBars({ prediction }: { prediction: Prediction }) {
  const t = useT();
  const langOf = useTextLang();
  const [all, setAll] = useState(false);
  const { top, others } = shownProbabilities(prediction.probabilities, all);
  const many = prediction.probabilities.length > TOP_CLASSES + 1;
  return (
    <div className="prob-bars-wrap">
      <ul className="prob-bars" id="prob-bars" aria-label={t('tryIt.probabilities')}>
        {top.map((p) => (
          <li key={p.label} className={`prob-bars__row ${p.label === prediction.label ? 'is-top' : ''}`}>
            <span className="prob-bars__label" lang={langOf(p.label)} title={p.label}>
              {p.label}
            </span>
            <span className="prob-bars__track" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p.probability * 100)} aria-label={p.label}>
              <span className="prob-bars__bar" style={{ width: `${p.probability * 100}%` }} />
            </span>
            <span className="prob-bars__value">{formatPercent(p.probability)}</span>
          </li>
        ))}
        {others && (
          <li className="prob-bars__row prob-bars__row--others">
            <span className="prob-bars__label">{t('tryIt.others', { count: others.count })}</span>
            <span
              className="prob-bars__track"
              role="meter"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(others.probability * 100)}
              aria-label={t('tryIt.others', { count: others.count })}
            >
              <span className="prob-bars__bar" style={{ width: `${others.probability * 100}%` }} />
            </span>
            <span className="prob-bars__value">{formatPercent(others.probability)}</span>
          </li>
        )}
      </ul>
      {many && (
        <button type="button" className="link-button" aria-expanded={all} aria-controls="prob-bars" onClick={() => setAll((v) => !v)}>
          {all ? t('tryIt.showTop', { count: TOP_CLASSES }) : t('tryIt.showAll', { count: prediction.probabilities.length })}
        </button>
      )}
    </div>
  );
}
