import type { Ref } from 'react';
import type { ParsedData } from '@/state/types';
import { FilePickButton } from '../common/FilePickButton';
import { formatBytes, formatCount } from '../common/format';
import { readFile } from './readFile';
import { DATA_FILE_TYPES } from './DropZone';
import { SampleButtons } from './SampleButtons';

/**
 * Which file is loaded, with ways to replace it. The file's name is the data summary's heading:
 * focus goes there once a file (or a sample) has been read.
 */
export function DataSourceBar({ parsed, disabled, headingRef }: { parsed: ParsedData; disabled: boolean; headingRef?: Ref<HTMLHeadingElement> }) {
  const { summary } = parsed;
  return (
    <div className="source-bar">
      <div className="source-bar__file">
        <h3 className="source-bar__name" id="data-summary-heading" tabIndex={-1} ref={headingRef}>
          {summary.fileName}
        </h3>
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
