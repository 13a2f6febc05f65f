/** Text preparation for the baselines (fastText and scikit-learn), which split words on whitespace. */

const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /(\p{Script=Han})/gu;

/** True when most texts contain a Chinese character: then the baselines see one token per character. */
export function detectLanguage(texts: readonly string[]): 'en' | 'zh' {
  if (texts.length === 0) return 'en';
  const withHan = texts.reduce((n, t) => n + (HAN.test(t) ? 1 : 0), 0);
  return withHan * 2 > texts.length ? 'zh' : 'en';
}

/**
 * Chinese has no spaces between words; fastText and TF-IDF need tokens, and single characters
 * are the usual baseline. Non-Han runs (Latin words, digits) stay whole.
 */
export function splitHanCharacters(text: string): string {
  return text.replace(HAN_GLOBAL, ' $1 ').replace(/\s+/g, ' ').trim();
}

/**
 * The fastText tutorial's preprocessing: lowercase and put spaces around punctuation, so "Spam!"
 * and "spam" share a token. Newlines become spaces because fastText reads one example per line.
 */
export function fastTextTokens(text: string, language: 'en' | 'zh'): string {
  const base = language === 'zh' ? splitHanCharacters(text) : text;
  return base
    .toLowerCase()
    .replace(/([.!?,'"/()\[\]{}:;])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}
