import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { chartEpochs, readyModel, selectDataset } from '@/state/selectors';
import { chartMarkers, xAxisEnd } from './chartData';
import { MetricChart } from './MetricChart';
import { useT } from '../i18n';
import { useTheme } from '../theme/theme';

/**
 * Loss and accuracy charts of the live run, or of the loaded model's own history. The chart
 * data is a deferred value: React redraws the charts in an interruptible render after the urgent
 * updates (progress line, buttons), so a chart update never holds up the page.
 */
export function TrainingCharts() {
  const t = useT();
  const theme = useTheme((st) => st.theme);
  const s = useSift(useShallow((st) => ({ run: st.run, training: st.training, model: st.model, hasData: selectDataset(st) !== null })));
  const live = s.run.epochs.length > 0 || s.run.batches.length > 0;
  const epochs = chartEpochs(s.run, s.model);
  const history = readyModel(s.model)?.summary.training;
  const stop =
    s.training.status === 'trained'
      ? { reason: s.training.stopReason, best: s.training.bestEpoch }
      : !live && history
        ? { reason: history.stopReason, best: history.bestEpoch }
        : null;
  const markerKey = `${stop?.reason ?? ''}|${stop?.best ?? ''}|${epochs.length}`;
  // A new markers array only when they change (or the language does), not on every progress update (each redraws).
  const markers = useMemo(() => chartMarkers(t, stop?.reason ?? null, stop?.best ?? null, epochs.length), [markerKey, t]);
  // The epochs actually run, not the ceiling: a run that stops at epoch 2 of 20 fills the chart.
  const xMax = xAxisEnd(live ? s.run.batches : [], epochs);
  const view = useDeferredValue({ batches: s.run.batches, epochs, markers, xMax });
  // The (empty) charts are there as soon as there is data: the page does not jump when training
  // starts, and creating them costs nothing while training runs. Mounting is deferred as well.
  const visible = useDeferredValue(s.hasData || live || s.training.status === 'training' || epochs.length > 0);

  if (!visible) return null;
  return (
    <div className="charts">
      <MetricChart metric="loss" batches={view.batches} epochs={view.epochs} markers={view.markers} xMax={view.xMax} theme={theme} />
      <MetricChart metric="accuracy" batches={view.batches} epochs={view.epochs} markers={view.markers} xMax={view.xMax} theme={theme} />
    </div>
  );
}
