import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { readyModel, selectIsTraining } from '@/state/selectors';
import { ErrorMessage } from '../common/ErrorMessage';
import { FilePickButton } from '../common/FilePickButton';
import { downloadBytes } from '../common/download';
import { Trans, useT } from '../i18n';
import { Preferences } from '../prefs/Preferences';

/** The page header: what model is loaded, the model's file actions (open, export) plus "New", and the display choices. */
export function ModelHeader() {
  const t = useT();
  const { model, modelError, training, workspace } = useSift(
    useShallow((s) => ({ model: s.model, modelError: s.modelError, training: selectIsTraining(s), workspace: s.workspace })),
  );
  const ready = readyModel(model);
  const dialog = useRef<HTMLDialogElement>(null);

  const onExport = () => {
    const bundle = useSift.getState().exportModel();
    if (bundle) downloadBytes(bundle.bytes, bundle.fileName);
  };
  const onOpen = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await useSift.getState().importModel(bytes, file.name);
  };

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
      {modelError && <ErrorMessage title={t('app.model.openFailed')} error={modelError} onDismiss={() => useSift.getState().dismissModelError()} />}
      {workspace.notice && (
        <p className="notice" role="status">
          {t(`app.notice.${workspace.notice.kind}`, { detail: workspace.notice.detail })}
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
