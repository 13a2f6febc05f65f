import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './load';
import { describePii, findPiiInExamples } from './pii';

const load = (relative: string) => loadDataset(new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/datasets/${relative}`, import.meta.url))));

describe('the data check reports personal data', () => {
  const sms = load('sms_spam/sms_spam.csv');
  const { pii } = sms.report;

  it('counts each kind and the rows they are in (SMS spam)', () => {
    expect(pii.counts.phone).toBeGreaterThan(300);
    expect(pii.counts.email).toBeGreaterThanOrEqual(5);
    expect(pii.counts.number).toBeGreaterThan(10);
    expect(pii.total).toBe(Object.values(pii.counts).reduce((a, b) => a + b, 0));
    expect(pii.rows).toBeGreaterThan(300);
    expect(pii.rows).toBeLessThanOrEqual(pii.total);
    expect(describePii(pii)).toMatch(/^[\d,]+ phone numbers, [\d,]+ other long numbers and [\d,]+ email addresses in [\d,]+ rows$/);
  });

  it('shows a few examples, masked, one of each kind first', () => {
    expect(pii.examples.length).toBeGreaterThanOrEqual(3);
    expect(pii.examples.length).toBeLessThanOrEqual(5);
    const rows = pii.examples.map((e) => e.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    for (const kind of ['<phone>', '<email>', '<number>']) expect(pii.examples.some((e) => e.text.includes(kind))).toBe(true);
    for (const { row, text } of pii.examples) {
      const original = sms.examples.find((e) => e.row === row)?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(162);
      // Never the personal data itself: no long digit runs, no address.
      expect(text).not.toMatch(/\d{7}|\S+@\S+\.\w{2,}/);
      expect(original).toMatch(/\d{7}|\S+@\S+\.\w{2,}/);
    }
  });

  it('finds none in TREC questions', () => {
    const trec = load('trec/trec_train.csv').report.pii;
    expect(trec).toEqual({ counts: { email: 0, phone: 0, card: 0, iban: 0, ip: 0, id: 0, number: 0 }, total: 0, rows: 0, examples: [] });
    expect(describePii(trec)).toBeNull();
  });

  it('names one row and one of a kind in the singular', () => {
    const found = findPiiInExamples([{ text: 'Mail me at ana@example.org', label: 'a', row: 7 }]);
    expect(describePii(found)).toBe('1 email address in 1 row');
    expect(found.examples).toEqual([{ row: 7, text: 'Mail me at <email>' }]);
  });
});
