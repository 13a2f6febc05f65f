/**
 * The language of a person's own text (a dataset row, a label, what they typed), told from its
 * script, so that a Chinese text inside the English page (or an English one inside the Chinese
 * page) carries its own `lang`: screen readers then read it with the right voice and browsers
 * pick the right font and line breaking. A cheap look at the first characters, not a language
 * detector: Latin script is taken as English, Sift's other language.
 */
import type { Language } from './language';

/** Characters looked at: enough to tell the script, cheap for long texts. */
const SAMPLE = 200;

export type ScriptLanguage = 'zh' | 'ja' | 'ko' | 'en';

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/u;

export function scriptLanguage(text: string): ScriptLanguage | null {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let latin = 0;
  let seen = 0;
  for (const ch of text) {
    if (seen++ >= SAMPLE) break;
    if (HAN.test(ch)) han++;
    else if (KANA.test(ch)) kana++;
    else if (HANGUL.test(ch)) hangul++;
    else if (LATIN.test(ch)) latin++;
  }
  if (kana > 0) return 'ja';
  if (hangul > 0 && hangul * 3 >= latin) return 'ko';
  // A Chinese character carries about a word; an English word takes about five letters.
  if (han > 0 && han * 3 >= latin) return 'zh';
  if (latin > 0) return 'en';
  return null;
}

/** The `lang` a user text needs inside a page in `page`'s language, or undefined when it is the same (or unknown). */
export function langFor(text: string, page: Language): string | undefined {
  const script = scriptLanguage(text);
  if (script === null) return undefined;
  const pageScript = page === 'zh-CN' ? 'zh' : 'en';
  return script === pageScript ? undefined : script;
}
