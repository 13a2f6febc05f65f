import { useDeferredValue } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { readyModel, selectIsTraining } from '@/state/selectors';
import type { ReadyModel } from '@/state/types';
import type { Metrics } from '@/core/model/types';
import { Section } from '../common/Section';
import { formatCount, formatDecimal, formatPercent } from '../common/format';
import { useT } from '../i18n';
import { CalibrationNote } from './CalibrationNote';
import { ClassMetricsTable } from './ClassMetricsTable';
import { ConfusedPairs } from './ConfusedPairs';
import { ConfusionMatrix, MANY_CLASSES, type CellRef } from './ConfusionMatrix';
import { LabelProblems } from './LabelProblems';
import { TextListView } from './TextListView';
import { TopWords } from './TopWords';
import { describeValidationSplit } from './validationSplit';

const LIST_ID = 'validation-texts';

/** Step 4: how good is it on texts it never trained on, where does it go wrong, and what did it learn? */
export function EvaluatePanel() {
  const t = useT();
  // Deferred: the tables and the matrix render in an interruptible pass, not in the task that
  // receives the trained model.
  const model = useDeferredValue(useSift((s) => readyModel(s.model)));
  const training = useSift(selectIsTraining);
  const summary = model?.summary;
  const metrics = summary?.metrics;
  const waiting = training ? t('evaluate.waitingTraining') : !model ? t('evaluate.waitingModel') : null;
  return (
    <Section id="evaluate" step={4} title={t('evaluate.title')} intro={t('evaluate.intro')} waitingFor={waiting}>
      {model?.summary.training.stopReason === 'interrupted' && <InterruptedModelNote model={model} />}
      {model && metrics && !metrics.validation && !metrics.test && model.summary.training.stopReason !== 'interrupted' && (
        <p className="muted">
          {t('evaluate.noValidation', { split: describeValidationSplit(t, { validationShare: model.summary.settings.validationShare, ...model.summary.training }) })}
        </p>
      )}
      {metrics?.validation && <MetricsView metrics={metrics.validation} title={t('evaluate.validation')} listsTexts />}
      {metrics?.test && <MetricsView metrics={metrics.test} title={t('evaluate.testFile')} listsTexts={false} />}
      {summary && <CalibrationNote calibration={summary.calibration} />}
      {summary && <TopWords topWords={summary.topWords} />}
      <LabelProblems />
    </Section>
  );
}

/** A checkpoint kept from a run cut short: it was saved while training went on, never evaluated. */
function InterruptedModelNote({ model }: { model: ReadyModel }) {
  const t = useT();
  const history = model.summary.training;
  const kept = history.history.find((e) => e.epoch === history.bestEpoch);
  return (
    <p className="muted">
      {t('evaluate.interruptedModel', {
        epoch: history.bestEpoch,
        accuracy: kept?.valAccuracy != null ? t('evaluate.interruptedAccuracy', { accuracy: formatPercent(kept.valAccuracy) }) : '',
      })}
    </p>
  );
}

function MetricsView({ metrics, title, listsTexts }: { metrics: Metrics; title: string; listsTexts: boolean }) {
  const t = useT();
  const many = metrics.labels.length >= MANY_CLASSES;
  return (
    <div className="metrics">
      <dl className="stats stats--big" aria-label={t('evaluate.results', { title })}>
        <div className="stat">
          <dt>{t('evaluate.accuracy')}</dt>
          <dd>{formatPercent(metrics.accuracy)}</dd>
        </div>
        <div className="stat">
          <dt>{t('evaluate.macroF1')}</dt>
          <dd>{formatDecimal(metrics.macroF1)}</dd>
        </div>
        <div className="stat">
          <dt>{t('evaluate.examples', { title })}</dt>
          <dd>{formatCount(metrics.examples)}</dd>
        </div>
      </dl>
      <p className="muted explain">{t('evaluate.explainMetrics')}</p>
      <div className={`metrics__tables ${many ? 'metrics__tables--many' : ''}`}>
        <ClassMetricsTable metrics={metrics} title={title} />
        {listsTexts ? <OpenableMatrix metrics={metrics} title={title} /> : <ConfusionMatrix metrics={metrics} title={title} />}
      </div>
      {listsTexts && <TextListView id={LIST_ID} />}
    </div>
  );
}

/** The validation matrix, whose cells open their texts, the most confused pairs beside it, and the way to every mistake at once. */
function OpenableMatrix({ metrics, title }: { metrics: Metrics; title: string }) {
  const t = useT();
  const list = useSift(useShallow((s) => s.textList));
  const query = list.status === 'closed' ? null : list.status === 'ready' ? list.page.query : list.query;
  const openCell: CellRef | null = query?.kind === 'cell' ? query : null;
  const mistakes = metrics.examples - metrics.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const open = (cell: CellRef) => void useSift.getState().openTextList({ kind: 'cell', ...cell });
  return (
    <div className="matrix-with-lists">
      <ConfusionMatrix metrics={metrics} title={title} onOpenCell={open} openCell={openCell} listId={LIST_ID} />
      <div className="matrix-with-lists__aside">
        <ConfusedPairs metrics={metrics} onOpen={open} openCell={openCell} listId={LIST_ID} />
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={query?.kind === 'mistakes'}
          aria-controls={LIST_ID}
          disabled={mistakes === 0}
          onClick={() => void useSift.getState().openTextList({ kind: 'mistakes' })}
        >
          {t('evaluate.mistakes', { n: formatCount(mistakes) })}
        </button>
      </div>
    </div>
  );
}
