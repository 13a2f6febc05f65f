import { useState } from 'react';
import type { Metrics } from '@/core/model/types';
import { formatCount } from '../common/format';

/** A cell of the matrix, by its classes. */
export interface CellRef {
  trueLabel: string;
  predictedLabel: string;
}

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
export function cellName(trueLabel: string, predictedLabel: string, count: number): string {
  return `true ${trueLabel}, predicted ${predictedLabel}: ${formatCount(count)} ${count === 1 ? 'text' : 'texts'}`;
}

/**
 * Rows are the true classes, columns what the model said. One table in two looks: the shaded grid
 * for the eye (shade = share of the row) and a plain table; either way each cell can be a button
 * that opens the texts behind its number, so the matrix is a way in, not only a picture.
 */
export function ConfusionMatrix({ metrics, title, onOpenCell, openCell, listId }: Props) {
  const [asTable, setAsTable] = useState(false);
  const { labels, confusion } = metrics;
  const captionId = `confusion-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <figure className="chart-card confusion" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        Confusion matrix <span className="muted">(rows: true class, columns: predicted{onOpenCell ? '; choose a number to see its texts' : ''})</span>
        <button type="button" className="link-button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Show as grid' : 'Show as table'}
        </button>
      </figcaption>
      <div className="table-scroll">
        <table className={asTable ? 'table confusion__table' : 'confusion__grid'}>
          <caption className={asTable ? undefined : 'visually-hidden'}>{title} confusion matrix: true class by row, predicted class by column</caption>
          <thead>
            <tr>
              <th scope="col" className="confusion__corner">
                {asTable ? 'True \\ predicted' : <span className="visually-hidden">True \ predicted</span>}
              </th>
              {labels.map((l) => (
                <th key={l} scope="col" className="confusion__head" title={l}>
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {confusion.map((row, t) => {
              const total = row.reduce((a, b) => a + b, 0) || 1;
              return (
                <tr key={labels[t]}>
                  <th scope="row" className="confusion__rowhead" title={labels[t]}>
                    {labels[t]}
                  </th>
                  {row.map((count, p) => {
                    const share = count / total;
                    const shade = asTable ? '' : `confusion__cell ${t === p ? 'is-diagonal' : ''} ${share > 0.5 ? 'is-dark' : ''}`;
                    const isOpen = openCell?.trueLabel === labels[t] && openCell.predictedLabel === labels[p];
                    return (
                      <td key={p} className={`num ${shade}`} style={asTable ? undefined : { ['--share' as string]: share }}>
                        {onOpenCell ? (
                          <button
                            type="button"
                            className={`confusion__button ${isOpen ? 'is-open' : ''}`}
                            aria-label={cellName(labels[t], labels[p], count)}
                            aria-expanded={isOpen}
                            aria-controls={listId}
                            onClick={() => onOpenCell({ trueLabel: labels[t], predictedLabel: labels[p] })}
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
