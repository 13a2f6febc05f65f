import type { ClassTopWords } from '@/core/bundle/types';
import { describeOddsFactor } from '../explain/wordPush';

/** For each class, the words that most push toward it on their own: what the model learned. */
export function TopWords({ topWords }: { topWords: ClassTopWords[] | undefined }) {
  return (
    <section className="top-words" aria-labelledby="top-words-heading">
      <h3 id="top-words-heading" className="subheading subheading--small">
        What the model learned
      </h3>
      {topWords === undefined ? (
        <p className="muted">This model’s file does not list its top words (it was saved by an earlier version of Sift).</p>
      ) : (
        <>
          <p className="muted explain">For each class, the words that most push toward it on their own (each word typed alone, compared with an empty text), strongest first.</p>
          <div className="top-words__classes">
            {topWords.map(({ label, words }) => (
              <div key={label} className="top-words__class">
                <h4>{label}</h4>
                {words.length === 0 ? (
                  <p className="muted">No word pushes toward {label} on its own.</p>
                ) : (
                  <ol aria-label={`Words that push toward ${label}`}>
                    {words.map((w) => (
                      <li key={w.word} title={describeOddsFactor(w.score, label)}>
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
