/** Typed keys: `t('data.title')` compiles, a misspelt or missing key does not. */
import 'i18next';
import type { English } from './locales/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: English };
    returnNull: false;
  }
}
