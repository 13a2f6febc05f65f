import type { Coverage } from '@/core/explain/coverage';
import type { T } from '../i18n';

/** "3 of 7 words are known to the model." (core's coverageSentence says it for the CLI). */
export function coverageSentence(t: T, c: Coverage): string {
  if (c.words === 0) return t('explain.coverage.end', { sentence: t('explain.coverage.noWords') });
  const parts: string[] = [t('explain.coverage.known', { known: c.known, count: c.words })];
  if (c.partlyKnown > 0) parts.push(t('explain.coverage.part', { count: c.partlyKnown }));
  if (c.wordsCut > 0) parts.push(t('explain.coverage.cut', { count: c.wordsCut }));
  return t('explain.coverage.end', { sentence: parts.join(t('explain.coverage.separator')) });
}

/** Said plainly when the prediction is a guess (Coverage.guess), else null. */
export function guessSentence(t: T, c: Coverage): string | null {
  if (c.defaultAnswer) return t('explain.guess.default');
  if (!c.guess) return null;
  if (c.words === 0) return t('explain.guess.noWords');
  return t('explain.guess.few');
}
