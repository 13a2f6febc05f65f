/**
 * How much of a text the model knows: "3 of 7 words are known to the model", and whether its
 * answer is a guess. A model asked about words it never saw still answers (its default answer,
 * what it says for an empty text), with a probability that looks as sure as any other; this says
 * so plainly.
 */
import { OOV_ID } from '../text/types';
import type { SeenTokens } from './seenTokens';
import type { TokenizedText } from './textWords';

/** Below this share of known words the answer is shown as a guess. */
export const FEW_KNOWN_SHARE = 0.25;

export interface Coverage {
  /**
   * Words counted: the text's words except those made only of punctuation and symbols ("!", "。",
   * "$"), which are tokens to the model (and can be known) but not words to a person.
   */
  words: number;
  /** Counted words whose own token (unigram) is in the vocabulary. */
  known: number;
  /**
   * Counted words not known as words of which a piece is known: a CJK character or character
   * n-gram inside the word (the model sees part of an unseen compound like 大模型 through 模型, 模).
   */
  partlyKnown: number;
  /** Words the model did not see because the text is longer than the sequence length. */
  wordsCut: number;
  /**
   * The model saw nothing but <unk>: its answer is then EXACTLY its answer for an empty text
   * ("none of these words appear in the training data: this is the model's default answer").
   */
  defaultAnswer: boolean;
  /**
   * Show the prediction as a guess: the default answer, or no counted words at all (e.g. "。"),
   * or fewer than FEW_KNOWN_SHARE of the counted words known (partly known ones included).
   */
  guess: boolean;
}

/**
 * What the model knows of each word: 'known' (the word itself is in the vocabulary), 'part' (not
 * the word, but a CJK character or character n-gram inside it), 'unknown' (it reaches the model
 * only as <unk>, if at all).
 */
export type WordKnowledge = 'known' | 'part' | 'unknown';

export function wordKnowledge(text: TokenizedText, index: ReadonlyMap<string, number>): WordKnowledge[] {
  const isKnown = (token: string): boolean => (index.get(token) ?? OOV_ID) > OOV_ID;
  const pieceKnown = new Uint8Array(text.words.length);
  for (const { token, kind, firstWord, lastWord } of text.tokens) {
    if (kind === 'char' && firstWord === lastWord && isKnown(token)) pieceKnown[firstWord] = 1;
  }
  return text.words.map((word, w) => (isKnown(word.text) ? 'known' : pieceKnown[w] === 1 ? 'part' : 'unknown'));
}

export function wordCoverage(text: TokenizedText, seen: SeenTokens, index: ReadonlyMap<string, number>, knowledge = wordKnowledge(text, index)): Coverage {
  let words = 0;
  let known = 0;
  let partlyKnown = 0;
  text.words.forEach((word, w) => {
    if (word.punctuation) return;
    words++;
    if (knowledge[w] === 'known') known++;
    else if (knowledge[w] === 'part') partlyKnown++;
  });
  const defaultAnswer = seen.ids.every((id) => id === OOV_ID);
  const guess = defaultAnswer || words === 0 || (known + partlyKnown) / words < FEW_KNOWN_SHARE;
  return { words, known, partlyKnown, wordsCut: seen.wordsCut, defaultAnswer, guess };
}

/** "3 of 7 words are known to the model" (with the words known in part, and those cut), for the page and the CLI alike. */
export function coverageSentence(c: Coverage): string {
  if (c.words === 0) return 'There are no words here, only punctuation or symbols';
  const parts = [`${c.known} of ${c.words} ${c.words === 1 ? 'word is' : 'words are'} known to the model`];
  if (c.partlyKnown > 0) parts.push(`${c.partlyKnown} more in part`);
  if (c.wordsCut > 0) parts.push(`the last ${c.wordsCut} ${c.wordsCut === 1 ? 'word was' : 'words were'} not read (the text is longer than the model reads)`);
  return parts.join('; ');
}

/** Said plainly when the prediction is a guess (Coverage.guess), else null. */
export function guessSentence(c: Coverage): string | null {
  if (c.defaultAnswer) return "None of these words appear in the training data: this is the model's default answer.";
  if (!c.guess) return null;
  if (c.words === 0) return 'Treat the prediction as a guess.';
  return 'Few of these words are known to the model: treat the prediction as a guess.';
}
