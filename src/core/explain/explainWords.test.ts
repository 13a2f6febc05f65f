import { describe, expect, it } from 'vitest';
import { randomValues } from '../../../tests/helpers/modelFixtures';
import { encodeText } from '../text/encode';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { DEFAULT_TOKENIZER, wordTokens } from '../text/tokenize';
import { vocabularyFromTexts, vocabularyIndex } from '../text/vocabulary';
import { coalitionScorer, logOddsFromLogits, pooledMean, type BagOfEmbeddings } from './coalitionScorer';
import { explainWords, rankWords, strengthOf, type TextEncoding } from './explainWords';
import { handModel } from '../../../tests/helpers/explainHandModel';
import { denseHead } from '../../../tests/helpers/explainPlainHead';

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((s, x) => s + x, 0);

/**
 * Class 1 ("spam") when the text's mean row has mass on either of two directions, through one relu
 * unit: "free" alone, "prize" alone and both together all give the same logits [0, 180], so each
 * word alone decides the prediction (the redundancy that leave-one-out cannot see); the empty text
 * (<unk>'s zero row) gives [0, −20].
 */
const redundant = handModel(
  { free: [1, 0], prize: [0, 1], hello: [0, 0] },
  denseHead({
    shape: { vocabSize: 5, embeddingDim: 2, hiddenUnits: 1, numClasses: 2 },
    hiddenKernel: Float32Array.of(1, 1),
    hiddenBias: Float32Array.of(0),
    outputKernel: Float32Array.of(0, 200),
    outputBias: Float32Array.of(0, -20),
  }),
  2,
);

describe('explainWords on a hand-made model', () => {
  it('credits two words that each decide the prediction alone, where leave-one-out credits neither', () => {
    const explained = explainWords('Free prize', redundant.model, redundant.encoding);
    expect(explained.target).toBe(1);
    expect(Array.from(explained.logits)).toEqual([0, 180]);
    expect(explained.score).toBe(180);
    expect(explained.emptyScore).toBe(-20);
    expect(Array.from(explained.values)).toEqual([100, 100]);

    // Leave-one-out on the same scores: removing either word leaves the other, which decides alone.
    const score = coalitionScorer(redundant.model, encodeText('Free prize', redundant.index, DEFAULT_TOKENIZER, 256), 1);
    const [full, withoutFree, withoutPrize] = score(Uint8Array.of(1, 1, 0, 1, 1, 0), 3);
    expect(full - withoutFree).toBe(0);
    expect(full - withoutPrize).toBe(0);
  });

  it('shows the reasons of a prediction that float32 calls 100% sure', () => {
    const explained = explainWords('FREE!!! prize', redundant.model, redundant.encoding);
    const [z0, z1] = explained.logits;
    const p1 = Math.fround(Math.exp(z1) / (Math.exp(z0) + Math.exp(z1)));
    expect(p1).toBe(1); // what a probability-based explanation would see: nothing left to explain
    expect(explained.values[0]).toBeGreaterThan(1);
    expect(Math.abs(sum(explained.values) - (explained.score - explained.emptyScore))).toBeLessThan(1e-9);
    expect(strengthOf(explained.values[0])).toBe('strong');
  });

  it('gives every word 0 and says "default answer" when no word is known', () => {
    const explained = explainWords('asdf qwer zxcv', redundant.model, redundant.encoding);
    expect(Array.from(explained.values)).toEqual([0, 0, 0]);
    expect(explained.score).toBe(explained.emptyScore);
    expect(explained.coverage).toEqual({ words: 3, known: 0, partlyKnown: 0, wordsCut: 0, defaultAnswer: true, guess: true });
    const empty = explainWords('', redundant.model, redundant.encoding);
    expect(empty.words).toEqual([]);
    expect(empty.score).toBe(empty.emptyScore);
    expect(empty.coverage).toMatchObject({ words: 0, defaultAnswer: true, guess: true });
  });

  it('explains another class when asked', () => {
    const explained = explainWords('free hello', redundant.model, redundant.encoding, { target: 0 });
    expect(explained.target).toBe(0);
    expect(explained.values[0]).toBeLessThan(0);
    expect(Math.abs(sum(explained.values) - (explained.score - explained.emptyScore))).toBeLessThan(1e-9);
  });
});

describe('explainWords on real Chinese texts', () => {
  // A random model over THUCNews titles' real vocabulary: the span logic is what is tested here.
  const { texts } = readDataset('thucnews_titles/thucnews_titles_dev.csv');
  const vocabulary = vocabularyFromTexts(texts.slice(0, 2000), DEFAULT_TOKENIZER, { maxSize: 50_000, minCount: 1 });
  const dim = 16;
  const shape = { vocabSize: vocabulary.tokens.length, embeddingDim: dim, hiddenUnits: 8, numClasses: 3 };
  const model: BagOfEmbeddings = {
    embedding: randomValues(shape.vocabSize * dim, 1),
    dim,
    numClasses: 3,
    headLogits: denseHead({
      shape,
      hiddenKernel: randomValues(dim * 8, 2).map((x) => 2 * x),
      hiddenBias: randomValues(8, 3),
      outputKernel: randomValues(8 * 3, 4).map((x) => 4 * x),
      outputBias: randomValues(3, 5),
    }),
  };
  const index = vocabularyIndex(vocabulary);
  const encoding: TextEncoding = { index, tokenizer: DEFAULT_TOKENIZER, sequenceLength: 256 };

  it('gives one value per word (not per n-gram), adding up to the score difference', () => {
    for (const text of texts.slice(2000, 2040)) {
      const explained = explainWords(text, model, encoding);
      expect(explained.words.map((w) => w.text)).toEqual(wordTokens(text, DEFAULT_TOKENIZER));
      expect(explained.values.length).toBe(explained.words.length);
      expect(explained.method).toBe(explained.words.length <= 12 ? 'exact' : 'sampled');
      expect(Math.abs(sum(explained.values) - (explained.score - explained.emptyScore))).toBeLessThan(1e-9);
      // The score is the model's for the text as encodeText feeds it, and for "" as the empty text.
      const logits = model.headLogits(pooledMean(model, encodeText(text, index, DEFAULT_TOKENIZER, 256)), 1);
      expect(explained.score).toBeCloseTo(logOddsFromLogits(logits, 0, 3, explained.target), 5);
      const emptyLogits = model.headLogits(pooledMean(model, encodeText('', index, DEFAULT_TOKENIZER, 256)), 1);
      expect(explained.emptyScore).toBeCloseTo(logOddsFromLogits(emptyLogits, 0, 3, explained.target), 5);
    }
  });

  it('credits a character n-gram to the words it spans: 国足 is the words 国 and 足', () => {
    const text = '国足备战世界杯预选赛';
    const explained = explainWords(text, model, encoding);
    expect(explained.words.map((w) => w.text)).toEqual(['国', '足', '备战', '世界', '杯', '预选', '赛']);
    expect(encoding.index.has('国足')).toBe(true);
    expect(explained.values.every((v) => v !== 0)).toBe(true);
    expect(rankWords(explained.words, explained.values).map((r) => r.word).sort()).toEqual([...new Set(wordTokens(text, DEFAULT_TOKENIZER))].sort());
  });

  it('is deterministic, and the same for the same seed when sampled', () => {
    const long = texts.slice(2000).find((t) => wordTokens(t, DEFAULT_TOKENIZER).length > 14) ?? '';
    const a = explainWords(long, model, encoding, { seed: 3 });
    expect(a.method).toBe('sampled');
    expect(explainWords(long, model, encoding, { seed: 3 }).values).toEqual(a.values);
  });
});

describe('rankWords and strengthOf', () => {
  it('sums repeated words, drops zeros, ranks most positive first', () => {
    const words = ['free', '!', 'free', 'call', 'the'].map((text) => ({ text }));
    expect(rankWords(words, [1, 0.5, 2, -1, 0])).toEqual([
      { word: 'free', value: 3, occurrences: 2 },
      { word: '!', value: 0.5, occurrences: 1 },
      { word: 'call', value: -1, occurrences: 1 },
    ]);
  });

  it('names strengths by the effect on the odds', () => {
    expect([3, -2, 1, -0.5, 0.2, 0].map(strengthOf)).toEqual(['strong', 'strong', 'moderate', 'moderate', 'weak', 'weak']);
  });
});
