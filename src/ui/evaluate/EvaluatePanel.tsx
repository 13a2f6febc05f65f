import { useDeferredValue } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { readyModel, selectIsTraining } from '@/state/selectors';
import type { ReadyModel } from '@/state/types';
import { describeValidationSplit } from '@/core/dataset/split';
import type { Metrics } from '@/core/model/types';
import { Section } from '../common/Section';
import { formatPercent } from '@/core/format';
import { formatCount } from '../common/format';
import { CalibrationNote } from './CalibrationNote';
import { ClassMetricsTable } from './ClassMetricsTable';
import { ConfusionMatrix, type CellRef } from './ConfusionMatrix';
import { LabelProblems } from './LabelProblems';
import { TextListView } from './TextListView';
import { TopWords } from './TopWords';

const LIST_ID = 'validation-texts';

/** Step 4: how good is it on texts it never trained on, where does it go wrong, and what did it learn? */
export function EvaluatePanel() {
  // Deferred: the tables and the matrix render in an interruptible pass, not in the task that
  // receives the trained model.
  const model = useDeferredValue(useSift((s) => readyModel(s.model)));
  const training = useSift(selectIsTraining);
  const summary = model?.summary;
  const metrics = summary?.metrics;
  const waiting = training ? 'Results appear when training ends.' : !model ? 'Train a model (or open one) to see how well it does.' : null;
  return (
    <Section id="evaluate" step={4} title="Evaluate" intro="Measured on the validation examples, which the model never trained on." waitingFor={waiting}>
      {model?.summary.training.stopReason === 'interrupted' && <InterruptedModelNote model={model} />}
      {model && metrics && !metrics.validation && !metrics.test && model.summary.training.stopReason !== 'interrupted' && (
        <p className="muted">This model has no validation results. {describeValidationSplit({ validationShare: model.summary.settings.validationShare, ...model.summary.training })}</p>
      )}
      {metrics?.validation && <MetricsView metrics={metrics.validation} title="Validation" listsTexts />}
      {metrics?.test && <MetricsView metrics={metrics.test} title="Test file" listsTexts={false} />}
      {summary && <CalibrationNote calibration={summary.calibration} />}
      {summary && <TopWords topWords={summary.topWords} />}
      <LabelProblems />
    </Section>
  );
}

/** A checkpoint kept from a run cut short: it was saved while training went on, never evaluated. */
function InterruptedModelNote({ model }: { model: ReadyModel }) {
  const t = model.summary.training;
  const kept = t.history.find((e) => e.epoch === t.bestEpoch);
  return (
    <p className="muted">
      This model is epoch {t.bestEpoch} of a run that was interrupted; it was saved while training went on and has not been evaluated
      {kept?.valAccuracy != null ? ` (its validation accuracy at that epoch: ${formatPercent(kept.valAccuracy)})` : ''}. Train again for the full results.
    </p>
  );
}

function MetricsView({ metrics, title, listsTexts }: { metrics: Metrics; title: string; listsTexts: boolean }) {
  return (
    <div className="metrics">
      <dl className="stats stats--big" aria-label={`${title} results`}>
        <div className="stat">
          <dt>Accuracy</dt>
          <dd>{formatPercent(metrics.accuracy)}</dd>
        </div>
        <div className="stat">
          <dt>Macro-F1</dt>
          <dd>{metrics.macroF1.toFixed(3)}</dd>
        </div>
        <div className="stat">
          <dt>{title} examples</dt>
          <dd>{formatCount(metrics.examples)}</dd>
        </div>
      </dl>
      <p className="muted explain">
        Accuracy is the share of texts classified right. Macro-F1 averages each class's F1 (the balance of precision: “when it says X, is it X?” and recall:
        “of all X, how many did it find?”), so rare classes count as much as common ones.
      </p>
      <div className="metrics__tables">
        <ClassMetricsTable metrics={metrics} title={title} />
        {listsTexts ? <OpenableMatrix metrics={metrics} title={title} /> : <ConfusionMatrix metrics={metrics} title={title} />}
      </div>
      {listsTexts && <TextListView id={LIST_ID} />}
    </div>
  );
}

/** The validation matrix, whose cells open their texts, and the way to every mistake at once. */
function OpenableMatrix({ metrics, title }: { metrics: Metrics; title: string }) {
  const list = useSift(useShallow((s) => s.textList));
  const query = list.status === 'closed' ? null : list.status === 'ready' ? list.page.query : list.query;
  const openCell: CellRef | null = query?.kind === 'cell' ? query : null;
  const mistakes = metrics.examples - metrics.confusion.reduce((sum, row, t) => sum + (row[t] ?? 0), 0);
  const open = (cell: CellRef) => void useSift.getState().openTextList({ kind: 'cell', ...cell });
  return (
    <div className="matrix-with-lists">
      <ConfusionMatrix metrics={metrics} title={title} onOpenCell={open} openCell={openCell} listId={LIST_ID} />
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={query?.kind === 'mistakes'}
        aria-controls={LIST_ID}
        disabled={mistakes === 0}
        onClick={() => void useSift.getState().openTextList({ kind: 'mistakes' })}
      >
        Most confident mistakes ({formatCount(mistakes)})
      </button>
    </div>
  );
}
