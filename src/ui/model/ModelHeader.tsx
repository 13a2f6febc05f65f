import { useRef, useState } from 'react';
import { toAppError } from '@/core/errors';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { readyModel, selectIsTraining } from '@/state/selectors';
import { ErrorMessage } from '../common/ErrorMessage';
import { FilePickButton } from '../common/FilePickButton';
import { Trans, useT } from '../i18n';
import { Preferences } from '../prefs/Preferences';
import { workspaceNoticeText } from '../workspace/storageWords';
import { ExportDialog, type FormatsState } from './ExportDialog';

/** The page header: what model is loaded, the model's file actions (open, export) plus "New", and the display choices. */
export function ModelHeader() {
  const t = useT();
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
            <p className="brand__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <div className="model-status" aria-live="polite">
          {model.status === 'loading' ? (
            <span>{t('app.model.opening', { fileName: model.fileName })}</span>
          ) : ready ? (
            <span>
              <Trans
                t={t}
                i18nKey="app.model.summary"
                values={{
                  name: ready.summary.name,
                  classes: t('common.classes', { count: ready.summary.labels.length }),
                  tokens: t('common.tokens', { count: ready.summary.vocabularySize }),
                  origin: t(`app.model.origin.${ready.origin}`),
                }}
                components={{ strong: <strong /> }}
              />
            </span>
          ) : workspace.status === 'restoring' ? (
            <span>{t('app.model.restoring')}</span>
          ) : (
            <span className="muted">{t('app.model.none')}</span>
          )}
        </div>
        <nav className="app-header__actions" aria-label={t('app.model.actions')}>
          <FilePickButton label={t('app.model.open')} accept=".zip,application/zip" onFile={(f) => void onOpen(f)} disabled={training} variant="quiet" />
          <button type="button" className="button button--quiet" onClick={onExport} disabled={!ready}>
            {t('app.model.export')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.showModal()}>
            {t('app.model.new')}
          </button>
        </nav>
        <Preferences />
      </div>
      {ready && <ExportDialog key={`${ready.summary.name} ${ready.summary.createdAt}`} ref={exportDialog} model={ready.summary} formats={formats} onClose={() => exportDialog.current?.close()} />}
      {modelError && <ErrorMessage title={t('app.model.openFailed')} error={modelError} onDismiss={() => useSift.getState().dismissModelError()} />}
      {workspace.notice && (
        <p className="notice" role="status">
          {workspaceNoticeText(t, workspace.notice)}
        </p>
      )}
      <dialog ref={dialog} className="dialog" aria-labelledby="new-title" aria-describedby="new-text">
        <form method="dialog">
          <h2 id="new-title">{t('app.newDialog.title')}</h2>
          <p id="new-text">{t('app.newDialog.text')}</p>
          <div className="dialog__actions">
            <button type="submit" className="button button--secondary" value="cancel" autoFocus>
              {t('app.newDialog.cancel')}
            </button>
            <button type="submit" className="button button--danger" value="clear" onClick={() => void useSift.getState().newWorkspace()}>
              {t('app.newDialog.clear')}
            </button>
          </div>
        </form>
      </dialog>
    </header>
  );
}
