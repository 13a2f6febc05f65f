import { FilePickButton } from '../common/FilePickButton';
import { useT } from '../i18n';
import { SampleButtons } from './SampleButtons';
import { readFile } from './readFile';

export const DATA_FILE_TYPES = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain';

/** The empty workspace: drop, pick, or start from a bundled sample. */
export function DropZone() {
  const t = useT();
  return (
    <div className="dropzone">
      <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 3v12m0-12-4 4m4-4 4 4M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <p className="dropzone__title">{t('data.drop.title')}</p>
      <p className="dropzone__or">{t('data.drop.or')}</p>
      <FilePickButton label={t('data.drop.choose')} accept={DATA_FILE_TYPES} onFile={(f) => void readFile(f)} variant="primary" />
      <div className="dropzone__samples">
        <p>{t('data.drop.noFile')}</p>
        <SampleButtons />
      </div>
    </div>
  );
}
