import type { DatasetSummary } from '@/core/session';
import { truncate } from '../common/format';
import { useT, useTextLang } from '../i18n';

const ROWS = 8;

/** The first rows as read, so a wrong encoding or delimiter is obvious at a glance. */
export function PreviewTable({ summary }: { summary: DatasetSummary }) {
  const t = useT();
  const langOf = useTextLang();
  const rows = summary.preview.slice(0, ROWS);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="preview-caption">
      <table className="table preview-table">
        <caption id="preview-caption">{t('data.preview.caption', { count: rows.length, fileName: summary.fileName })}</caption>
        <thead>
          <tr>
            {summary.columns.map((name, i) => (
              <th key={i} scope="col" className={roleClass(i, summary)}>
                <span lang={langOf(name)}>{name}</span>
                {i === summary.textColumn && <span className="badge badge--text">{t('data.preview.text')}</span>}
                {i === summary.labelColumn && <span className="badge badge--label">{t('data.preview.label')}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {summary.columns.map((_, i) => {
                const cell = row[i] ?? '';
                return (
                  <td key={i} className={roleClass(i, summary)} lang={langOf(cell)}>
                    {truncate(cell, 240)}
                  </td>
                );
              })}
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
