import { describe, expect, it } from 'vitest';
import { readExamples } from '../../../tests/helpers/modelFixtures';
import type { ClassCount, Example } from '../dataset/types';
import { applyLabelDecisions, correctedClassCounts, countDecisions, type LabelDecision } from './labelDecisions';

const clean = readExamples('sms_spam/sms_spam.csv');
const noisy = readExamples('sms_spam/sms_spam_noisy5.csv');
const flipped = noisy.filter((e, i) => e.label !== clean[i].label);

/** Class counts by label, sorted by label. */
function countsOf(examples: readonly Example[]): ClassCount[] {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => a.label.localeCompare(b.label));
}

describe('applyLabelDecisions', () => {
  it('relabelling every seeded flip back gives the clean file’s examples, row numbers kept', () => {
    expect(flipped).toHaveLength(278);
    const decisions: LabelDecision[] = flipped.map((e) => ({ row: e.row, given: e.label, action: 'relabel', label: e.label === 'ham' ? 'spam' : 'ham' }));
    const applied = applyLabelDecisions(noisy, decisions);
    expect(applied).toMatchObject({ relabelled: 278, dropped: 0, kept: 0, stale: [] });
    expect(applied.examples).toEqual(clean);
    // Pure: the input is untouched.
    expect(noisy.filter((e, i) => e.label !== clean[i].label)).toHaveLength(278);
  });

  it('drops, keeps, ignores a relabel to the same label, and lets a later decision about a row win', () => {
    const [a, b, c, d] = flipped;
    const decisions: LabelDecision[] = [
      { row: a.row, given: a.label, action: 'drop' },
      { row: b.row, given: b.label, action: 'keep' },
      { row: c.row, given: c.label, action: 'relabel', label: c.label },
      { row: d.row, given: d.label, action: 'drop' },
      { row: d.row, given: d.label, action: 'keep' },
    ];
    const applied = applyLabelDecisions(noisy, decisions);
    expect(applied).toMatchObject({ relabelled: 0, dropped: 1, kept: 2, stale: [] });
    expect(applied.examples).toHaveLength(noisy.length - 1);
    expect(applied.examples.some((e) => e.row === a.row)).toBe(false);
    expect(applied.examples.find((e) => e.row === d.row)).toEqual(d);
    expect(countDecisions(decisions)).toEqual({ relabelled: 0, dropped: 1, kept: 3 });
  });

  it('leaves out decisions that no longer match the data: another label, or no such row', () => {
    const [a] = flipped;
    const other = a.label === 'ham' ? 'spam' : 'ham';
    const decisions: LabelDecision[] = [
      { row: a.row, given: other, action: 'drop' },
      { row: noisy.length + 10, given: 'ham', action: 'drop' },
    ];
    const applied = applyLabelDecisions(noisy, decisions);
    expect(applied.examples).toEqual(noisy);
    expect(applied.stale).toEqual([a.row, noisy.length + 10]);
  });
});

describe('correctedClassCounts', () => {
  it('equals the class counts of the corrected examples', () => {
    const decisions: LabelDecision[] = [
      ...flipped.slice(0, 30).map((e): LabelDecision => ({ row: e.row, given: e.label, action: 'relabel', label: e.label === 'ham' ? 'spam' : 'ham' })),
      ...flipped.slice(30, 40).map((e): LabelDecision => ({ row: e.row, given: e.label, action: 'drop' })),
      ...flipped.slice(40, 45).map((e): LabelDecision => ({ row: e.row, given: e.label, action: 'keep' })),
    ];
    const corrected = applyLabelDecisions(noisy, decisions).examples;
    const counted = correctedClassCounts(countsOf(noisy), decisions).sort((a, b) => a.label.localeCompare(b.label));
    expect(counted).toEqual(countsOf(corrected));
    expect(counted).not.toEqual(countsOf(noisy));
  });
});
