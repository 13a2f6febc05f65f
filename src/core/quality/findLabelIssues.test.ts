import { beforeAll, describe, expect, it } from 'vitest';
import type { Example } from '../dataset/types';
import { useBackend } from '../model/backend';
import { readExamples } from '../../../tests/helpers/modelFixtures';
import { createRandom } from '../random';
import { resolveSettings } from '../settings';
import { findLabelIssues, labelIssuesFrom } from './findLabelIssues';

describe('labelIssuesFrom', () => {
  it('names each row by its record number in the file, even when earlier records span many lines', () => {
    // 300 newsgroup posts, 298 of them over several lines: record 300 starts on line ~12,260.
    const examples = readExamples('20newsgroups/20ng_train_head.csv');
    expect(examples).toHaveLength(300);
    expect(examples.map((e) => e.row)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const k = labels.length;
    const given = Int32Array.from(examples, (e) => labels.indexOf(e.label));
    // A model sure of every label except records 2 and 300, which it is sure belong to sci.space.
    const probabilities = new Float32Array(examples.length * k);
    const space = labels.indexOf('sci.space');
    given.forEach((g, i) => {
      const target = i === 1 || i === 299 ? space : g;
      for (let j = 0; j < k; j++) probabilities[i * k + j] = j === target ? 0.81 : 0.01;
    });
    expect(given[1]).not.toBe(space);
    expect(given[299]).not.toBe(space);

    const report = labelIssuesFrom(examples, { labels, given, probabilities });
    expect(report.flagged.map((f) => f.row)).toEqual([2, 300]);
    expect(report.flagged[1]).toMatchObject({
      row: 300,
      label: 'comp.graphics',
      suggested: 'sci.space',
      flagged: true,
      rank: 2,
    });
    expect(report.flagged[1].selfConfidence).toBeCloseTo(0.01, 6);
    expect(report.flagged[1].suggestedProbability).toBeCloseTo(0.81, 6);
    expect(report.flagged[1].text.startsWith('POV file constructor for Unix/X11\n')).toBe(true);
    expect(report.ranked).toHaveLength(300);
    expect(report.ranked.map((r) => r.rank)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(report.ranked.slice(2).every((r) => !r.flagged && r.suggested === r.label)).toBe(true);
  });
});

describe('findLabelIssues on real SMS messages with seeded flips', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('ranks most of the flipped rows at the top and flags mostly flipped rows', async () => {
    const original = readExamples('sms_spam/sms_spam.csv').slice(0, 1500);
    const random = createRandom(7);
    const flipped = new Set<number>();
    while (flipped.size < 45) flipped.add(1 + Math.floor(random() * original.length));
    const examples: Example[] = original.map((e) => (flipped.has(e.row) ? { ...e, label: e.label === 'ham' ? 'spam' : 'ham' } : e));

    const report = await findLabelIssues(examples, resolveSettings({ backend: 'wasm' }));
    expect(report.folds).toHaveLength(5);
    expect(report.ranked).toHaveLength(examples.length);
    const topHits = report.ranked.slice(0, flipped.size).filter((r) => flipped.has(r.row)).length;
    const flaggedHits = report.flagged.filter((r) => flipped.has(r.row)).length;
    // Measured 0.89 in the top 45, and 0.75 / 0.87 (precision / recall of the flagged rows);
    // chance would be 3%.
    expect(topHits / flipped.size).toBeGreaterThan(0.75);
    expect(flaggedHits / report.flagged.length).toBeGreaterThan(0.6);
    expect(flaggedHits / flipped.size).toBeGreaterThan(0.7);
    for (const r of report.flagged) {
      expect(r.suggested).not.toBe(r.label);
      expect(examples[r.row - 1]).toMatchObject({ row: r.row, text: r.text, label: r.label });
    }
  });
});
