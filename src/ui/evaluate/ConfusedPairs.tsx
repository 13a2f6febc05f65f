import type { Metrics } from '@/core/model/types';
import { formatPercent } from '../common/format';
import { useT, useTextLang } from '../i18n';
import type { CellRef } from './ConfusionMatrix';
import { mostConfusedPairs } from './confusedPairs';

interface Props {
  metrics: Metrics;
  /** Opens a pair's texts: the same list as its cell in the matrix. */
  onOpen: (cell: CellRef) => void;
  openCell: CellRef | null;
  listId: string;
}

/**
 * Beside the matrix: the classes the model mixes up most, each a button that opens the texts of
 * that cell. With 50 classes the matrix is a map to scroll; this is where to start reading.
 */
export function ConfusedPairs({ metrics, onOpen, openCell, listId }: Props) {
  const t = useT();
  const langOf = useTextLang();
  const pairs = mostConfusedPairs(metrics);
  return (
    <section className="confused-pairs" aria-labelledby="confused-pairs-heading">
      <h4 id="confused-pairs-heading" className="subheading subheading--small">
        {t('evaluate.pairs.heading')}
      </h4>
      {pairs.length === 0 ? (
        <p className="muted">{t('evaluate.pairs.none')}</p>
      ) : (
        <>
          <p className="muted">{t('evaluate.pairs.intro')}</p>
          <ol className="confused-pairs__list">
            {pairs.map((pair) => {
              const isOpen = openCell?.trueLabel === pair.trueLabel && openCell.predictedLabel === pair.predictedLabel;
              return (
                <li key={`${pair.trueLabel}\u0000${pair.predictedLabel}`}>
                  <button
                    type="button"
                    className={`confused-pairs__button ${isOpen ? 'is-open' : ''}`}
                    aria-label={t('evaluate.pairs.pair', { trueLabel: pair.trueLabel, predictedLabel: pair.predictedLabel, count: pair.count })}
                    aria-expanded={isOpen}
                    aria-controls={listId}
                    onClick={() => onOpen({ trueLabel: pair.trueLabel, predictedLabel: pair.predictedLabel })}
                  >
                    <span className="confused-pairs__labels">
                      <span lang={langOf(pair.trueLabel)}>{pair.trueLabel}</span>
                      <span aria-hidden="true"> → </span>
                      <span lang={langOf(pair.predictedLabel)}>{pair.predictedLabel}</span>
                    </span>
                    <span className="confused-pairs__count">
                      {t('evaluate.pairs.count', { count: pair.count })}{' '}
                      <span className="muted">{t('evaluate.pairs.share', { share: formatPercent(pair.share, 0), label: pair.trueLabel })}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
