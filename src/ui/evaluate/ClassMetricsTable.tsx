import type { Metrics } from '@/core/model/types';
import { formatCount } from '../common/format';

export function ClassMetricsTable({ metrics, title }: { metrics: Metrics; title: string }) {
  const fmt = (x: number) => x.toFixed(3);
  return (
    <div className="table-scroll">
      <table className="table class-metrics">
        <caption>{title}: precision, recall and F1 per class</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1</th>
            <th scope="col">Examples</th>
          </tr>
        </thead>
        <tbody>
          {metrics.perClass.map((c) => (
            <tr key={c.label}>
              <th scope="row">{c.label}</th>
              <td className="num">
                <span className="cell-bar" style={{ ['--v' as string]: c.precision }} />
                {fmt(c.precision)}
              </td>
              <td className="num">
                <span className="cell-bar" style={{ ['--v' as string]: c.recall }} />
                {fmt(c.recall)}
              </td>
              <td className="num">
                <span className="cell-bar" style={{ ['--v' as string]: c.f1 }} />
                {fmt(c.f1)}
              </td>
              <td className="num">{formatCount(c.support)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
