import { useRef, useState } from 'react';
import { toAppError } from '@/core/errors';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { readyModel, selectIsTraining } from '@/state/selectors';
import { ErrorMessage } from '../common/ErrorMessage';
import { FilePickButton } from '../common/FilePickButton';
import { formatCount } from '../common/format';
import { ExportDialog, type FormatsState } from './ExportDialog';

const ORIGIN_WORDS = { trained: 'trained here', imported: 'opened from a file', restored: 'restored from your last visit' } as const;

/** The page header: what model is loaded, and the model's file actions (open, export) plus "New". */
export function ModelHeader() {
  const { model, modelError, training, workspace } = useSift(
    useShallow((s) => ({ model: s.model, modelError: s.modelError, training: selectIsTraining(s), workspace: s.workspace })),
  );
  const ready = readyModel(model);
  const dialog = useRef<HTMLDialogElement>(null);
  const exportDialog = useRef<HTMLDialogElement>(null);
  const [formats, setFormats] = useState<FormatsState>({ status: 'measuring' });

  // Export asks the engine to measure each weight format now (not after every run), then lets the person choose.
  const onExport = () => {
    setFormats({ status: 'measuring' });
    exportDialog.current?.showModal();
    useSift
      .getState()
      .compareWeightFormats()
      .then(
        (choices) => setFormats({ status: 'measured', choices }),
        (e: unknown) => setFormats({ status: 'failed', error: toAppError(e) }),
      );
  };
  const onOpen = (file: File) => useSift.getState().openModelFile(file, file.name);

  return (
    <header className="app-header">
      <div className="app-header__row">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>
          <div>
            <h1 className="brand__name">Sift</h1>
            <p className="brand__tagline">Train a text classifier in your browser. Your data never leaves this computer.</p>
          </div>
        </div>
        <div className="model-status" aria-live="polite">
          {model.status === 'loading' ? (
            <span>Opening {model.fileName}…</span>
          ) : ready ? (
            <span>
              Model <strong>{ready.summary.name}</strong> · {ready.summary.labels.length} classes · {formatCount(ready.summary.vocabularySize)} tokens ·{' '}
              {ORIGIN_WORDS[ready.origin]}
            </span>
          ) : workspace.status === 'restoring' ? (
            <span>Restoring your last session…</span>
          ) : (
            <span className="muted">No model yet</span>
          )}
        </div>
        <nav className="app-header__actions" aria-label="Model and workspace">
          <FilePickButton label="Open model" accept=".zip,application/zip" onFile={(f) => void onOpen(f)} disabled={training} variant="quiet" />
          <button type="button" className="button button--quiet" onClick={() => void onExport()} disabled={!ready}>
            Export
          </button>
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.showModal()}>
            New
          </button>
        </nav>
      </div>
      {ready && <ExportDialog key={`${ready.summary.name} ${ready.summary.createdAt}`} ref={exportDialog} model={ready.summary} formats={formats} onClose={() => exportDialog.current?.close()} />}
      {modelError && <ErrorMessage title="Could not open the model" error={modelError} onDismiss={() => useSift.getState().dismissModelError()} />}
      {workspace.notice && (
        <p className="notice" role="status">
          {workspace.notice}
        </p>
      )}
      <dialog ref={dialog} className="dialog" aria-labelledby="new-title" aria-describedby="new-text">
        <form method="dialog">
          <h2 id="new-title">Start over?</h2>
          <p id="new-text">This clears the dataset, the settings and the model from this page and from this browser's storage. Export the model first if you want to keep it.</p>
          <div className="dialog__actions">
            <button type="submit" className="button button--secondary" value="cancel" autoFocus>
              Cancel
            </button>
            <button type="submit" className="button button--danger" value="clear" onClick={() => void useSift.getState().newWorkspace()}>
              Clear everything
            </button>
          </div>
        </form>
      </dialog>
    </header>
  );
}
