import type { Ref } from 'react';
import type { ParsedData } from '@/state/types';
import { FilePickButton } from '../common/FilePickButton';
import { formatBytes } from '../common/format';
import { useT } from '../i18n';
import { readFile } from './readFile';
import { DATA_FILE_TYPES } from './DropZone';
import { SampleButtons } from './SampleButtons';

/**
 * Which file is loaded, with ways to replace it. The file's name is the data summary's heading:
 * focus goes there once a file (or a sample) has been read.
 */
export function DataSourceBar({ parsed, disabled, headingRef }: { parsed: ParsedData; disabled: boolean; headingRef?: Ref<HTMLHeadingElement> }) {
  const t = useT();
  const { summary } = parsed;
  return (
    <div className="source-bar">
      <div className="source-bar__file">
        <h3 className="source-bar__name" id="data-summary-heading" tabIndex={-1} ref={headingRef}>
          {summary.fileName}
        </h3>
        <span className="muted">
          {t('data.source.facts', {
            size: formatBytes(summary.byteLength),
            rows: t('data.source.rows', { count: summary.report.totalRows }),
            usable: t('data.source.usable', { count: summary.exampleCount }),
          })}
        </span>
      </div>
      <div className="source-bar__actions">
        <FilePickButton label={t('data.source.another')} accept={DATA_FILE_TYPES} onFile={(f) => void readFile(f)} disabled={disabled} />
        <details className="menu">
          <summary className="button button--quiet">{t('data.source.samples')}</summary>
          <div className="menu__popover">
            <SampleButtons />
          </div>
        </details>
      </div>
    </div>
  );
}
