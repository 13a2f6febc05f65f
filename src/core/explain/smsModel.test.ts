import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKENIZER, wordTokens } from '../text/tokenize';
import { explainWords, rankWords } from './explainWords';
import { topWordsPerClass, vocabularyWords } from './topWords';
import { readExamples, trainFixture, type TrainedFixture } from '../../../tests/helpers/explainTrainedModel';

/** The explain module on a real model: SMS spam, trained with Sift's default settings. */
describe('a model trained on SMS spam', () => {
  let fixture: TrainedFixture;
  const examples = readExamples('sms_spam/sms_spam.csv');
  const messages = examples.map((e) => ({ label: e.label, words: new Set(wordTokens(e.text, DEFAULT_TOKENIZER)) }));
  beforeAll(async () => {
    fixture = await trainFixture(examples);
  });

  it('top words: words mostly found in spam for spam, words rarely found in spam for ham', () => {
    const candidates = vocabularyWords(fixture.vocabulary, fixture.encoding.tokenizer, fixture.encoding.index);
    const top = topWordsPerClass(candidates, fixture.model);
    const [ham, spam] = [top[fixture.labels.indexOf('ham')], top[fixture.labels.indexOf('spam')]];
    expect(spam).toHaveLength(20);
    expect(ham).toHaveLength(20);
    // Each top word's share of spam among the messages that contain it, in the data itself.
    const share = (word: string): number => {
      const withWord = messages.filter((m) => m.words.has(word));
      return withWord.filter((m) => m.label === 'spam').length / withWord.length;
    };
    const spamShares = spam.map((w) => share(w.word));
    const hamShares = ham.map((w) => share(w.word));
    // Measured: spam's words from 0.73 (free, chat) to 1.00 (claim, prize, 150p), ham's 0.00 to 0.06.
    const baseRate = messages.filter((m) => m.label === 'spam').length / messages.length; // 0.13
    expect(Math.min(...spamShares)).toBeGreaterThan(0.5);
    expect(Math.max(...hamShares)).toBeLessThan(baseRate);
  });

  it('explains a spam message by its spam words, each counted once, adding up to the score', () => {
    const text = 'WINNER!! You have won a prize, call now to claim';
    const explained = explainWords(text, fixture.model, fixture.encoding);
    expect(fixture.labels[explained.target]).toBe('spam');
    const ranked = rankWords(explained.words, explained.values);
    const toward = ranked.filter((r) => r.value > 0).slice(0, 5).map((r) => r.word);
    expect(toward).toEqual(expect.arrayContaining(['won', 'prize', 'claim']));
    const sum = Array.from(explained.values).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - (explained.score - explained.emptyScore))).toBeLessThan(1e-9);
    expect(explained.coverage).toMatchObject({ words: 10, known: 10, guess: false, defaultAnswer: false });
  });

  it('says so when no word is known: the default answer, with nothing to credit', () => {
    const explained = explainWords('asdf qwer zxcv', fixture.model, fixture.encoding);
    expect(explained.coverage).toMatchObject({ known: 0, defaultAnswer: true, guess: true });
    expect(Array.from(explained.values)).toEqual([0, 0, 0]);
  });
});
