import { describe, expect, it } from 'vitest';
import { epochThroughputs, longestTask, medianThroughput, parseProgressLine, tasksWithin } from './figures';
import { inferenceTexts, percentile, summarizeInference } from './inference';
import { renderBrowserMarkdown } from './markdown';
import { readLabelledCsv } from '../csv';
import type { BrowserSection, ProgressSample } from './types';
import { parseOptions, wantsSection } from '../options';

describe('parseProgressLine', () => {
  // Texts as the progress line's textContent reads in Chromium (src/ui/train/TrainProgress.tsx).
  it.each([
    ['Epoch 1 of 2 · batch 79 of 79 · 4,731 examples/s · about 3 s left', { epoch: 1, totalEpochs: 2, batch: 79, batchesPerEpoch: 79, examplesPerSecond: 4731 }],
    [
      'Epoch 2 of at most 20 · batch 30 of 79 · 4,731 examples/s · about 3 s left if validation loss stops improving, at most 1 min 4 s · 5 s so far',
      { epoch: 2, totalEpochs: 20, batch: 30, batchesPerEpoch: 79, examplesPerSecond: 4731 },
    ],
    ['Epoch 2 of 10 · batch 1,204 of 2,000 · 612 examples/s', { epoch: 2, totalEpochs: 10, batch: 1204, batchesPerEpoch: 2000, examplesPerSecond: 612 }],
    ['Epoch 3 of 3 ·  batch 5 of 9 ·\n 12,476 examples/s · about 1 min 4 s left', { epoch: 3, totalEpochs: 3, batch: 5, batchesPerEpoch: 9, examplesPerSecond: 12476 }],
  ])('reads %j', (text, expected) => {
    expect(parseProgressLine(text)).toEqual(expected);
  });

  it.each(['Starting the first epoch…', 'Choosing the fastest backend…', 'Preparing the data… 0.4 s', ''])('ignores %j', (text) => {
    expect(parseProgressLine(text)).toBeNull();
  });
});

describe('epochThroughputs', () => {
  const sample = (epoch: number, batch: number, examplesPerSecond: number): ProgressSample => ({ epoch, totalEpochs: 2, batch, batchesPerEpoch: 79, examplesPerSecond });

  it('keeps the last (highest-batch) reading of each epoch, epochs in order', () => {
    const samples = [sample(1, 1, 900), sample(1, 40, 4000), sample(1, 79, 4731), sample(2, 3, 6000), sample(2, 79, 7001), sample(2, 60, 6900)];
    expect(epochThroughputs(samples)).toEqual([
      { epoch: 1, examplesPerSecond: 4731, batch: 79, batchesPerEpoch: 79 },
      { epoch: 2, examplesPerSecond: 7001, batch: 79, batchesPerEpoch: 79 },
    ]);
    expect(medianThroughput(epochThroughputs(samples))).toBe(5866);
  });

  it('gives nothing for a run that never showed a batch', () => {
    expect(epochThroughputs([])).toEqual([]);
  });
});

describe('long tasks', () => {
  const tasks = [
    { startMs: 900, durationMs: 300 },
    { startMs: 1000, durationMs: 60 },
    { startMs: 2500, durationMs: 118 },
    { startMs: 4000, durationMs: 70 },
  ];

  it('keeps the tasks that started during training, timed from the Train click', () => {
    const during = tasksWithin(tasks, 1000, 3000);
    expect(during).toEqual([
      { startMs: 0, durationMs: 60 },
      { startMs: 1500, durationMs: 118 },
    ]);
    expect(longestTask(during)).toBe(118);
    expect(longestTask([])).toBe(0);
  });
});

describe('renderBrowserMarkdown', () => {
  const section: BrowserSection = {
    sample: 'SMS spam (English)',
    epochs: 2,
    chromium: 'Chromium 156.0.8078.108',
    build: 'reused',
    results: [
      {
        backend: 'webgl',
        status: 'ok',
        epochs: [
          { epoch: 1, examplesPerSecond: 4731.4, batch: 79, batchesPerEpoch: 79 },
          { epoch: 2, examplesPerSecond: 7001, batch: 79, batchesPerEpoch: 79 },
        ],
        medianExamplesPerSecond: 5866.2,
        firstEpochMs: 14_412,
        firstPointMs: 13_173,
        trainingMs: 16_800,
        longestTaskMs: 118,
        longTasks: 5,
        longTaskList: [],
        backendLine: 'Backend: webgl — chosen by you. Training path: the embedding updated in JavaScript, the dense layers on the backend (measured: graph 249/s, sparse 12,476/s).',
        path: 'sparse',
        pathSpeeds: { graph: 249, sparse: 12476 },
        inference: { texts: 60, words: 100, p50Ms: 1.234, p95Ms: 2.5, maxMs: 3 },
        journeySeconds: 31,
      },
      { backend: 'wasm', status: 'ok', epochs: [{ epoch: 1, examplesPerSecond: 3061, batch: 79, batchesPerEpoch: 79 }], medianExamplesPerSecond: 3061, firstEpochMs: null, firstPointMs: null, trainingMs: 9000, longestTaskMs: 0, longTasks: 0, longTaskList: [], backendLine: 'Backend: wasm — chosen by you. Training path: the embedding updated in JavaScript, the dense layers on the backend.', path: 'sparse', inference: null, inferenceError: 'Timeout 30000ms exceeded.', journeySeconds: 20 },
      { backend: 'cpu', status: 'failed', error: 'The webgl | backend failed to start', journeySeconds: 3 },
    ],
  };

  it('renders one row per backend, failures with their message', () => {
    const table = renderBrowserMarkdown(section).split('\n').filter((l) => l.startsWith('|'));
    expect(table.slice(2)).toEqual([
      '| webgl | 4,731 / 7,001 | 5,866 | 14.4 | 16.8 | 118 | 5 | 1.23 / 2.50 | sparse (graph 249/s, sparse 12,476/s) |',
      '| wasm | 3,061 | 3,061 | n/a | 9.0 | 0 | 0 | failed: Timeout 30000ms exceeded. | sparse |',
      '| cpu | failed: The webgl \\| backend failed to start |  |  |  |  |  |  |  |',
    ]);
    expect(renderBrowserMarkdown(section)).toContain('headless Chromium 156.0.8078.108');
  });
});

describe('inference texts and percentiles', () => {
  const messages = readLabelledCsv('public/samples/sms_spam.csv').map((r) => r.text);

  it('makes distinct texts of exactly the asked number of words from consecutive messages (real sample)', () => {
    const texts = inferenceTexts(messages, 60, 100);
    expect(texts).toHaveLength(60);
    expect(new Set(texts).size).toBe(60);
    for (const t of texts) expect(t.split(' ')).toHaveLength(100);
    expect(texts[0].startsWith(messages[0].split(/\s+/).filter((w) => w !== '')[0])).toBe(true);
    expect(() => inferenceTexts(messages.slice(0, 3), 60, 100)).toThrow(/too few words/);
  });

  it('takes nearest-rank percentiles and summarises', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile([3, 1, 2], 95)).toBe(3);
    expect(summarizeInference([4, 1, 3, 2], 100)).toEqual({ texts: 4, words: 100, p50Ms: 2.5, p95Ms: 4, maxMs: 4 });
  });
});

describe('browser options', () => {
  it.each([
    [[], true],
    [['--quick'], true],
    [['--quick', '--no-browser'], false],
    [['--only', 'trec'], false],
    [['--contenders', 'sift-default'], false],
    [['--only', 'trec', '--browser'], true],
    [['--quick', '--browser'], true],
    [['--no-browser'], false],
    [['--browser-only'], true],
  ])('%j runs the browser part: %s', (argv, expected) => {
    expect(wantsSection(parseOptions(argv), 'browser')).toBe(expected);
  });

  it('reuses dist/ with --no-build and refuses a contradiction', () => {
    expect(parseOptions(['--no-build']).build).toBe(false);
    expect(parseOptions([]).build).toBe(true);
    expect(() => parseOptions(['--browser-only', '--no-browser'])).toThrow(/contradict/);
  });
});
