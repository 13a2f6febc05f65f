import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';

const dir = new URL('../../../tests/fixtures/datasets/sms_spam/', import.meta.url);
const read = (name: string) => loadDataset(new Uint8Array(readFileSync(new URL(name, dir))));

/** The seeded-flips copy of SMS spam: what make_noisy.py flipped is what Sift reads as changed. */
describe('sms_spam_noisy5.csv', () => {
  it('differs from sms_spam.csv in exactly the listed rows, by label only, under Sift\'s row numbers', () => {
    const original = read('sms_spam.csv');
    const noisy = read('sms_spam_noisy5.csv');
    const flipped = readFileSync(new URL('sms_spam_noisy5_flipped.txt', dir), 'utf8').split(/\s+/).filter(Boolean).map(Number);
    expect(flipped).toHaveLength(278);
    expect(noisy.examples).toHaveLength(original.examples.length);
    const changed = noisy.examples.filter((e, i) => e.label !== original.examples[i].label).map((e) => e.row);
    expect(changed).toEqual(flipped);
    noisy.examples.forEach((e, i) => expect(e.text).toBe(original.examples[i].text));
  });
});
