import { errorMessage } from '@/core/errors';
import { useEffect, useState } from 'react';
import { numberRule, resolveSettings } from '@/core/settings';
import { useSift } from '@/state/appStore';
import { selectSettings } from '@/state/selectors';
import { formatNumber } from '../common/format';
import { useT, type T } from '../i18n';
import type { NumberFieldSpec } from './fields';

/**
 * A number input that keeps what the person types (even half-typed, like "0.") and only writes
 * valid values to the store; an invalid one is explained under the field, using the engine's own
 * validation so the form and the CLI agree.
 */
export function NumberField({ spec, disabled }: { spec: NumberFieldSpec; disabled: boolean }) {
  const t = useT();
  const value = useSift((s) => selectSettings(s)[spec.key]);
  const invalid = useSift((s) => s.settings.errors[spec.key] !== undefined);
  const scale = spec.scale ?? 1;
  const [draft, setDraft] = useState(() => show(value, scale));
  const id = `setting-${spec.key}`;

  // A value changed elsewhere (a new dataset's rule, reset, restore) replaces the draft.
  useEffect(() => {
    if (Number(draft) / scale !== value) setDraft(show(value, scale));
    // Deliberately not on `draft`: typing must not be overwritten while it is half-done.
  }, [value, scale]);

  const onChange = (text: string) => {
    setDraft(text);
    const { updateSetting, setSettingError } = useSift.getState();
    const message = validate(t, spec, text);
    if (message) setSettingError(spec.key, message);
    else updateSetting(spec.key, Number(text) / scale);
  };
  // Said from the draft, so the sentence follows a language switch.
  const error = invalid ? validate(t, spec, draft) : null;

  return (
    <div className={`field ${error ? 'field--invalid' : ''}`}>
      <label htmlFor={id}>{t(`settings.fields.${spec.key}.label`)}</label>
      <div className="field__input">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          step={spec.step}
          value={draft}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => onChange(e.target.value)}
        />
        {spec.unit && <span className="field__unit">{spec.unit === '%' ? '%' : t(`settings.units.${spec.unit}`)}</span>}
      </div>
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
      <span id={`${id}-hint`} className="field__hint">
        {t(`settings.fields.${spec.key}.hint`)}
      </span>
    </div>
  );
}

function show(value: number, scale: number): string {
  return String(Math.round(value * scale * 1e6) / 1e6);
}

/** Null when valid; otherwise a sentence naming the field as the form shows it. */
export function validate(t: T, spec: NumberFieldSpec, text: string): string | null {
  const field = t(`settings.fields.${spec.key}.label`);
  if (text.trim() === '') return t('settings.errors.empty', { field });
  const n = Number(text);
  if (!Number.isFinite(n)) return t('settings.errors.notNumber', { field });
  const value = n / (spec.scale ?? 1);
  try {
    resolveSettings({ ...useSift.getState().settings.overrides, [spec.key]: value });
    return null;
  } catch (e) {
    if (spec.key === 'validationShare') return t('settings.errors.share');
    const rule = numberRule(spec.key);
    if (rule && (value < rule.min || value > rule.max)) return t('settings.errors.between', { field, min: formatNumber(rule.min), max: formatNumber(rule.max) });
    if (rule?.integer && !Number.isInteger(value)) return t('settings.errors.whole', { field });
    return errorMessage(e);
  }
}
