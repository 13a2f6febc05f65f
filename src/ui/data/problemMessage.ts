import type { Problem } from '@/core/dataset/types';
import { currentLanguage, type T } from '../i18n';

export interface ProblemText {
  text: string;
  /** `lang` of the text when it is not in the page's language. */
  lang: string | undefined;
  /** The sentence names the rows itself (the list after it would repeat them). */
  namesRows: boolean;
}

/** A data-check problem in words: the engine's sentence (English), marked as such in another page language. */
export function problemMessage(_t: T, p: Problem): ProblemText {
  return { text: p.message, lang: currentLanguage() === 'en' ? undefined : 'en', namesRows: /\brows?\b/i.test(p.message) };
}
