/** Preparing a run reports how far it is, so the page shows a real bar on a big file. */
import { describe, expect, it } from 'vitest';
import { loadDataset } from './dataset/load';
import { prepareTraining, type PrepareProgress } from './pipeline';
import { settingsFor } from './settings';
import { readFixture } from '../../tests/helpers/datasets';

describe('prepareTraining progress', () => {
  const loaded = loadDataset(readFixture('datasets/sms_spam/sms_spam.csv'));
  const input = { examples: loaded.examples, fileName: 'sms_spam.csv', textColumn: 'text', labelColumn: 'label' };

  it('goes from tokenizing to encoding, never backwards, about a hundred reports, ending at 1', () => {
    const reports: PrepareProgress[] = [];
    const prepared = prepareTraining(input, settingsFor(loaded.report), (p) => reports.push(p));
    const fractions = reports.map((r) => r.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(reports.length).toBeGreaterThan(50);
    expect(reports.length).toBeLessThanOrEqual(110);
    const stages = reports.map((r) => r.stage);
    expect(stages.indexOf('encoding')).toBeGreaterThan(stages.lastIndexOf('tokenizing'));
    // Reading the training texts is most of the work, so most of the bar.
    expect(reports.filter((r) => r.stage === 'tokenizing').at(-1)?.fraction).toBeCloseTo(0.92, 2);
    expect(prepared.info.trainExamples).toBeGreaterThan(0);
  });

  it('prepares the same data whether anyone listens or not', () => {
    const settings = settingsFor(loaded.report);
    const quiet = prepareTraining(input, settings);
    const heard = prepareTraining(input, settings, () => undefined);
    expect(Array.from(heard.data.train.ids)).toEqual(Array.from(quiet.data.train.ids));
    expect(heard.vocabulary.tokens).toEqual(quiet.vocabulary.tokens);
  });
});
