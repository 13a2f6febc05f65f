import { useMemo } from 'react';
import type uPlot from 'uplot';
import { classF1Rows, comparisonColumns, settingsDiff } from '@/state/runs/compare';
import type { RunRecord } from '@/state/runs/types';
import { UPlotChart } from '../train/UPlotChart';
import { SETTING_ORDER, settingLabel, settingValue } from './settingLabels';

const A = '#4f46e5';
const B = '#c2410c';

/** Two runs side by side: the settings (the ones that differ marked), F1 per class, both loss curves. */
export function RunComparison({ a, b }: { a: RunRecord; b: RunRecord }) {
  const names = [`Run ${a.number}`, `Run ${b.number}`] as const;
  const settings = settingsDiff(a.settings, b.settings, SETTING_ORDER);
  const differing = settings.filter((s) => s.differs).length;
  const f1 = classF1Rows(a.validation, b.validation);
  return (
    <section className="run-compare" aria-labelledby="run-compare-heading">
      <h4 id="run-compare-heading" className="subheading subheading--small">
        {names[0]} and {names[1]} side by side
      </h4>
      <div className="run-compare__tables">
        <div className="table-scroll">
          <table className="table">
            <caption>
              Settings of {names[0]} and {names[1]}: {differing === 0 ? 'all the same' : differing === 1 ? '1 differs' : `${differing} differ`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">{names[0]}</th>
                <th scope="col">{names[1]}</th>
              </tr>
            </thead>
            <tbody>
              {settings.map((s) => (
                <tr key={s.key} className={s.differs ? 'is-different' : undefined}>
                  <th scope="row">
                    {settingLabel(s.key)}
                    {s.differs && <span className="badge badge--differs"> differs</span>}
                  </th>
                  <td>{settingValue(s.key, s.a)}</td>
                  <td>{settingValue(s.key, s.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-scroll">
          <table className="table">
            <caption>
              F1 per class on the validation examples: {names[1]} minus {names[0]}
            </caption>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col" className="num">
                  {names[0]}
                </th>
                <th scope="col" className="num">
                  {names[1]}
                </th>
                <th scope="col" className="num">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody>
              {f1.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    Neither run has validation results.
                  </td>
                </tr>
              )}
              {f1.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td className="num">{row.a === null ? '—' : row.a.toFixed(3)}</td>
                  <td className="num">{row.b === null ? '—' : row.b.toFixed(3)}</td>
                  <td className={`num ${row.difference === null || Math.abs(row.difference) < 0.0005 ? '' : row.difference > 0 ? 'is-better' : 'is-worse'}`}>
                    {row.difference === null ? '—' : `${row.difference >= 0 ? '+' : '−'}${Math.abs(row.difference).toFixed(3)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <ComparisonChart a={a} b={b} />
    </section>
  );
}

/** Both runs' training and validation loss by epoch on one chart, with a table for screen readers. */
function ComparisonChart({ a, b }: { a: RunRecord; b: RunRecord }) {
  const data = useMemo(() => comparisonColumns(a.history, b.history), [a.history, b.history]);
  const options = useMemo(() => comparisonOptions(a.number, b.number), [a.number, b.number]);
  const [xs, aLoss, aVal, bLoss, bVal] = data;
  const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(4));
  return (
    <figure className="chart-card" aria-labelledby="run-compare-chart">
      <figcaption id="run-compare-chart">
        Loss of run {a.number} and run {b.number} by epoch
        <span className="chart-legend" aria-hidden="true">
          <span className="legend-item">
            <span className="legend-swatch" style={{ background: A }} />
            run {a.number}
          </span>
          <span className="legend-item">
            <span className="legend-swatch" style={{ background: B }} />
            run {b.number}
          </span>
          <span className="legend-item">solid: training · dashed: validation</span>
        </span>
      </figcaption>
      <UPlotChart options={options} data={data} markers={[]} />
      <table className="visually-hidden">
        <caption>
          Loss by epoch, run {a.number} and run {b.number}
        </caption>
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            <th scope="col">Run {a.number} training</th>
            <th scope="col">Run {a.number} validation</th>
            <th scope="col">Run {b.number} training</th>
            <th scope="col">Run {b.number} validation</th>
          </tr>
        </thead>
        <tbody>
          {xs.map((x, i) => (
            <tr key={x}>
              <th scope="row">{x}</th>
              <td>{fmt(aLoss[i])}</td>
              <td>{fmt(aVal[i])}</td>
              <td>{fmt(bLoss[i])}</td>
              <td>{fmt(bVal[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function comparisonOptions(a: number, b: number): Omit<uPlot.Options, 'width' | 'height'> {
  const axis = { stroke: '#4b5563', grid: { stroke: '#e5e7eb', width: 1 }, ticks: { stroke: '#d1d5db', width: 1 } };
  const line = (label: string, stroke: string, dashed: boolean): uPlot.Series => ({ label, stroke, width: 2, spanGaps: true, points: { show: true, size: 6, fill: stroke }, ...(dashed && { dash: [6, 4] }) });
  return {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: (_u, _min, max) => [1, Math.max(2, max ?? 2)] }, y: { range: (_u, _min, max) => [0, Math.max(0.1, (max ?? 1) * 1.05)] } },
    axes: [
      { ...axis, label: 'epoch', labelSize: 20, size: 36, incrs: [1, 2, 5, 10, 20, 50, 100] },
      { ...axis, size: 48 },
    ],
    series: [{ label: 'epoch' }, line(`run ${a} training`, A, false), line(`run ${a} validation`, A, true), line(`run ${b} training`, B, false), line(`run ${b} validation`, B, true)],
  };
}
