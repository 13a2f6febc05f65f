import type { Delimiter } from '@/core/dataset/types';
import { useSift } from '@/state/appStore';
import type { ParsedData } from '@/state/types';
import { DELIMITER_NAMES, ENCODING_CHOICES, encodingName, formatPercent } from '../common/format';

const SOURCE_WORDS = { bom: 'from the byte-order mark', 'utf8-valid': 'valid UTF-8', detected: 'detected', user: 'your choice' } as const;

/** How the file was read (encoding, delimiter, header, columns), each changeable: it re-reads at once. */
export function ReadOptionsForm({ parsed, disabled }: { parsed: ParsedData; disabled: boolean }) {
  const { summary, source } = parsed;
  const set = useSift.getState().setReadOptions;
  const encodings = ENCODING_CHOICES.includes(summary.encoding.name) ? ENCODING_CHOICES : [summary.encoding.name, ...ENCODING_CHOICES];
  const encodingHint =
    summary.encoding.source === 'detected'
      ? `detected, ${formatPercent(summary.encoding.confidence, 0)} sure`
      : SOURCE_WORDS[summary.encoding.source];
  const anyChosen = Object.keys(source.options).length > 0;

  return (
    <fieldset className="read-options" disabled={disabled}>
      <legend>How the file was read</legend>
      <div className="field">
        <label htmlFor="read-encoding">Encoding</label>
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
        <label htmlFor="read-delimiter">Delimiter</label>
        <select
          id="read-delimiter"
          value={summary.delimiter}
          // Other separators mean other columns: let the column choice be detected again.
          onChange={(e) => void set({ delimiter: e.target.value as Delimiter, textColumn: undefined, labelColumn: undefined })}
        >
          {(Object.keys(DELIMITER_NAMES) as Delimiter[]).map((d) => (
            <option key={d} value={d}>
              {DELIMITER_NAMES[d]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--checkbox">
        <input id="read-header" type="checkbox" checked={summary.hasHeader} onChange={(e) => void set({ hasHeader: e.target.checked })} />
        <label htmlFor="read-header">First row is a header</label>
      </div>
      <div className="field">
        <label htmlFor="read-text-column">Text column</label>
        <select id="read-text-column" value={summary.textColumn} onChange={(e) => void set({ textColumn: Number(e.target.value) })}>
          {summary.columns.map((name, i) => (
            <option key={i} value={i}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="read-label-column">Label column</label>
        <select id="read-label-column" value={summary.labelColumn} onChange={(e) => void set({ labelColumn: Number(e.target.value) })}>
          {summary.columns.map((name, i) => (
            <option key={i} value={i}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <p className="read-options__reason">
        <span className="muted">{summary.columnReason}</span>
        {anyChosen && (
          <button
            type="button"
            className="link-button"
            onClick={() => void set({ encoding: undefined, delimiter: undefined, hasHeader: undefined, textColumn: undefined, labelColumn: undefined })}
          >
            Detect everything again
          </button>
        )}
      </p>
    </fieldset>
  );
}
