import { useMemo } from 'react';
import type uPlot from 'uplot';
import { classF1Rows, comparisonColumns, settingsDiff } from '@/state/runs/compare';
import type { RunRecord } from '@/state/runs/types';
import { formatDecimal } from '../common/format';
import { useT, useTextLang, type T } from '../i18n';
import { chartPalette, useTheme, type ChartPalette } from '../theme/theme';
import { UPlotChart } from '../train/UPlotChart';
import { SETTING_ORDER, settingLabel, settingValue } from './settingLabels';

/** Two runs side by side: the settings (the ones that differ marked), F1 per class, both loss curves. */
export function RunComparison({ a, b }: { a: RunRecord; b: RunRecord }) {
  const t = useT();
  const langOf = useTextLang();
  const names = [t('runs.name', { number: a.number }), t('runs.name', { number: b.number })] as const;
  const settings = settingsDiff(a.settings, b.settings, SETTING_ORDER);
  const differing = settings.filter((s) => s.differs).length;
  const f1 = classF1Rows(a.validation, b.validation);
  return (
    <section className="run-compare" aria-labelledby="run-compare-heading">
      <h4 id="run-compare-heading" className="subheading subheading--small">
        {t('runs.side.heading', { a: names[0], b: names[1] })}
      </h4>
      <div className="run-compare__tables">
        <div className="table-scroll">
          <table className="table">
            <caption>
              {t('runs.side.settingsCaption', { a: names[0], b: names[1], differ: differing === 0 ? t('runs.side.allSame') : t('runs.side.differ', { count: differing }) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('runs.side.setting')}</th>
                <th scope="col">{names[0]}</th>
                <th scope="col">{names[1]}</th>
              </tr>
            </thead>
            <tbody>
              {settings.map((s) => (
                <tr key={s.key} className={s.differs ? 'is-different' : undefined}>
                  <th scope="row">
                    {settingLabel(t, s.key)}
                    {s.differs && <span className="badge badge--differs"> {t('runs.side.differs')}</span>}
                  </th>
                  <td>{settingValue(t, s.key, s.a)}</td>
                  <td>{settingValue(t, s.key, s.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-scroll">
          <table className="table">
            <caption>{t('runs.side.f1Caption', { a: names[0], b: names[1] })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('runs.side.class')}</th>
                <th scope="col" className="num">
                  {names[0]}
                </th>
                <th scope="col" className="num">
                  {names[1]}
                </th>
                <th scope="col" className="num">
                  {t('runs.side.difference')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f1.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    {t('runs.side.noValidation')}
                  </td>
                </tr>
              )}
              {f1.map((row) => (
                <tr key={row.label}>
                  <th scope="row" lang={langOf(row.label)}>
                    {row.label}
                  </th>
                  <td className="num">{row.a === null ? '—' : formatDecimal(row.a)}</td>
                  <td className="num">{row.b === null ? '—' : formatDecimal(row.b)}</td>
                  <td className={`num ${row.difference === null || Math.abs(row.difference) < 0.0005 ? '' : row.difference > 0 ? 'is-better' : 'is-worse'}`}>
                    {row.difference === null ? '—' : `${row.difference >= 0 ? '+' : '−'}${formatDecimal(Math.abs(row.difference))}`}
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
  const t = useT();
  const theme = useTheme((s) => s.theme);
  // Read anew when the theme changes (the CSS variables are the theme's by then).
  const palette = useMemo(() => chartPalette(), [theme]);
  const data = useMemo(() => comparisonColumns(a.history, b.history), [a.history, b.history]);
  const options = useMemo(() => comparisonOptions(t, a.number, b.number, palette), [t, a.number, b.number, palette]);
  const [xs, aLoss, aVal, bLoss, bVal] = data;
  const fmt = (v: number | null) => (v === null ? '—' : formatDecimal(v, 4));
  return (
    <figure className="chart-card" aria-labelledby="run-compare-chart">
      <figcaption id="run-compare-chart">
        {t('runs.side.chartCaption', { a: a.number, b: b.number })}
        <span className="chart-legend" aria-hidden="true">
          <span className="legend-item">
            <span className="legend-swatch legend-swatch--run-a" />
            {t('runs.side.legendRun', { n: a.number })}
          </span>
          <span className="legend-item">
            <span className="legend-swatch legend-swatch--run-b" />
            {t('runs.side.legendRun', { n: b.number })}
          </span>
          <span className="legend-item">{t('runs.side.legendLines')}</span>
        </span>
      </figcaption>
      <UPlotChart options={options} data={data} markers={[]} palette={palette} />
      {/* A table is as wide as its text whatever its own width: a hidden one stays inside a 1 px box, or it widens the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('runs.side.tableCaption', { a: a.number, b: b.number })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('runs.side.epoch')}</th>
              <th scope="col">{t('runs.side.training', { n: a.number })}</th>
              <th scope="col">{t('runs.side.validation', { n: a.number })}</th>
              <th scope="col">{t('runs.side.training', { n: b.number })}</th>
              <th scope="col">{t('runs.side.validation', { n: b.number })}</th>
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
      </div>
    </figure>
  );
}

function comparisonOptions(t: T, a: number, b: number, palette: ChartPalette): Omit<uPlot.Options, 'width' | 'height'> {
  const axis = { stroke: palette.axis, grid: { stroke: palette.grid, width: 1 }, ticks: { stroke: palette.tick, width: 1 } };
  const line = (label: string, stroke: string, dashed: boolean): uPlot.Series => ({ label, stroke, width: 2, spanGaps: true, points: { show: true, size: 6, fill: stroke }, ...(dashed && { dash: [6, 4] }) });
  return {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: (_u, _min, max) => [1, Math.max(2, max ?? 2)] }, y: { range: (_u, _min, max) => [0, Math.max(0.1, (max ?? 1) * 1.05)] } },
    axes: [
      { ...axis, label: t('train.charts.epochAxis'), labelSize: 20, size: 36, incrs: [1, 2, 5, 10, 20, 50, 100] },
      { ...axis, size: 48 },
    ],
    series: [
      { label: t('train.charts.epochAxis') },
      line(t('runs.side.training', { n: a }), palette.runA, false),
      line(t('runs.side.validation', { n: a }), palette.runA, true),
      line(t('runs.side.training', { n: b }), palette.runB, false),
      line(t('runs.side.validation', { n: b }), palette.runB, true),
    ],
  };
}
