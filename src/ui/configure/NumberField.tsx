import { errorMessage } from '@/core/errors';
import { useEffect, useState } from 'react';
import { resolveSettings } from '@/core/settings';
import { useSift } from '@/state/appStore';
import { selectSettings } from '@/state/selectors';
import type { NumberFieldSpec } from './fields';

/**
 * A number input that keeps what the person types (even half-typed, like "0.") and only writes
 * valid values to the store; an invalid one is explained under the field, using the engine's own
 * validation so the form and the CLI agree.
 */
export function NumberField({ spec, disabled }: { spec: NumberFieldSpec; disabled: boolean }) {
  const value = useSift((s) => selectSettings(s)[spec.key]);
  const error = useSift((s) => s.settings.errors[spec.key]);
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
    const message = validate(spec, text);
    if (message) setSettingError(spec.key, message);
    else updateSetting(spec.key, Number(text) / scale);
  };

  return (
    <div className={`field ${error ? 'field--invalid' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
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
        {spec.unit && <span className="field__unit">{spec.unit}</span>}
      </div>
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
      <span id={`${id}-hint`} className="field__hint">
        {spec.hint}
      </span>
    </div>
  );
}

function show(value: number, scale: number): string {
  return String(Math.round(value * scale * 1e6) / 1e6);
}

/** Null when valid; otherwise a sentence naming the field as the form shows it. */
export function validate(spec: NumberFieldSpec, text: string): string | null {
  if (text.trim() === '') return `Enter a number for ${spec.label.toLowerCase()}.`;
  const n = Number(text);
  if (!Number.isFinite(n)) return `${spec.label} must be a number.`;
  try {
    resolveSettings({ ...useSift.getState().settings.overrides, [spec.key]: n / (spec.scale ?? 1) });
    return null;
  } catch (e) {
    const message = errorMessage(e);
    if (spec.key === 'validationShare') return 'Validation share must be from 0% to 50%.';
    return message.replace(spec.key, spec.label);
  }
}
