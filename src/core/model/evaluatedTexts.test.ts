import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { Predictor } from '../predictor';
import { readExamples } from '../../../tests/helpers/modelFixtures';
import { trecModel } from '../../../tests/helpers/testModel';
import { EvaluatedTexts, MAX_PAGE } from './evaluatedTexts';

/** TREC's test questions through a (seeded, untrained) model of TREC's shape: many mistakes of every kind. */
const examples = readExamples('trec/trec_test.csv');
const predictor = Predictor.create(trecModel());
const probabilities = predictor.probabilities(examples.map((e) => e.text));
const metrics = predictor.metricsFromProbabilities(probabilities, examples);
const texts = new EvaluatedTexts(examples, probabilities, predictor.labels);
const labels = predictor.labels;

describe('EvaluatedTexts', () => {
  it('lists exactly the texts of each confusion-matrix cell, with the probabilities the model gave them', () => {
    labels.forEach((trueLabel, t) =>
      labels.forEach((predictedLabel, p) => {
        const page = texts.page({ kind: 'cell', trueLabel, predictedLabel }, 0, 10_000);
        expect(page.total).toBe(metrics.confusion[t][p]);
        for (const item of page.items) {
          const i = examples.findIndex((e) => e.row === item.row);
          expect(item).toMatchObject({ text: examples[i].text, trueLabel, predictedLabel });
          expect(predictor.predict(item.text).label).toBe(predictedLabel);
          expect(item.predictedProbability).toBe(probabilities[i * labels.length + p]);
          expect(item.trueProbability).toBe(probabilities[i * labels.length + t]);
        }
      }),
    );
  });

  it('puts the most confidently wrong first, and for right answers the closest calls first', () => {
    // This untrained model says HUM to most questions: 138 DESC questions, 64 right HUM answers.
    const wrong = texts.page({ kind: 'cell', trueLabel: 'DESC', predictedLabel: 'HUM' }, 0, MAX_PAGE);
    expect(wrong.order).toBe('surest-first');
    expect(wrong.items.length).toBeGreaterThan(2);
    const sure = wrong.items.map((i) => i.predictedProbability);
    expect(sure).toEqual([...sure].sort((x, y) => y - x));
    const right = texts.page({ kind: 'cell', trueLabel: 'HUM', predictedLabel: 'HUM' }, 0, MAX_PAGE);
    expect(right.order).toBe('least-sure-first');
    expect(right.items.length).toBeGreaterThan(2);
    const closest = right.items.map((i) => i.predictedProbability);
    expect(closest).toEqual([...closest].sort((x, y) => x - y));
  });

  it('lists every mistake across classes, surest first, a page at a time', () => {
    const wrongCount = metrics.examples - metrics.confusion.reduce((s, row, t) => s + row[t], 0);
    const first = texts.page({ kind: 'mistakes' }, 0, 50);
    expect(first.total).toBe(wrongCount);
    expect(first.items).toHaveLength(50);
    expect(first.items.every((i) => i.trueLabel !== i.predictedLabel)).toBe(true);
    const second = texts.page({ kind: 'mistakes' }, 50, 50);
    expect(second.offset).toBe(50);
    expect(second.items[0].predictedProbability).toBeLessThanOrEqual(first.items[49].predictedProbability);
    const all = texts.page({ kind: 'mistakes' }, 0, wrongCount);
    expect(all.items).toHaveLength(Math.min(wrongCount, MAX_PAGE));
    expect(new Set([...first.items, ...second.items].map((i) => i.row)).size).toBe(100);
    expect(texts.page({ kind: 'mistakes' }, wrongCount + 5, 50)).toMatchObject({ total: wrongCount, items: [] });
  });

  it('gives a label the model has no class for a null probability', () => {
    const odd = [{ text: 'What is the capital of Peru ?', label: 'PLACE', row: 7 }];
    const list = new EvaluatedTexts(odd, predictor.probabilities([odd[0].text]), labels);
    const [item] = list.page({ kind: 'mistakes' }, 0, 10).items;
    expect(item).toMatchObject({ row: 7, trueLabel: 'PLACE', trueProbability: null });
  });

  it('rejects a bad offset, and probabilities that do not fit the texts', () => {
    expect(() => texts.page({ kind: 'mistakes' }, -1, 10)).toThrow(SiftError);
    expect(() => texts.page({ kind: 'mistakes' }, 0, 1.5)).toThrow(SiftError);
    expect(() => new EvaluatedTexts(examples, new Float32Array(3), labels)).toThrow(SiftError);
  });
});
