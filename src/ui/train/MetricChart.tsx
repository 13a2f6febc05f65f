import { formatPercent } from '@/core/format';
import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { EpochLog } from '@/core/model/types';
import type { BatchPoint } from '@/state/types';
import { chartColumns, type ChartMarker, type Metric } from './chartData';
import { UPlotChart } from './UPlotChart';

const TRAIN = '#4f46e5';
const TRAIN_SOFT = 'rgba(79, 70, 229, 0.35)';
const VALIDATION = '#c2410c';

const TITLES = { loss: 'Loss', accuracy: 'Accuracy' } as const;

interface Props {
  metric: Metric;
  batches: BatchPoint[];
  epochs: EpochLog[];
  markers: ChartMarker[];
  /** x axis end: the epochs run so far, the one in progress included (chartData.ts xAxisEnd). */
  xMax: number;
}

/**
 * One chart: training (per batch, smoothed, and per epoch) with validation on the same axes, as
 * tfjs-vis pairs them. For screen readers the figure has a name and a table of the epoch values.
 */
export function MetricChart({ metric, batches, epochs, markers, xMax }: Props) {
  const title = TITLES[metric];
  // The x range is read through a ref: options that change would make uPlot build a new chart
  // (canvas, axes, first layout and paint: one long main-thread task) each time the axis grows by
  // an epoch. A new xMax only needs a redraw, which a new data array (xMax is among its
  // dependencies) triggers.
  const xMaxRef = useRef(xMax);
  xMaxRef.current = xMax;
  const options = useMemo(() => chartOptions(metric, () => xMaxRef.current), [metric]);
  const data = useMemo(() => chartColumns(batches, epochs, metric), [batches, epochs, metric, xMax]);
  const captionId = `chart-${metric}-caption`;
  const fmt = (v: number | null) => (v === null ? '—' : metric === 'accuracy' ? formatPercent(v) : v.toFixed(4));
  return (
    <figure className="chart-card metric-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        {title}: training and validation
        <span className="chart-legend" aria-hidden="true">
          <span className="legend-item">
            <span className="legend-swatch" style={{ background: TRAIN_SOFT }} />
            per batch
          </span>
          <span className="legend-item">
            <span className="legend-swatch" style={{ background: TRAIN }} />
            training
          </span>
          <span className="legend-item">
            <span className="legend-swatch legend-swatch--dashed" style={{ borderColor: VALIDATION }} />
            validation
          </span>
        </span>
      </figcaption>
      <UPlotChart options={options} data={data} markers={markers} />
      {epochs.length === 0 && batches.length === 0 && <p className="chart-empty muted">The curves appear here while the model trains.</p>}
      <table className="visually-hidden">
        <caption>{title} by epoch</caption>
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            <th scope="col">Training {metric}</th>
            <th scope="col">Validation {metric}</th>
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
    </figure>
  );
}

function chartOptions(metric: Metric, xMax: () => number): Omit<uPlot.Options, 'width' | 'height'> {
  const axis = { stroke: '#4b5563', grid: { stroke: '#e5e7eb', width: 1 }, ticks: { stroke: '#d1d5db', width: 1 } };
  return {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: () => [0, xMax()] },
      // Accuracy always on 0–1 so runs compare at a glance; loss from 0 up.
      y: metric === 'accuracy' ? { range: [0, 1] } : { range: (_u, _min, max) => [0, Math.max(0.1, (max ?? 1) * 1.05)] },
    },
    axes: [
      { ...axis, label: 'epoch', labelSize: 20, size: 36 },
      { ...axis, size: 48, values: metric === 'accuracy' ? (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) : undefined },
    ],
    series: [
      { label: 'epoch' },
      { label: `${metric} per batch (smoothed)`, stroke: TRAIN_SOFT, width: 1.25, spanGaps: true, points: { show: false } },
      { label: `training ${metric}`, stroke: TRAIN, width: 2, spanGaps: true, points: { show: true, size: 7, fill: TRAIN } },
      { label: `validation ${metric}`, stroke: VALIDATION, width: 2, dash: [6, 4], spanGaps: true, points: { show: true, size: 7, fill: VALIDATION } },
    ],
  };
}
