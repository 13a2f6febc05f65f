/**
 * The page's i18next instance, set up synchronously on import (the catalogues are bundled: there
 * is nothing to fetch, which the page's CSP would forbid anyway), so that any component, and any
 * test that renders one, speaks the chosen language from its first render.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browserLanguages, chooseLanguage, LANGUAGES, storedLanguage, storeLanguage, type Language } from './language';
import { en } from './locales/en';
import { zh } from './locales/zh';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zh } } as const;

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: chooseLanguage(storedLanguage(), browserLanguages()),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  load: 'currentOnly',
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" in labels.
  interpolation: { escapeValue: false },
  returnNull: false,
});

// "Enter a number for {{field, lowercase}}": English lowercases a field's name inside a sentence.
i18n.services.formatter?.add('lowercase', (value: unknown) => String(value).toLowerCase());

export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** The locale for Intl formats of the current language. */
export function currentLocale(): string {
  return currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en-US';
}

/** Switches the page's language and remembers the choice in this browser. */
export async function setLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

/** <html lang>, the title and the description follow the language (screen readers, fonts, line breaking). */
function applyToDocument(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = currentLanguage();
  document.title = i18n.t('app.title');
  document.querySelector('meta[name="description"]')?.setAttribute('content', i18n.t('app.description'));
}

applyToDocument();
i18n.on('languageChanged', applyToDocument);
