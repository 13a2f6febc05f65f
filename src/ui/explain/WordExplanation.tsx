import { rankWords, strengthOf, type RankedWord } from '@/core/explain/explainWords';
import { textPieces } from '@/core/explain/textWords';
import type { Explanation, ExplainedWord } from '@/core/model/types';
import { currentLanguage, useT, useTextLang, type T } from '../i18n';
import { coverageSentence, guessSentence } from './coverageWords';
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
  const t = useT();
  const { text, prediction, words, coverage } = explanation;
  const label = prediction.label;
  const guess = guessSentence(t, coverage);
  const ranked = rankWords(words, words.map((w) => w.value));
  const toward = ranked.filter((r) => r.value > 0).slice(0, RANKED_WORDS);
  const away = ranked.filter((r) => r.value < 0).reverse().slice(0, RANKED_WORDS);
  const strongest = Math.max(1e-9, ...[...toward, ...away].map((r) => Math.abs(r.value)));
  // An unknown word still pushes (it reaches the model as <unk>): the lists say which ones are.
  const unknown = new Set(words.filter((w) => w.known === 'unknown').map((w) => w.text));
  return (
    <div className="word-explanation">
      <p className="coverage">{coverageSentence(t, coverage)}</p>
      {guess && (
        <p className="guess" role="note">
          {guess}
        </p>
      )}
      <HighlightedText text={text} words={words} label={label} t={t} />
      <Legend label={label} t={t} />
      <div className="why__columns">
        <RankedList title={t('explain.ranked.toward', { label })} words={toward} kind="toward" strongest={strongest} label={label} unknown={unknown} t={t} />
        <RankedList title={t('explain.ranked.away', { label })} words={away} kind="away" strongest={strongest} label={label} unknown={unknown} t={t} />
      </div>
    </div>
  );
}

/**
 * The text as typed, each word a highlighted span with its push said in words (visually hidden),
 * the text between words left as it is. Pieces whose words share characters ("…" → three ".")
 * carry their words' summed value.
 */
function HighlightedText({ text, words, label, t }: { text: string; words: ExplainedWord[]; label: string; t: T }) {
  const langOf = useTextLang();
  const pieces = textPieces(text.length, words);
  // The text keeps its own language; the words said about it (visually hidden) the page's.
  const textLang = langOf(text);
  const pageLang = textLang === undefined ? undefined : currentLanguage();
  return (
    <p className="highlighted" lang={textLang}>
      {pieces.map((piece) => {
        const slice = text.slice(piece.start, piece.end);
        if (piece.words.length === 0) return <span key={piece.start}>{slice}</span>;
        const own = piece.words.map((w) => words[w]);
        const value = own.reduce((sum, w) => sum + w.value, 0);
        const unknown = own.some((w) => !w.punctuation) && own.every((w) => w.punctuation || w.known === 'unknown');
        const notRead = own.every((w) => !w.read);
        const description = [
          value !== 0 ? describeWordPush(t, value, label) : null,
          unknown ? t('explain.push.unknown') : null,
          notRead ? t('explain.push.notRead') : null,
        ].filter((part): part is string => part !== null);
        return (
          <span
            key={piece.start}
            className={`word ${wordClassName(value)} ${unknown ? 'word--unknown' : ''}`}
            title={[...description, ...(value !== 0 ? [describeOddsFactor(t, value, label)] : [])].join(t('common.format.partSeparator')) || undefined}
          >
            {slice}
            {description.length > 0 && (
              <span className="visually-hidden" lang={pageLang}>
                {' '}
                ({description.join(t('common.format.partSeparator'))})
              </span>
            )}
          </span>
        );
      })}
    </p>
  );
}

function Legend({ label, t }: { label: string; t: T }) {
  return (
    <div className="push-legend">
      <span className="push-legend__end">{t('explain.legend.away', { label })}</span>
      <ul className="push-legend__scale" aria-label={t('explain.legend.colours')}>
        {LEGEND.map(({ direction, strength }) => (
          <li key={`${direction}-${strength}`} className={`word word--${direction}-${strength}`}>
            {t(`explain.strength.${strength}`)}
            <span className="visually-hidden"> {direction === 'toward' ? t('explain.legend.pushToward', { label }) : t('explain.legend.pushAway', { label })}</span>
          </li>
        ))}
        <li className="word word--none word--unknown">{t('explain.legend.unknown')}</li>
      </ul>
      <span className="push-legend__end">{t('explain.legend.toward', { label })}</span>
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
  t: T;
}

function RankedList({ title, words, kind, strongest, label, unknown, t }: RankedListProps) {
  const langOf = useTextLang();
  return (
    <div className={`tokens tokens--${kind}`}>
      <h4>{title}</h4>
      {words.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <ul aria-label={title}>
          {words.map((w) => (
            <li key={w.word} className="token" title={describeOddsFactor(t, w.value, label)}>
              <span className="token__text" lang={langOf(w.word)}>
                {w.word}
              </span>
              {w.occurrences > 1 && <span className="token__count">×{w.occurrences}</span>}
              {unknown.has(w.word) && <span className="token__unknown">{t('explain.legend.unknown')}</span>}
              <span className="token__bar" aria-hidden="true">
                <span style={{ width: `${Math.max(4, (Math.abs(w.value) / strongest) * 100)}%` }} />
              </span>
              <span className="token__value">{t(`explain.strength.${strengthOf(w.value)}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
