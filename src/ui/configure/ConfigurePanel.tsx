import { useShallow } from 'zustand/react/shallow';
import { WEIGHT_FORMATS, type WeightFormat } from '@/core/bundle/weightFormat';
import type { BackendChoice } from '@/core/model/types';
import type { TrainSettings } from '@/core/settings';
import { useSift } from '@/state/appStore';
import { selectDataset, selectIsTraining, selectSettings } from '@/state/selectors';
import { Section } from '../common/Section';
import { formatCount } from '../common/format';
import { useT } from '../i18n';
import { ADVANCED_FIELDS, BASIC_FIELDS } from './fields';
import { NumberField } from './NumberField';

const BACKENDS: readonly BackendChoice[] = ['auto', 'wasm', 'webgl', 'cpu'];

/** Step 2: settings, filled from the data; the basic ones in view, the rest folded. */
export function ConfigurePanel() {
  const t = useT();
  const { hasData, training, values, overrides } = useSift(
    useShallow((s) => ({ hasData: selectDataset(s) !== null, training: selectIsTraining(s), values: selectSettings(s), overrides: s.settings.overrides })),
  );
  const update = useSift.getState().updateSetting;
  const disabled = training;

  return (
    <Section
      id="configure"
      step={2}
      title={t('settings.title')}
      intro={hasData ? t('settings.introData') : t('settings.introDefault')}
      actions={
        <button type="button" className="button button--quiet" onClick={() => useSift.getState().resetSettings()} disabled={disabled}>
          {t('settings.reset')}
        </button>
      }
    >
      <form className="settings" onSubmit={(e) => e.preventDefault()} aria-label={t('settings.form')}>
        <div className="settings__basic">
          {BASIC_FIELDS.map((spec) => (
            <NumberField key={spec.key} spec={spec} disabled={disabled} />
          ))}
        </div>
        {hasData && (
          <p className="settings__from-data muted">
            {t('settings.fromData', {
              length: t('common.tokens', { count: values.sequenceLength }),
              why: overrides.sequenceLength === undefined ? t('settings.fromDataRule') : t('settings.fromDataYours'),
              vocabulary: formatCount(values.vocabularySize),
            })}
          </p>
        )}
        <details className="settings__advanced">
          <summary>{t('settings.advanced')}</summary>
          <div className="settings__grid">
            {ADVANCED_FIELDS.map((spec) => (
              <NumberField key={spec.key} spec={spec} disabled={disabled} />
            ))}
            <div className="field">
              <label htmlFor="setting-cjkCharNgrams">{t('settings.fields.cjkCharNgrams.label')}</label>
              <select
                id="setting-cjkCharNgrams"
                value={values.cjkCharNgrams}
                disabled={disabled}
                onChange={(e) => update('cjkCharNgrams', Number(e.target.value) as TrainSettings['cjkCharNgrams'])}
              >
                <option value={0}>{t('settings.ngrams.off')}</option>
                <option value={2}>{t('settings.ngrams.pairs')}</option>
                <option value={3}>{t('settings.ngrams.triples')}</option>
              </select>
              <span className="field__hint">{t('settings.fields.cjkCharNgrams.hint')}</span>
            </div>
            <div className="field">
              <label htmlFor="setting-classWeighting">{t('settings.fields.classWeighting.label')}</label>
              <select
                id="setting-classWeighting"
                value={values.classWeighting}
                disabled={disabled}
                onChange={(e) => update('classWeighting', e.target.value as TrainSettings['classWeighting'])}
              >
                <option value="none">{t('settings.weighting.none')}</option>
                <option value="balanced">{t('settings.weighting.balanced')}</option>
              </select>
              <span className="field__hint">{t('settings.fields.classWeighting.hint')}</span>
            </div>
            <div className="field">
              <label htmlFor="setting-backend">{t('settings.fields.backend.label')}</label>
              <select id="setting-backend" value={values.backend} disabled={disabled} onChange={(e) => update('backend', e.target.value as BackendChoice)}>
                {BACKENDS.map((b) => (
                  <option key={b} value={b}>
                    {t(`settings.backends.${b}`)}
                  </option>
                ))}
              </select>
              <span className="field__hint">{t('settings.fields.backend.hint')}</span>
            </div>
            <div className="field field--checkbox">
              <input id="setting-wordBigrams" type="checkbox" checked={values.wordBigrams} disabled={disabled} onChange={(e) => update('wordBigrams', e.target.checked)} />
              <label htmlFor="setting-wordBigrams">{t('settings.fields.wordBigrams.label')}</label>
            </div>
            <div className="field field--checkbox">
              <input id="setting-lowercase" type="checkbox" checked={values.lowercase} disabled={disabled} onChange={(e) => update('lowercase', e.target.checked)} />
              <label htmlFor="setting-lowercase">{t('settings.fields.lowercase.label')}</label>
            </div>
            <div className="field">
              <div className="field--checkbox">
                <input id="setting-maskPii" type="checkbox" checked={values.maskPii} disabled={disabled} onChange={(e) => update('maskPii', e.target.checked)} />
                <label htmlFor="setting-maskPii">{t('settings.fields.maskPii.label')}</label>
              </div>
              <span className="field__hint">{t('settings.fields.maskPii.hint')}</span>
            </div>
            <div className="field">
              <label htmlFor="setting-weights">{t('settings.fields.weights.label')}</label>
              <select id="setting-weights" value={values.weights} disabled={disabled} onChange={(e) => update('weights', e.target.value as WeightFormat)}>
                {WEIGHT_FORMATS.map((format) => (
                  <option key={format} value={format}>
                    {t(`settings.weightFormats.${format}`)}
                  </option>
                ))}
              </select>
              <span className="field__hint">{t('settings.fields.weights.hint')}</span>
            </div>
          </div>
        </details>
      </form>
    </Section>
  );
}
