import { useState, type FocusEvent, type MouseEvent } from 'react';
import type { Metrics } from '@/core/model/types';
import { formatCount } from '../common/format';
import { i18n, useT, useTextLang, type T } from '../i18n';

/** A cell of the matrix, by its classes. */
export interface CellRef {
  trueLabel: string;
  predictedLabel: string;
}

/** From this many classes the column headings stand upright and the cells get smaller. */
export const MANY_CLASSES = 9;

interface Props {
  metrics: Metrics;
  title: string;
  /** Makes every cell a button that opens its texts (where the engine has them). */
  onOpenCell?: (cell: CellRef) => void;
  /** The cell whose texts are shown. */
  openCell?: CellRef | null;
  /** id of the element that shows a cell's texts (for aria-controls). */
  listId?: string;
}

/** "true ham, predicted spam: 3 texts": a cell's accessible name, as the person would say it. */
export function cellName(trueLabel: string, predictedLabel: string, count: number, t: T = i18n.t): string {
  return t('evaluate.matrix.cell', { trueLabel, predictedLabel, count });
}

/**
 * Rows are the true classes, columns what the model said. One table in two looks: the shaded grid
 * for the eye (shade = share of the row) and a plain table; either way each cell can be a button
 * that opens the texts behind its number, so the matrix is a way in, not only a picture. With
 * many classes it scrolls inside its card, its headings stay in view (sticky), the column
 * headings stand upright, and the cell pointed at or focused is read out in full above it.
 */
export function ConfusionMatrix({ metrics, title, onOpenCell, openCell, listId }: Props) {
  const t = useT();
  const langOf = useTextLang();
  const [asTable, setAsTable] = useState(false);
  const [pointed, setPointed] = useState<{ t: number; p: number } | null>(null);
  const { labels, confusion } = metrics;
  const many = labels.length >= MANY_CLASSES;
  const captionId = `confusion-${title.replace(/\W+/g, '-').toLowerCase()}`;
  // One listener for all cells: the cell under the pointer or with focus is read out above the grid.
  const point = (e: FocusEvent | MouseEvent) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!cell) return;
    const [row, column] = (cell.dataset.cell ?? '').split(',').map(Number);
    setPointed({ t: row, p: column });
  };
  const readout = pointed && labels[pointed.t] !== undefined && labels[pointed.p] !== undefined ? cellName(labels[pointed.t], labels[pointed.p], confusion[pointed.t][pointed.p], t) : null;
  return (
    <figure className={`chart-card confusion ${many ? 'confusion--many' : ''}`} aria-labelledby={captionId}>
      <figcaption id={captionId}>
        {t('evaluate.matrix.title')} <span className="muted">{onOpenCell ? t('evaluate.matrix.hintOpen') : t('evaluate.matrix.hint')}</span>
        <button type="button" className="link-button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? t('evaluate.matrix.asGrid') : t('evaluate.matrix.asTable')}
        </button>
      </figcaption>
      {many && (
        // Not live: a screen reader already hears each cell's full name from the cell itself.
        <p className="confusion__readout muted" aria-hidden="true">
          {readout ?? t('evaluate.matrix.pointHint')}
        </p>
      )}
      <div className="confusion__scroll" onMouseOver={point} onFocus={point}>
        <table className={asTable ? 'table confusion__table' : 'confusion__grid'}>
          <caption className={asTable ? undefined : 'visually-hidden'}>{t('evaluate.matrix.caption', { title })}</caption>
          <thead>
            <tr>
              <th scope="col" className="confusion__corner">
                {asTable ? t('evaluate.matrix.corner') : <span className="visually-hidden">{t('evaluate.matrix.corner')}</span>}
              </th>
              {labels.map((l, p) => (
                <th key={l} scope="col" className="confusion__head" title={l} lang={langOf(l)} data-column={p}>
                  <span className="confusion__head-text">{l}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {confusion.map((row, ti) => {
              const total = row.reduce((a, b) => a + b, 0) || 1;
              return (
                <tr key={labels[ti]}>
                  <th scope="row" className="confusion__rowhead" title={labels[ti]} lang={langOf(labels[ti])}>
                    {labels[ti]}
                  </th>
                  {row.map((count, p) => {
                    const share = count / total;
                    const shade = asTable ? '' : `confusion__cell ${ti === p ? 'is-diagonal' : ''} ${share > 0.5 ? 'is-dark' : ''}`;
                    const isOpen = openCell?.trueLabel === labels[ti] && openCell.predictedLabel === labels[p];
                    const name = cellName(labels[ti], labels[p], count, t);
                    return (
                      <td key={p} className={`num ${shade}`} style={asTable ? undefined : { ['--share' as string]: share }} data-cell={`${ti},${p}`} title={onOpenCell ? undefined : name}>
                        {onOpenCell ? (
                          <button
                            type="button"
                            className={`confusion__button ${isOpen ? 'is-open' : ''}`}
                            aria-label={name}
                            aria-expanded={isOpen}
                            aria-controls={listId}
                            title={name}
                            onClick={() => onOpenCell({ trueLabel: labels[ti], predictedLabel: labels[p] })}
                          >
                            {formatCount(count)}
                          </button>
                        ) : (
                          formatCount(count)
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
