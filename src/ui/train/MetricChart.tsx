import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { EpochLog } from '@/core/model/types';
import type { BatchPoint } from '@/state/types';
import { formatDecimal, formatPercent } from '../common/format';
import { useT, type T } from '../i18n';
import { chartPalette, type ChartPalette, type Theme } from '../theme/theme';
import { chartColumns, type ChartMarker, type Metric } from './chartData';
import { UPlotChart } from './UPlotChart';

interface Props {
  metric: Metric;
  batches: BatchPoint[];
  epochs: EpochLog[];
  markers: ChartMarker[];
  /** x axis end: the epochs run so far, the one in progress included (chartData.ts xAxisEnd). */
  xMax: number;
  /** The theme in force: the chart's colours come from its CSS variables. */
  theme: Theme;
}

/**
 * One chart: training (per batch, smoothed, and per epoch) with validation on the same axes, as
 * tfjs-vis pairs them. For screen readers the figure has a name and a table of the epoch values.
 */
export function MetricChart({ metric, batches, epochs, markers, xMax, theme }: Props) {
  const t = useT();
  const title = t(`train.charts.titles.${metric}`);
  // The x range is read through a ref: options that change would make uPlot build a new chart
  // (canvas, axes, first layout and paint: one long main-thread task) each time the axis grows by
  // an epoch. A new xMax only needs a redraw, which a new data array (xMax is among its
  // dependencies) triggers. A new theme or language does rebuild it: those are rare.
  const xMaxRef = useRef(xMax);
  xMaxRef.current = xMax;
  // Read anew when the theme changes (the CSS variables are the theme's by then).
  const palette = useMemo(() => chartPalette(), [theme]);
  const options = useMemo(() => chartOptions(t, metric, palette, () => xMaxRef.current), [t, metric, palette]);
  const data = useMemo(() => chartColumns(batches, epochs, metric), [batches, epochs, metric, xMax]);
  const captionId = `chart-${metric}-caption`;
  const fmt = (v: number | null) => (v === null ? '—' : metric === 'accuracy' ? formatPercent(v) : formatDecimal(v, 4));
  return (
    <figure className="chart-card metric-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        {t('train.charts.caption', { title })}
        <span className="chart-legend" aria-hidden="true">
          <span className="legend-item">
            <span className="legend-swatch legend-swatch--batch" />
            {t('train.charts.perBatch')}
          </span>
          <span className="legend-item">
            <span className="legend-swatch legend-swatch--train" />
            {t('train.charts.training')}
          </span>
          <span className="legend-item">
            <span className="legend-swatch legend-swatch--dashed legend-swatch--validation" />
            {t('train.charts.validation')}
          </span>
        </span>
      </figcaption>
      <UPlotChart options={options} data={data} markers={markers} palette={palette} />
      {epochs.length === 0 && batches.length === 0 && <p className="chart-empty muted">{t('train.charts.empty')}</p>}
      {/* A table is as wide as its text whatever its own width: a hidden one stays inside a 1 px box, or it widens the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('train.charts.byEpoch', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('train.charts.epoch')}</th>
              <th scope="col">{t(`train.charts.trainingOf.${metric}`)}</th>
              <th scope="col">{t(`train.charts.validationOf.${metric}`)}</th>
            </tr>
          </thead>
          <tbody>
            {epochs.map((e) => (
              <tr key={e.epoch}>
                <th scope="row">{e.epoch}</th>
                <td>{fmt(metric === 'loss' ? e.loss : e.accuracy)}</td>
                <td>{fmt(metric === 'loss' ? e.valLoss : e.valAccuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function chartOptions(t: T, metric: Metric, palette: ChartPalette, xMax: () => number): Omit<uPlot.Options, 'width' | 'height'> {
  const axis = { stroke: palette.axis, grid: { stroke: palette.grid, width: 1 }, ticks: { stroke: palette.tick, width: 1 } };
  return {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: () => [0, xMax()] },
      // Accuracy always on 0–1 so runs compare at a glance; loss from 0 up.
      y: metric === 'accuracy' ? { range: [0, 1] } : { range: (_u, _min, max) => [0, Math.max(0.1, (max ?? 1) * 1.05)] },
    },
    axes: [
      { ...axis, label: t('train.charts.epochAxis'), labelSize: 20, size: 36 },
      { ...axis, size: 48, values: metric === 'accuracy' ? (_u, ticks) => ticks.map((v) => formatPercent(v, 0)) : undefined },
    ],
    series: [
      { label: t('train.charts.epochAxis') },
      { label: t('train.charts.perBatch'), stroke: palette.trainSoft, width: 1.25, spanGaps: true, points: { show: false } },
      { label: t(`train.charts.trainingOf.${metric}`), stroke: palette.train, width: 2, spanGaps: true, points: { show: true, size: 7, fill: palette.train } },
      { label: t(`train.charts.validationOf.${metric}`), stroke: palette.validation, width: 2, dash: [6, 4], spanGaps: true, points: { show: true, size: 7, fill: palette.validation } },
    ],
  };
}
