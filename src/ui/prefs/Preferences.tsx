import { useShallow } from 'zustand/react/shallow';
import { currentLanguage, setLanguage, useT } from '../i18n';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/language';
import { THEME_CHOICES, useTheme, type ThemeChoice } from '../theme/theme';

/**
 * The header's display choices: the language (each named in itself, so a person who cannot read
 * the current one still finds theirs) and light, dark or the system's theme. Both are remembered.
 */
export function Preferences() {
  const t = useT();
  const language = currentLanguage();
  const { choice, choose } = useTheme(useShallow((s) => ({ choice: s.choice, choose: s.choose })));
  return (
    <div className="preferences" role="group" aria-label={t('app.preferences.label')}>
      <div className="language-switch" role="group" aria-label={t('app.preferences.languageSwitch')}>
        {LANGUAGES.map((l) => (
          <button key={l} type="button" lang={l} className="button button--quiet button--small" aria-pressed={l === language} onClick={() => void setLanguage(l)}>
            {LANGUAGE_NAMES[l]}
          </button>
        ))}
      </div>
      <label className="theme-switch">
        <span>{t('app.preferences.theme')}</span>
        <select value={choice} onChange={(e) => choose(e.target.value as ThemeChoice)}>
          {THEME_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`app.preferences.themes.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
