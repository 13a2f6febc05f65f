import { useState } from 'react';
import type { Metrics } from '@/core/model/types';
import { formatCount } from '../common/format';

/**
 * Rows are the true classes, columns what the model said. The shaded grid is for the eye (shade =
 * share of the row); the table says the same for screen readers, and anyone can switch to it.
 */
export function ConfusionMatrix({ metrics, title }: { metrics: Metrics; title: string }) {
  const [asTable, setAsTable] = useState(false);
  const { labels, confusion } = metrics;
  const captionId = `confusion-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <figure className="chart-card confusion" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        Confusion matrix <span className="muted">(rows: true class, columns: predicted)</span>
        <button type="button" className="link-button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Show as grid' : 'Show as table'}
        </button>
      </figcaption>
      {!asTable && (
        <div className="confusion__grid" aria-hidden="true" style={{ gridTemplateColumns: `minmax(4rem, max-content) repeat(${labels.length}, minmax(2.75rem, 1fr))` }}>
          <span />
          {labels.map((l) => (
            <span key={l} className="confusion__head" title={l}>
              {l}
            </span>
          ))}
          {confusion.map((row, t) => {
            const total = row.reduce((a, b) => a + b, 0) || 1;
            return [
              <span key={`h${t}`} className="confusion__rowhead" title={labels[t]}>
                {labels[t]}
              </span>,
              ...row.map((count, p) => {
                const share = count / total;
                return (
                  <span
                    key={`${t}-${p}`}
                    className={`confusion__cell ${t === p ? 'is-diagonal' : ''} ${share > 0.5 ? 'is-dark' : ''}`}
                    style={{ ['--share' as string]: share }}
                    title={`true ${labels[t]}, predicted ${labels[p]}: ${count}`}
                  >
                    {formatCount(count)}
                  </span>
                );
              }),
            ];
          })}
        </div>
      )}
      <div className={asTable ? 'table-scroll' : 'visually-hidden'}>
        <table className="table">
          <caption>{title} confusion matrix: true class by row, predicted class by column</caption>
          <thead>
            <tr>
              <th scope="col">True \ predicted</th>
              {labels.map((l) => (
                <th key={l} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {confusion.map((row, t) => (
              <tr key={labels[t]}>
                <th scope="row">{labels[t]}</th>
                {row.map((count, p) => (
                  <td key={p} className="num">
                    {count}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
