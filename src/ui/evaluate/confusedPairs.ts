import type { Metrics } from '@/core/model/types';

export interface ConfusedPair {
  trueLabel: string;
  predictedLabel: string;
  count: number;
  /** Share of the true class's examples taken for the other class. */
  share: number;
}

/** The off-diagonal cells with texts in them, most texts first (ties: larger share of the row, then by label order). */
export function mostConfusedPairs(metrics: Pick<Metrics, 'labels' | 'confusion'>, limit = 10): ConfusedPair[] {
  const pairs: (ConfusedPair & { t: number; p: number })[] = [];
  metrics.confusion.forEach((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, p) => {
      if (t !== p && count > 0) pairs.push({ trueLabel: metrics.labels[t], predictedLabel: metrics.labels[p], count, share: total ? count / total : 0, t, p });
    });
  });
  pairs.sort((a, b) => b.count - a.count || b.share - a.share || a.t - b.t || a.p - b.p);
  return pairs.slice(0, limit).map(({ t: _t, p: _p, ...pair }) => pair);
}
