import type { ClassTopWords } from '@/core/bundle/types';
import { useT, useTextLang } from '../i18n';
import { describeOddsFactor } from '../explain/wordPush';

/** For each class, the words that most push toward it on their own: what the model learned. */
export function TopWords({ topWords }: { topWords: ClassTopWords[] | undefined }) {
  const t = useT();
  const langOf = useTextLang();
  return (
    <section className="top-words" aria-labelledby="top-words-heading">
      <h3 id="top-words-heading" className="subheading subheading--small">
        {t('evaluate.topWords.heading')}
      </h3>
      {topWords === undefined ? (
        <p className="muted">{t('evaluate.topWords.none')}</p>
      ) : (
        <>
          <p className="muted explain">{t('evaluate.topWords.intro')}</p>
          <div className="top-words__classes">
            {topWords.map(({ label, words }) => (
              <div key={label} className="top-words__class">
                <h4 lang={langOf(label)}>{label}</h4>
                {words.length === 0 ? (
                  <p className="muted">{t('evaluate.topWords.noWord', { label })}</p>
                ) : (
                  <ol aria-label={t('evaluate.topWords.listName', { label })} lang={langOf(words.map((w) => w.word).join(' '))}>
                    {words.map((w) => (
                      <li key={w.word} title={describeOddsFactor(t, w.score, label)}>
                        {w.word}
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
