import { describe, expect, it } from 'vitest';
import { renderLabelIssuesMarkdown } from './markdown';
import { parseFlippedRows, parseIssuesJson, parseReferenceLine, parseTrainSeconds, scoreDetection } from './scores';
import type { LabelIssuesSection } from './types';
import { parseOptions, sectionsOnly, wantsSection } from '../options';

describe('scoreDetection', () => {
  const flipped = new Set([2, 5, 7, 9]);

  it('scores the first K ranked rows and the flagged set against the flipped rows', () => {
    // K = 4: ranked 5, 1, 7, 3 → 2 hits; the rest of `ranked` does not count.
    const scores = scoreDetection([5, 1, 7, 3, 2, 9], [5, 7, 1], flipped);
    expect(scores.precisionAtK).toBe(0.5);
    expect(scores.flagged).toBe(3);
    expect(scores.precision).toBeCloseTo(2 / 3, 12);
    expect(scores.recall).toBe(0.5);
    expect(scores.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 12);
  });

  it('is zero, not NaN, when nothing is flagged', () => {
    expect(scoreDetection([], [], flipped)).toEqual({ precisionAtK: 0, flagged: 0, precision: 0, recall: 0, f1: 0 });
  });
});

describe('reading the tools', () => {
  it('reads make_noisy.py\'s row list', () => {
    expect(parseFlippedRows('3\n17\n250\n')).toEqual(new Set([3, 17, 250]));
  });

  it('reads label_noise_ref.py\'s line as it prints it', () => {
    const line = 'reference: precision@278 0.903; flagged 270 of 5574, flipped 278, precision 0.878 recall 0.853 f1 0.865 in 9.7s\n';
    expect(parseReferenceLine(line)).toEqual({ precisionAtK: 0.903, flagged: 270, rows: 5574, flipped: 278, precision: 0.878, recall: 0.853, f1: 0.865, seconds: 9.7 });
    expect(() => parseReferenceLine('Traceback (most recent call last):')).toThrow(/no figures/);
  });

  it('reads the last line of sift issues --json and of sift train --json', () => {
    const issues = '{"command":"issues","rows":10,"folds":5,"seconds":1.5,"flagged":[{"row":4,"label":"a","suggested":"b","selfConfidence":0.01}],"ranked":[4,9]}';
    expect(parseIssuesJson(`fold 1/5 …\n${issues}\n`)).toEqual({ rows: 10, folds: 5, seconds: 1.5, flagged: [4], ranked: [4, 9] });
    expect(() => parseIssuesJson('{"command":"issues"}')).toThrow(/lacks/);
    expect(() => parseIssuesJson('sift: error NO_EXAMPLES: …')).toThrow(/not JSON/);
    expect(parseTrainSeconds('{"command":"train","seconds":2.5}')).toBe(2.5);
    expect(() => parseTrainSeconds('{"error":{"code":"X"}}')).toThrow(/lacks seconds/);
  });
});

describe('renderLabelIssuesMarkdown', () => {
  const scores = { precisionAtK: 0.9, flagged: 100, precision: 0.8, recall: 0.7, f1: 0.7467 };
  const section: LabelIssuesSection = {
    share: 0.05,
    seed: 7,
    folds: 5,
    maxTimeRatio: 6,
    noisyTool: '../shared/tools/make_noisy.py',
    referenceTool: '../shared/tools/label_noise_ref.py',
    results: [
      {
        dataset: 'trec',
        source: 'trec/trec_train.csv',
        status: 'ok',
        rows: 5452,
        flipped: 272,
        sift: { ...scores, seconds: 7.3, processSeconds: 11, peakRssMiB: 300 },
        reference: { ...scores, precisionAtK: 0.95, seconds: 14.6, processSeconds: 16 },
        train: { seconds: 1.7, processSeconds: 5, runs: 3 },
        timeRatio: 4.3,
        processTimeRatio: 2.2,
        targets: { precisionAtK: false, f1: true, time: true },
      },
      { dataset: 'sms_spam', source: 'sms_spam/sms_spam.csv', status: 'failed', error: 'boom' },
    ],
  };

  it('puts Sift and the reference side by side and marks a missed target', () => {
    const md = renderLabelIssuesMarkdown(section);
    expect(md).toContain('| trec | 5452 | 272 | sift issues | 0.900 ✗ | 100 | 0.800 | 0.700 | 0.747 | 7.3 | 4.3× / 2.2× |');
    expect(md).toContain('| trec |  |  | reference (TF-IDF + LR) | 0.950 | 100 |');
    expect(md).toContain('one sift train: 1.70 s');
    expect(md).toContain('| sms_spam |  |  | failed: boom |');
  });
});

describe('label-issues options', () => {
  it.each([
    [[], true],
    [['--quick'], true],
    [['--no-label-issues'], false],
    [['--only', 'trec'], false],
    [['--only', 'trec', '--label-issues'], true],
    [['--contenders', 'sklearn'], false],
    [['--browser-only'], false],
    [['--browser-only', '--label-issues'], true],
    [['--label-issues-only'], true],
  ])('%j runs the label-issues part: %s', (argv, expected) => {
    expect(wantsSection(parseOptions(argv), 'label-issues')).toBe(expected);
  });

  it('--label-issues-only runs no contenders and no browser unless asked, and refuses a contradiction', () => {
    const only = parseOptions(['--label-issues-only']);
    expect(sectionsOnly(only)).toBe(true);
    expect(wantsSection(only, 'browser')).toBe(false);
    expect(wantsSection(parseOptions(['--label-issues-only', '--browser']), 'browser')).toBe(true);
    expect(sectionsOnly(parseOptions([]))).toBe(false);
    expect(() => parseOptions(['--label-issues-only', '--no-label-issues'])).toThrow(/contradict/);
  });
});
