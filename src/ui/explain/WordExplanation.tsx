import { coverageSentence, guessSentence } from '@/core/explain/coverage';
import { rankWords, strengthOf, type RankedWord } from '@/core/explain/explainWords';
import { textPieces } from '@/core/explain/textWords';
import type { Explanation, ExplainedWord } from '@/core/model/types';
import { describeOddsFactor, describeWordPush, LEGEND, wordClassName } from './wordPush';

/** Words per ranked list under the text. */
const RANKED_WORDS = 8;


/**
 * Why the model said what it did, on the person's own text: each word highlighted by how much it
 * pushed toward or away from the predicted class (colour, underline style and, for screen readers,
 * words), how much of the text the model knows, and the words ranked under it. Used by the Try
 * box and by every text listed under the confusion matrix.
 */
export function WordExplanation({ explanation }: { explanation: Explanation }) {
  const { text, prediction, words, coverage } = explanation;
  const label = prediction.label;
  const guess = guessSentence(coverage);
  const ranked = rankWords(words, words.map((w) => w.value));
  const toward = ranked.filter((r) => r.value > 0).slice(0, RANKED_WORDS);
  const away = ranked.filter((r) => r.value < 0).reverse().slice(0, RANKED_WORDS);
  const strongest = Math.max(1e-9, ...[...toward, ...away].map((r) => Math.abs(r.value)));
  // An unknown word still pushes (it reaches the model as <unk>): the lists say which ones are.
  const unknown = new Set(words.filter((w) => w.known === 'unknown').map((w) => w.text));
  return (
    <div className="word-explanation">
      <p className="coverage">{coverageSentence(coverage)}.</p>
      {guess && (
        <p className="guess" role="note">
          {guess}
        </p>
      )}
      <HighlightedText text={text} words={words} label={label} />
      <Legend label={label} />
      <div className="why__columns">
        <RankedList title={`Pushed toward ${label}`} words={toward} kind="toward" strongest={strongest} label={label} unknown={unknown} />
        <RankedList title={`Pushed away from ${label}`} words={away} kind="away" strongest={strongest} label={label} unknown={unknown} />
      </div>
    </div>
  );
}

/**
 * The text as typed, each word a highlighted span with its push said in words (visually hidden),
 * the text between words left as it is. Pieces whose words share characters ("…" → three ".")
 * carry their words' summed value.
 */
function HighlightedText({ text, words, label }: { text: string; words: ExplainedWord[]; label: string }) {
  const pieces = textPieces(text.length, words);
  return (
    <p className="highlighted">
      {pieces.map((piece) => {
        const slice = text.slice(piece.start, piece.end);
        if (piece.words.length === 0) return <span key={piece.start}>{slice}</span>;
        const own = piece.words.map((w) => words[w]);
        const value = own.reduce((sum, w) => sum + w.value, 0);
        const unknown = own.some((w) => !w.punctuation) && own.every((w) => w.punctuation || w.known === 'unknown');
        const notRead = own.every((w) => !w.read);
        const description = [
          value !== 0 ? describeWordPush(value, label) : null,
          unknown ? 'not known to the model' : null,
          notRead ? 'not read: past the length the model reads' : null,
        ].filter((part): part is string => part !== null);
        return (
          <span
            key={piece.start}
            className={`word ${wordClassName(value)} ${unknown ? 'word--unknown' : ''}`}
            title={[...description, ...(value !== 0 ? [describeOddsFactor(value, label)] : [])].join('; ') || undefined}
          >
            {slice}
            {description.length > 0 && <span className="visually-hidden"> ({description.join('; ')})</span>}
          </span>
        );
      })}
    </p>
  );
}

function Legend({ label }: { label: string }) {
  return (
    <div className="push-legend">
      <span className="push-legend__end">away from {label}</span>
      <ul className="push-legend__scale" aria-label="Highlight colours">
        {LEGEND.map(({ direction, strength }) => (
          <li key={`${direction}-${strength}`} className={`word word--${direction}-${strength}`}>
            {strength}
            <span className="visually-hidden"> push {direction === 'toward' ? 'toward' : 'away from'} {label}</span>
          </li>
        ))}
        <li className="word word--none word--unknown">unknown</li>
      </ul>
      <span className="push-legend__end">toward {label}</span>
    </div>
  );
}

interface RankedListProps {
  title: string;
  words: RankedWord[];
  kind: 'toward' | 'away';
  strongest: number;
  label: string;
  unknown: ReadonlySet<string>;
}

function RankedList({ title, words, kind, strongest, label, unknown }: RankedListProps) {
  return (
    <div className={`tokens tokens--${kind}`}>
      <h4>{title}</h4>
      {words.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul aria-label={title}>
          {words.map((w) => (
            <li key={w.word} className="token" title={describeOddsFactor(w.value, label)}>
              <span className="token__text">{w.word}</span>
              {w.occurrences > 1 && <span className="token__count">×{w.occurrences}</span>}
              {unknown.has(w.word) && <span className="token__unknown">unknown</span>}
              <span className="token__bar" aria-hidden="true">
                <span style={{ width: `${Math.max(4, (Math.abs(w.value) / strongest) * 100)}%` }} />
              </span>
              <span className="token__value">{strengthOf(w.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
