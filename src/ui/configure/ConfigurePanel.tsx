import { useShallow } from 'zustand/react/shallow';
import { WEIGHT_FORMATS, type WeightFormat } from '@/core/bundle/weightFormat';
import type { BackendChoice } from '@/core/model/types';
import type { TrainSettings } from '@/core/settings';
import { useSift } from '@/state/appStore';
import { selectDataset, selectIsTraining, selectSettings } from '@/state/selectors';
import { Section } from '../common/Section';
import { formatCount } from '../common/format';
import { ADVANCED_FIELDS, BASIC_FIELDS } from './fields';
import { NumberField } from './NumberField';

const WEIGHT_FORMAT_LABELS: Record<WeightFormat, string> = {
  uint8: 'uint8 (smallest)',
  float16: 'float16',
  float32: 'float32 (exact)',
};

const BACKENDS: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Automatic (fastest)' },
  { value: 'wasm', label: 'WebAssembly (wasm)' },
  { value: 'webgl', label: 'WebGL (graphics)' },
  { value: 'cpu', label: 'JavaScript (cpu)' },
];

/** Step 2: settings, filled from the data; the basic ones in view, the rest folded. */
export function ConfigurePanel() {
  const { hasData, training, values, overrides } = useSift(
    useShallow((s) => ({ hasData: selectDataset(s) !== null, training: selectIsTraining(s), values: selectSettings(s), overrides: s.settings.overrides })),
  );
  const update = useSift.getState().updateSetting;
  const disabled = training;

  return (
    <Section
      id="configure"
      step={2}
      title="Settings"
      intro={hasData ? 'Filled in from your data. A good start as they are; change them if you like.' : 'Good defaults; some are filled in from your data once a file is loaded.'}
      actions={
        <button type="button" className="button button--quiet" onClick={() => useSift.getState().resetSettings()} disabled={disabled}>
          Reset to defaults
        </button>
      }
    >
      <form className="settings" onSubmit={(e) => e.preventDefault()} aria-label="Training settings">
        <div className="settings__basic">
          {BASIC_FIELDS.map((spec) => (
            <NumberField key={spec.key} spec={spec} disabled={disabled} />
          ))}
        </div>
        {hasData && (
          <p className="settings__from-data muted">
            Texts are cut at {formatCount(values.sequenceLength)} tokens
            {overrides.sequenceLength === undefined ? ' (from your data: 95% of texts fit)' : ' (your choice)'}, and the vocabulary keeps the{' '}
            {formatCount(values.vocabularySize)} most frequent tokens. The command line trains the same model from this file.
          </p>
        )}
        <details className="settings__advanced">
          <summary>Advanced settings</summary>
          <div className="settings__grid">
            {ADVANCED_FIELDS.map((spec) => (
              <NumberField key={spec.key} spec={spec} disabled={disabled} />
            ))}
            <div className="field">
              <label htmlFor="setting-cjkCharNgrams">Chinese/Japanese character n-grams</label>
              <select
                id="setting-cjkCharNgrams"
                value={values.cjkCharNgrams}
                disabled={disabled}
                onChange={(e) => update('cjkCharNgrams', Number(e.target.value) as TrainSettings['cjkCharNgrams'])}
              >
                <option value={0}>Off</option>
                <option value={2}>Pairs of characters</option>
                <option value={3}>Pairs and triples</option>
              </select>
              <span className="field__hint">Helps with words the segmenter splits differently.</span>
            </div>
            <div className="field">
              <label htmlFor="setting-classWeighting">Class weights</label>
              <select
                id="setting-classWeighting"
                value={values.classWeighting}
                disabled={disabled}
                onChange={(e) => update('classWeighting', e.target.value as TrainSettings['classWeighting'])}
              >
                <option value="none">Equal</option>
                <option value="balanced">Balanced</option>
              </select>
              <span className="field__hint">Balanced makes rare classes count more: helps when one class is much rarer.</span>
            </div>
            <div className="field">
              <label htmlFor="setting-backend">Backend</label>
              <select id="setting-backend" value={values.backend} disabled={disabled} onChange={(e) => update('backend', e.target.value as BackendChoice)}>
                {BACKENDS.map((b) => (
                  <option key={b.value} value={b.value}>
                    {b.label}
                  </option>
                ))}
              </select>
              <span className="field__hint">Where the maths runs. Automatic measures each on a few batches.</span>
            </div>
            <div className="field field--checkbox">
              <input id="setting-wordBigrams" type="checkbox" checked={values.wordBigrams} disabled={disabled} onChange={(e) => update('wordBigrams', e.target.checked)} />
              <label htmlFor="setting-wordBigrams">Word pairs (bigrams)</label>
            </div>
            <div className="field field--checkbox">
              <input id="setting-lowercase" type="checkbox" checked={values.lowercase} disabled={disabled} onChange={(e) => update('lowercase', e.target.checked)} />
              <label htmlFor="setting-lowercase">Ignore upper/lower case</label>
            </div>
            <div className="field">
              <div className="field--checkbox">
                <input id="setting-maskPii" type="checkbox" checked={values.maskPii} disabled={disabled} onChange={(e) => update('maskPii', e.target.checked)} />
                <label htmlFor="setting-maskPii">Mask personal data</label>
              </div>
              <span className="field__hint">
                E-mail addresses, phone, card, IBAN and ID numbers, IP addresses and other long numbers each become one placeholder before the text becomes tokens.
                Off: the model and its file may hold them (the model card then warns).
              </span>
            </div>
            <div className="field">
              <label htmlFor="setting-weights">Weight format</label>
              <select id="setting-weights" value={values.weights} disabled={disabled} onChange={(e) => update('weights', e.target.value as WeightFormat)}>
                {WEIGHT_FORMATS.map((format) => (
                  <option key={format} value={format}>
                    {WEIGHT_FORMAT_LABELS[format]}
                  </option>
                ))}
              </select>
              <span className="field__hint">How the model file stores the weights. The model is measured, tried and explained as stored; uint8 files are about a fifth of float32's size.</span>
            </div>
          </div>
        </details>
      </form>
    </Section>
  );
}
