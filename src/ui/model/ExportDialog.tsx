import { forwardRef, useState } from 'react';
import type { WeightFormat } from '@/core/bundle/weightFormat';
import type { AppError } from '@/core/errors';
import { toAppError } from '@/core/errors';
import { formatPercent } from '@/core/format';
import type { ModelSummary, WeightFormatChoice } from '@/core/session';
import { useSift } from '@/state/appStore';
import { ErrorMessage } from '../common/ErrorMessage';
import { downloadBytes } from '../common/download';
import { formatBytes } from '../common/format';

const FORMAT_WORDS: Record<WeightFormat, string> = {
  float32: 'float32: exact, 4 bytes a weight',
  float16: 'float16: half precision, 2 bytes a weight',
  uint8: 'uint8: 256 steps per weight array, 1 byte a weight',
};

/** What the dialog knows of the formats: being measured, measured (null: this model's file holds one format), or failed. */
export type FormatsState = { status: 'measuring' } | { status: 'measured'; choices: WeightFormatChoice[] | null } | { status: 'failed'; error: AppError };

/** "0.9 MB · validation accuracy 98.9% as loaded back" for one format. */
export function describeChoice(choice: WeightFormatChoice): string {
  const accuracy = choice.metrics ? ` · validation accuracy ${formatPercent(choice.metrics.accuracy)} as loaded back` : '';
  return `${formatBytes(choice.bytes)}${accuracy}`;
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
        <h2 id="export-title">Export {model.name}</h2>
        <p>
          The file holds the model, its vocabulary and settings, a model card, and <code>predict.mjs</code> to run it in any page or Node program without
          Sift.
        </p>
        {formats.status === 'measuring' && (
          <p role="status" className="muted">
            Measuring each weight format: saving the model in it, reading it back and checking it on the validation texts…
          </p>
        )}
        {formats.status === 'failed' && <ErrorMessage title="Could not measure the weight formats" error={formats.error} />}
        {choices && (
          <fieldset className="export-dialog__formats">
            <legend>How the file stores the weights</legend>
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
                  {FORMAT_WORDS[choice.format]} · {describeChoice(choice)}
                  {choice.format === own ? ' (as trained: the figures on this page)' : ''}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        {formats.status === 'measured' && choices === null && (
          <p>
            This model's file stores its weights as {own}. Other formats can be chosen for a model trained in this visit, right after training.
          </p>
        )}
        {error && <ErrorMessage title="Could not export the model" error={error} />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={() => void download()} disabled={busy || formats.status === 'measuring'}>
            {busy ? 'Preparing…' : 'Download'}
          </button>
        </div>
      </form>
    </dialog>
  );
});
