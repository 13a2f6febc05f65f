/**
 * What components import for words: `useT()` gives the typed `t` of the current language and
 * re-renders on a language change; importing this module sets i18next up (./i18n).
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { i18n, currentLanguage } from './i18n';
import { langFor } from './textLang';

export { i18n, currentLanguage, currentLocale, setLanguage } from './i18n';
export { Trans } from 'react-i18next';
export type { TFunction } from 'i18next';
export type { Language } from './language';

export type T = TFunction<'translation', undefined>;

export function useT(): T {
  return useTranslation('translation', { i18n }).t;
}

/** `lang` for a person's own text in the current language's page (undefined when it is the page's). */
export function useTextLang(): (text: string) => string | undefined {
  useTranslation('translation', { i18n });
  const page = currentLanguage();
  return (text) => langFor(text, page);
}
