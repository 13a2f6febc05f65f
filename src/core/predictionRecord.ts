/**
 * A prediction and its explanation as plain JSON records: what `sift predict --json` prints and
 * what the exported runtime (predict.mjs) returns, built by the same functions so they agree.
 */
import type { Coverage, WordKnowledge } from './explain/coverage';
import type { Explanation, Prediction } from './model/types';

export interface PredictionRecord {
  label: string;
  /** Each class's probability, in the model's label order. */
  probabilities: Record<string, number>;
}

export interface WordRecord {
  word: string;
  /** [start, end) of the word in the text as given, in UTF-16 units. */
  start: number;
  end: number;
  /** Its push on the log-odds of `label`; the words' values add up to score − emptyScore. */
  value: number;
  known: WordKnowledge;
}

export interface ExplanationRecord extends PredictionRecord {
  words: WordRecord[];
  /** Log-odds of `label` for the text and for the empty text (the model's default answer). */
  score: number;
  emptyScore: number;
  coverage: Coverage;
}

export function predictionRecord(prediction: Prediction): PredictionRecord {
  return { label: prediction.label, probabilities: Object.fromEntries(prediction.probabilities.map((c) => [c.label, c.probability])) };
}

export function explanationRecord(explanation: Explanation): ExplanationRecord {
  const { prediction, words, score, emptyScore, coverage } = explanation;
  return {
    ...predictionRecord(prediction),
    words: words.map(({ text, start, end, value, known }) => ({ word: text, start, end, value, known })),
    score,
    emptyScore,
    coverage,
  };
}
