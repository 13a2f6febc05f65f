/** How the scale figures grow with the number of rows: a least-squares line, and how straight it is. */
import type { Growth } from './types';

/**
 * The line through (rows, value) points that fits best (least squares), per 100,000 rows, and
 * the figure per row at the largest file over that at the smallest: 1 when the figure is
 * proportional to the rows, above 1 when it grows faster. Null with fewer than two sizes.
 */
export function fitGrowth(figure: string, points: readonly { rows: number; value: number }[]): Growth | null {
  const usable = points.filter((p) => Number.isFinite(p.value) && p.rows > 0);
  if (usable.length < 2) return null;
  const n = usable.length;
  const meanX = usable.reduce((s, p) => s + p.rows, 0) / n;
  const meanY = usable.reduce((s, p) => s + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of usable) {
    sxy += (p.rows - meanX) * (p.value - meanY);
    sxx += (p.rows - meanX) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const sorted = [...usable].sort((a, b) => a.rows - b.rows);
  const small = sorted[0];
  const large = sorted[sorted.length - 1];
  return {
    figure,
    per100kRows: slope * 100_000,
    intercept: meanY - slope * meanX,
    perRowRatio: large.value / large.rows / (small.value / small.rows),
  };
}
