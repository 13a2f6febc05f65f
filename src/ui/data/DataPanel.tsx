import { useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { selectIsTraining } from '@/state/selectors';
import { ErrorMessage } from '../common/ErrorMessage';
import { Section } from '../common/Section';
import { useFocusWhenLost } from '../common/useFocusWhenLost';
import { DataCheck } from './DataCheck';
import { DataSourceBar } from './DataSourceBar';
import { DropZone } from './DropZone';
import { ParseProgress } from './ParseProgress';
import { PreviewTable } from './PreviewTable';
import { ReadOptionsForm } from './ReadOptionsForm';
import { readFile } from './readFile';
import { useT } from '../i18n';

/** Step 1: get a file in, show how it was read, and what the data check found. */
export function DataPanel() {
  const t = useT();
  const { data, training, restoring } = useSift(useShallow((s) => ({ data: s.data, training: selectIsTraining(s), restoring: s.workspace.status === 'restoring' })));
  const [dragging, setDragging] = useState(false);
  const current = data.status === 'idle' ? null : data.current;
  // The sample button or drop zone the person used goes away while the file is read: focus moves
  // to the reading progress, then to the data summary's heading (not when restoring on page load).
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const parsing = useRef<HTMLDivElement>(null);
  useFocusWhenLost(parsing, data.status, data.status === 'parsing' && !restoring);
  useFocusWhenLost(summaryHeading, data.status, data.status === 'parsed' && !restoring);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && !training) void readFile(file);
  };

  return (
    <Section
      id="data"
      step={1}
      title={t('data.title')}
      intro={t('data.intro')}
      className={dragging ? 'is-dragging' : ''}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = training ? 'none' : 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {data.status === 'parsing' && (
        <div tabIndex={-1} ref={parsing} className="parse-progress-focus">
          <ParseProgress job={data.job} />
        </div>
      )}
      {data.status === 'failed' && (
        <ErrorMessage
          title={t('data.readFailed', { fileName: data.fileName })}
          error={data.error}
          onDismiss={() => useSift.getState().dismissDataError()}
        />
      )}
      {current ? (
        <>
          <DataSourceBar parsed={current} disabled={training || data.status === 'parsing'} headingRef={summaryHeading} />
          <ReadOptionsForm parsed={current} disabled={training || data.status === 'parsing'} />
          <PreviewTable summary={current.summary} />
          <DataCheck report={current.summary.report} />
        </>
      ) : (
        data.status !== 'parsing' && <DropZone />
      )}
    </Section>
  );
}
