import type { ParsedData } from '@/state/types';
import { FilePickButton } from '../common/FilePickButton';
import { formatBytes, formatCount } from '../common/format';
import { readFile } from './readFile';
import { DATA_FILE_TYPES } from './DropZone';
import { SampleButtons } from './SampleButtons';

/** Which file is loaded, with ways to replace it. */
export function DataSourceBar({ parsed, disabled }: { parsed: ParsedData; disabled: boolean }) {
  const { summary } = parsed;
  return (
    <div className="source-bar">
      <div className="source-bar__file">
        <span className="source-bar__name">{summary.fileName}</span>
        <span className="muted">
          {formatBytes(summary.byteLength)} · {formatCount(summary.report.totalRows)} rows · {formatCount(summary.exampleCount)} usable examples
        </span>
      </div>
      <div className="source-bar__actions">
        <FilePickButton label="Choose another file" accept={DATA_FILE_TYPES} onFile={(f) => void readFile(f)} disabled={disabled} />
        <details className="menu">
          <summary className="button button--quiet">Samples</summary>
          <div className="menu__popover">
            <SampleButtons />
          </div>
        </details>
      </div>
    </div>
  );
}
