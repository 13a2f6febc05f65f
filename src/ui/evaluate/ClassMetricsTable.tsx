import { useState } from 'react';
import type { ClassMetrics, Metrics } from '@/core/model/types';
import { formatCount, formatDecimal } from '../common/format';
import { useT, useTextLang } from '../i18n';

type SortKey = 'label' | 'precision' | 'recall' | 'f1' | 'support';
type Direction = 'ascending' | 'descending';

const COLUMNS: { key: SortKey; numeric: boolean }[] = [
  { key: 'label', numeric: false },
  { key: 'precision', numeric: true },
  { key: 'recall', numeric: true },
  { key: 'f1', numeric: true },
  { key: 'support', numeric: true },
];

const HEADINGS = { label: 'class', precision: 'precision', recall: 'recall', f1: 'f1', support: 'examples' } as const;

/** Rows in the chosen order; null keeps the model's class order. Ties keep the class order too (a stable sort). */
export function sortClassRows(rows: readonly ClassMetrics[], sort: { key: SortKey; direction: Direction } | null, locale?: string): ClassMetrics[] {
  if (!sort) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator(locale, { numeric: true });
  return [...rows].sort((a, b) => sign * (sort.key === 'label' ? collator.compare(a.label, b.label) : a[sort.key] - b[sort.key]));
}

/**
 * Precision, recall and F1 per class, sortable by any column (a button in each heading; the
 * sorted column says so with aria-sort). With many classes it scrolls inside its card under a
 * heading row that stays in view; the first choice of a score sorts worst first.
 */
export function ClassMetricsTable({ metrics, title }: { metrics: Metrics; title: string }) {
  const t = useT();
  const langOf = useTextLang();
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction } | null>(null);
  const rows = sortClassRows(metrics.perClass, sort);
  const choose = (key: SortKey) =>
    setSort((old) => (old?.key === key ? { key, direction: old.direction === 'ascending' ? 'descending' : 'ascending' } : { key, direction: key === 'support' ? 'descending' : 'ascending' }));
  return (
    <div className={`table-scroll class-metrics-scroll ${metrics.perClass.length > 12 ? 'is-tall' : ''}`}>
      <table className="table class-metrics">
        <caption>
          {t('evaluate.classTable.caption', { title })} <span className="visually-hidden">{t('evaluate.classTable.sortHint')}</span>
        </caption>
        <thead>
          <tr>
            {COLUMNS.map(({ key, numeric }) => {
              const sorted = sort?.key === key ? sort.direction : undefined;
              return (
                <th key={key} scope="col" className={numeric ? 'num' : undefined} aria-sort={sorted}>
                  <button type="button" className="sort-button" onClick={() => choose(key)}>
                    {t(`evaluate.classTable.${HEADINGS[key]}`)}
                    <span className="sort-button__arrow" aria-hidden="true">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.label}>
              <th scope="row" lang={langOf(c.label)} title={c.label}>
                {c.label}
              </th>
              <td className="num">
                <span className="cell-bar" style={{ ['--v' as string]: c.precision }} />
                {formatDecimal(c.precision)}
              </td>
              <td className="num">
                <span className="cell-bar" style={{ ['--v' as string]: c.recall }} />
                {formatDecimal(c.recall)}
              </td>
              <td className="num">
                <span className="cell-bar" style={{ ['--v' as string]: c.f1 }} />
                {formatDecimal(c.f1)}
              </td>
              <td className="num">{formatCount(c.support)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
