import { forwardRef, useState } from 'react';
import type { WeightFormat } from '@/core/bundle/weightFormat';
import type { AppError } from '@/core/errors';
import { toAppError } from '@/core/errors';
import type { ModelSummary, WeightFormatChoice } from '@/core/session';
import { useSift } from '@/state/appStore';
import { ErrorMessage } from '../common/ErrorMessage';
import { downloadBytes } from '../common/download';
import { formatBytes, formatPercent } from '../common/format';
import { Trans, useT, type T } from '../i18n';

/** What the dialog knows of the formats: being measured, measured (null: this model's file holds one format), or failed. */
export type FormatsState = { status: 'measuring' } | { status: 'measured'; choices: WeightFormatChoice[] | null } | { status: 'failed'; error: AppError };

/** "0.9 MB · validation accuracy 98.9% as loaded back" for one format. */
export function describeChoice(t: T, choice: WeightFormatChoice): string {
  const size = formatBytes(choice.bytes);
  return choice.metrics ? t('app.exportDialog.sizeAndAccuracy', { size, accuracy: formatPercent(choice.metrics.accuracy) }) : size;
}

interface Props {
  model: ModelSummary;
  formats: FormatsState;
  onClose(): void;
}

/**
 * Export: a choice of how the file stores the weights, each format with the file's size and its
 * validation accuracy as loaded back from that very file (measured by the engine when the dialog
 * opens), then the download. The model's own format (the one it was trained to be stored in, and
 * whose figures the page shows) is chosen to begin with.
 */
export const ExportDialog = forwardRef<HTMLDialogElement, Props>(function ExportDialog({ model, formats, onClose }, ref) {
  const t = useT();
  const own = model.settings.weights;
  const [chosen, setChosen] = useState<WeightFormat>(own);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const choices = formats.status === 'measured' ? formats.choices : null;

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const bundle = await useSift.getState().exportModelAs(choices ? chosen : own);
      if (bundle) downloadBytes(bundle.bytes, bundle.fileName);
      onClose();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog export-dialog" aria-labelledby="export-title" onClose={onClose}>
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <h2 id="export-title">{t('app.exportDialog.title', { name: model.name })}</h2>
        <p>
          <Trans t={t} i18nKey="app.exportDialog.intro" components={{ code: <code /> }} />
        </p>
        {formats.status === 'measuring' && (
          <p role="status" className="muted">
            {t('app.exportDialog.measuring')}
          </p>
        )}
        {formats.status === 'failed' && <ErrorMessage title={t('app.exportDialog.measureFailed')} error={formats.error} />}
        {choices && (
          <fieldset className="export-dialog__formats">
            <legend>{t('app.exportDialog.legend')}</legend>
            {choices.map((choice) => (
              <div key={choice.format} className="field field--checkbox">
                <input
                  type="radio"
                  id={`export-format-${choice.format}`}
                  name="export-format"
                  value={choice.format}
                  checked={chosen === choice.format}
                  onChange={() => setChosen(choice.format)}
                />
                <label htmlFor={`export-format-${choice.format}`}>
                  {t(`app.exportDialog.formats.${choice.format}`)} · {describeChoice(t, choice)}
                  {choice.format === own ? t('app.exportDialog.asTrained') : ''}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        {formats.status === 'measured' && choices === null && (
          <p>{t('app.exportDialog.oneFormat', { format: own })}</p>
        )}
        {error && <ErrorMessage title={t('app.exportDialog.exportFailed')} error={error} />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--primary" onClick={() => void download()} disabled={busy || formats.status === 'measuring'}>
            {busy ? t('app.exportDialog.preparing') : t('app.exportDialog.download')}
          </button>
        </div>
      </form>
    </dialog>
  );
});
