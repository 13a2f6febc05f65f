import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDataset } from '@/core/dataset/load';
import { prepareTraining, prepareTrainingWith, type PreparedTraining } from '@/core/pipeline';
import { settingsFor } from '@/core/settings';
import { DEFAULT_TOKENIZER } from '@/core/text/tokenize';
import { readTokens, readTrainingTexts } from '@/core/text/trainingCorpus';
import { buildInThreads, MAX_THREADS, startThread, trainingCuts, type CorpusThread } from './buildInThreads';

const read = (file: string) => loadDataset(new Uint8Array(readFileSync(`tests/fixtures/datasets/${file}`)));

/** What a prepared run trains and validates on. */
const trained = (run: PreparedTraining) => ({
  vocabulary: run.vocabulary.tokens,
  train: { ids: Array.from(run.data.train.ids), offsets: Array.from(run.data.train.offsets), labels: Array.from(run.data.train.labels) },
  validation: run.data.validation && { ids: Array.from(run.data.validation.ids), offsets: Array.from(run.data.validation.offsets), labels: Array.from(run.data.validation.labels) },
});

describe('building corpora on several threads', () => {
  it.each([
    ['sms_spam/sms_spam.csv', {}],
    ['thucnews_titles/thucnews_titles_dev.csv', {}],
    ['trec/trec_train.csv', { sequenceLength: 4 }],
    ['sms_spam/sms_spam.csv', { validationShare: 0 }],
  ])('prepares the same run as one thread does (%s, %o)', async (file, overrides) => {
    const dataset = read(file);
    const input = { examples: dataset.examples, fileName: file, textColumn: 'text', labelColumn: 'label' };
    const settings = settingsFor(dataset.report, { backend: 'cpu', ...overrides });
    const answers: string[] = [];
    const recorded = (): CorpusThread => {
      const real = startThread();
      return { ask: (job) => real.ask(job).then((answer) => (answers.push(answer.kind), answer)), close: () => real.close() };
    };
    const two = await prepareTrainingWith(buildInThreads({ threads: 2, minimumCharacters: 0, warmUp: true, startThread: recorded }), input, settings);
    expect(trained(two)).toEqual(trained(prepareTraining(input, settings)));
    expect(answers).toEqual(['read', 'encoded']); // the second thread did its part
  });

  it('prepares the same run on three and four threads as on one, and each other thread does its part', async () => {
    const dataset = read('sms_spam/sms_spam.csv');
    const input = { examples: dataset.examples, fileName: 'sms.csv', textColumn: 'text', labelColumn: 'label' };
    const settings = settingsFor(dataset.report, { backend: 'cpu' });
    const one = trained(prepareTraining(input, settings));
    for (const threads of [3, 4]) {
      const answers: string[] = [];
      const recorded = (): CorpusThread => {
        const real = startThread();
        return { ask: (job) => real.ask(job).then((answer) => (answers.push(answer.kind), answer)), close: () => real.close() };
      };
      const run = await prepareTrainingWith(buildInThreads({ threads, minimumCharacters: 0, startThread: recorded }), input, settings);
      expect(trained(run)).toEqual(one);
      expect(answers.sort()).toEqual([...Array<string>(threads - 1).fill('encoded'), ...Array<string>(threads - 1).fill('read')]);
    }
  });

  it('one of several threads failing costs time, not the run', async () => {
    const dataset = read('trec/trec_train.csv');
    const input = { examples: dataset.examples, fileName: 'trec.csv', textColumn: 'text', labelColumn: 'label' };
    const settings = settingsFor(dataset.report, { backend: 'cpu' });
    let started = 0;
    const secondFails = (): CorpusThread => {
      const real = startThread();
      if (++started !== 2) return real;
      void real.close();
      return { ask: () => Promise.reject(new Error('The corpus thread ended (1).')), close: () => Promise.resolve(0) };
    };
    const run = await prepareTrainingWith(buildInThreads({ threads: 3, minimumCharacters: 0, startThread: secondFails }), input, settings);
    expect(trained(run)).toEqual(trained(prepareTraining(input, settings)));
  });

  it('cuts the texts so that this thread reads 4% more than an even part and the others the rest evenly', () => {
    expect(trainingCuts(900_000, 2)).toEqual([0, 468_000, 900_000]);
    expect(trainingCuts(1_000, 4)).toEqual([0, 260, 506, 753, 1_000]);
    // Never an empty part: the guard in build() asks for at least one text per thread.
    expect(trainingCuts(4, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(trainingCuts(3, 2)).toEqual([0, 2, 3]);
  });

  it('uses at most MAX_THREADS threads, whatever it is asked', async () => {
    let started = 0;
    const counting = (): CorpusThread => (started++, startThread());
    const builder = buildInThreads({ threads: 64, warmUp: true, startThread: counting });
    expect(started).toBe(MAX_THREADS - 1);
    const texts = { texts: ['a b c', 'd e f'], labels: new Int32Array([0, 1]) };
    await builder.build({ train: texts, validation: null, config: DEFAULT_TOKENIZER, vocabulary: { maxSize: 10, minCount: 1 }, sequenceLength: 8 });
  });

  it('reads on this thread alone when asked for a number of threads that is not one (NaN)', async () => {
    let started = 0;
    const counting = (): CorpusThread => (started++, startThread());
    const dataset = read('sms_spam/sms_spam.csv');
    const input = { examples: dataset.examples, fileName: 'sms.csv', textColumn: 'text', labelColumn: 'label' };
    const settings = settingsFor(dataset.report, { backend: 'cpu' });
    const run = await prepareTrainingWith(buildInThreads({ threads: Number('many'), minimumCharacters: 0, warmUp: true, startThread: counting }), input, settings);
    expect(started).toBe(0);
    expect(trained(run)).toEqual(trained(prepareTraining(input, settings)));
  });

  it('a thread reads its texts as this one would (Chinese titles: character n-grams, the slow path)', async () => {
    const texts = read('thucnews_titles/thucnews_titles_dev.csv').examples.slice(0, 600).map((e) => e.text);
    const thread = startThread();
    const answer = await thread.ask({ kind: 'read', texts, config: DEFAULT_TOKENIZER, sequenceLength: 20 });
    await thread.close();
    const mine = readTokens(readTrainingTexts(texts, DEFAULT_TOKENIZER, 20));
    expect(answer.kind === 'read' && answer.tokens.tokens.strings).toEqual(mine.tokens.strings);
    expect(answer.kind === 'read' && Array.from(answer.tokens.counts)).toEqual(Array.from(mine.counts));
  });

  it.each(['reading', 'encoding'])('a thread that fails while %s costs time, not the run: its texts are read here', async (failing) => {
    const dataset = read('sms_spam/sms_spam.csv');
    const input = { examples: dataset.examples, fileName: 'sms.csv', textColumn: 'text', labelColumn: 'label' };
    const settings = settingsFor(dataset.report, { backend: 'cpu' });
    const asked: string[] = [];
    const failingThread = (): CorpusThread => {
      const real = startThread();
      return {
        ask: (job) => {
          asked.push(job.kind);
          if ((job.kind === 'read') !== (failing === 'reading')) return real.ask(job);
          void real.close();
          return Promise.reject(new Error('The corpus thread ended (1).'));
        },
        close: () => real.close(),
      };
    };
    const builder = buildInThreads({ threads: 2, minimumCharacters: 0, startThread: failingThread });
    expect(trained(await prepareTrainingWith(builder, input, settings))).toEqual(trained(prepareTraining(input, settings)));
    expect(asked).toEqual(failing === 'reading' ? ['read'] : ['read', 'encode']);
  });

  it('builds small corpora in this thread, where starting one would cost more', async () => {
    const started: string[] = [];
    const spy = (): CorpusThread => {
      started.push('thread');
      return startThread();
    };
    const texts = { texts: ['a b c', 'd e f'], labels: new Int32Array([0, 1]) };
    const built = await buildInThreads({ threads: 2, startThread: spy }).build({ train: texts, validation: null, config: DEFAULT_TOKENIZER, vocabulary: { maxSize: 10, minCount: 1 }, sequenceLength: 8 });
    expect(started).toEqual([]);
    expect(built.vocabulary.tokens).toContain('a');
  });
});
