import type { DatasetSummary } from '@/core/session';
import { truncate } from '../common/format';

const ROWS = 8;

/** The first rows as read, so a wrong encoding or delimiter is obvious at a glance. */
export function PreviewTable({ summary }: { summary: DatasetSummary }) {
  const rows = summary.preview.slice(0, ROWS);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="preview-caption">
      <table className="table preview-table">
        <caption id="preview-caption">
          Preview: the first {rows.length} rows of {summary.fileName}
        </caption>
        <thead>
          <tr>
            {summary.columns.map((name, i) => (
              <th key={i} scope="col" className={roleClass(i, summary)}>
                {name}
                {i === summary.textColumn && <span className="badge badge--text">text</span>}
                {i === summary.labelColumn && <span className="badge badge--label">label</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {summary.columns.map((_, i) => (
                <td key={i} className={roleClass(i, summary)}>
                  {truncate(row[i] ?? '', 240)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function roleClass(i: number, s: DatasetSummary): string {
  if (i === s.textColumn) return 'col--text';
  if (i === s.labelColumn) return 'col--label';
  return 'col--other';
}
