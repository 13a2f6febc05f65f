import type { Delimiter } from '@/core/dataset/types';
import { useSift } from '@/state/appStore';
import type { ParsedData } from '@/state/types';
import { DELIMITER_KEYS, ENCODING_CHOICES, encodingName, formatPercent } from '../common/format';
import { useT, useTextLang } from '../i18n';
import { columnReason } from './columnReason';

/** How the file was read (encoding, delimiter, header, columns), each changeable: it re-reads at once. */
export function ReadOptionsForm({ parsed, disabled }: { parsed: ParsedData; disabled: boolean }) {
  const t = useT();
  const { summary, source } = parsed;
  const set = useSift.getState().setReadOptions;
  const encodings = ENCODING_CHOICES.includes(summary.encoding.name) ? ENCODING_CHOICES : [summary.encoding.name, ...ENCODING_CHOICES];
  const encodingHint = t(`data.read.encodingSource.${summary.encoding.source}`, { percent: formatPercent(summary.encoding.confidence, 0) });
  const anyChosen = Object.keys(source.options).length > 0;

  return (
    <fieldset className="read-options" disabled={disabled}>
      <legend>{t('data.read.legend')}</legend>
      <div className="field">
        <label htmlFor="read-encoding">{t('data.read.encoding')}</label>
        <select id="read-encoding" value={summary.encoding.name} onChange={(e) => void set({ encoding: e.target.value })} aria-describedby="read-encoding-hint">
          {encodings.map((name) => (
            <option key={name} value={name}>
              {encodingName(name)}
            </option>
          ))}
        </select>
        <span id="read-encoding-hint" className="field__hint">
          {encodingHint}
        </span>
      </div>
      <div className="field">
        <label htmlFor="read-delimiter">{t('data.read.delimiter')}</label>
        <select
          id="read-delimiter"
          value={summary.delimiter}
          // Other separators mean other columns: let the column choice be detected again.
          onChange={(e) => void set({ delimiter: e.target.value as Delimiter, textColumn: undefined, labelColumn: undefined })}
        >
          {(Object.keys(DELIMITER_KEYS) as Delimiter[]).map((d) => (
            <option key={d} value={d}>
              {t(`common.delimiters.${DELIMITER_KEYS[d]}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--checkbox">
        <input id="read-header" type="checkbox" checked={summary.hasHeader} onChange={(e) => void set({ hasHeader: e.target.checked })} />
        <label htmlFor="read-header">{t('data.read.header')}</label>
      </div>
      <ColumnSelect id="read-text-column" label={t('data.read.textColumn')} columns={summary.columns} value={summary.textColumn} onChange={(i) => void set({ textColumn: i })} />
      <ColumnSelect id="read-label-column" label={t('data.read.labelColumn')} columns={summary.columns} value={summary.labelColumn} onChange={(i) => void set({ labelColumn: i })} />
      <p className="read-options__reason">
        <span className="muted">{columnReason(t, summary)}</span>
        {anyChosen && (
          <button
            type="button"
            className="link-button"
            onClick={() => void set({ encoding: undefined, delimiter: undefined, hasHeader: undefined, textColumn: undefined, labelColumn: undefined })}
          >
            {t('data.read.detectAgain')}
          </button>
        )}
      </p>
    </fieldset>
  );
}

interface ColumnSelectProps {
  id: string;
  label: string;
  columns: string[];
  value: number;
  onChange(index: number): void;
}

/** One of the file's columns, by name; the value is its index (names may repeat or be empty). */
function ColumnSelect({ id, label, columns, value, onChange }: ColumnSelectProps) {
  const langOf = useTextLang();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {columns.map((name, i) => (
          <option key={i} value={i} lang={langOf(name)}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
