/**
 * The corrected CSV on the real files people's tools write (GB18030, Windows-1252, UTF-16LE TSV,
 * UTF-8 with BOM and CRLF, semicolons), the seeded-flips SMS file and the malformed fixtures: what
 * Sift reads back from the copy is what training with the decisions uses, and every byte outside
 * the decided rows is the original's.
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../tests/helpers/datasets';
import { applyLabelDecisions, type LabelDecision } from '../quality/labelDecisions';
import { writeCorrectedCsv } from './correctedCsv';
import { decodeBytes } from './decode';
import { loadDataset } from './load';
import type { Example, ReadOptions } from './types';

/** Texts and labels only: a dropped row shifts the row numbers of those after it. */
const pairs = (examples: readonly Example[]) => examples.map((e) => [e.text, e.label]);

function otherLabel(labels: string[], label: string): string {
  return labels.find((l) => l !== label) ?? label;
}

/**
 * The copy must read back as the decisions applied to the original, and its text must be the
 * original's minus the dropped records, with each relabelled record differing only where its
 * old label stood.
 */
function expectFaithful(original: Uint8Array, copy: Uint8Array, options: ReadOptions, decisions: LabelDecision[], encoding: string): void {
  const before = loadDataset(original, options);
  const after = loadDataset(copy, options);
  expect(after.encoding.name).toBe(encoding);
  expect(pairs(after.examples)).toEqual(pairs(applyLabelDecisions(before.examples, decisions).examples));

  const lines = (bytes: Uint8Array, name: string) => decodeBytes(bytes, name).text.split('\n');
  const was = lines(original, before.encoding.name);
  const now = lines(copy, encoding);
  const dropped = decisions.filter((d) => d.action === 'drop').length;
  expect(now.length).toBe(was.length - dropped); // every record in these files is one line
  const wasSet = new Set(was);
  const changed = now.filter((line) => !wasSet.has(line));
  expect(changed).toHaveLength(decisions.filter((d) => d.action === 'relabel').length);
  for (const line of changed) {
    const old = was.find((w) => sameExceptOneSpan(w, line));
    expect(old, `no original line differs from “${line}” in one place only`).toBeDefined();
  }
}

/** True when b is a with one contiguous stretch replaced (here: the label). */
function sameExceptOneSpan(a: string, b: string): boolean {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const oldPart = a.slice(start, a.length - end);
  const newPart = b.slice(start, b.length - end);
  return oldPart.length > 0 && newPart.length > 0 && !/[\n]/.test(oldPart + newPart);
}

describe('writeCorrectedCsv on files as people save them', () => {
  it.each([
    ['formats/waimai_10k.gb18030.csv', 'gb18030'],
    ['formats/rt_polarity.cp1252.csv', 'windows-1252'],
    ['formats/sms_spam.utf16le.tsv', 'utf-16le'],
    ['formats/thucnews_titles_dev.utf8bom-crlf.csv', 'utf-8'],
    ['formats/ag_news_test.semicolon.csv', 'utf-8'],
  ])('%s: same encoding (%s), decided rows changed, every other byte kept', (file, encoding) => {
    const bytes = readFixture(`datasets/${file}`);
    const { examples } = loadDataset(bytes);
    const labels = [...new Set(examples.map((e) => e.label))];
    const [a, b, c, , e] = examples.slice(10);
    const decisions: LabelDecision[] = [
      { row: a.row, given: a.label, action: 'relabel', label: otherLabel(labels, a.label) },
      { row: b.row, given: b.label, action: 'drop' },
      { row: c.row, given: c.label, action: 'keep' },
      { row: e.row, given: e.label, action: 'relabel', label: otherLabel(labels, e.label) },
      { row: examples.at(-1)?.row ?? 0, given: examples.at(-1)?.label ?? '', action: 'drop' },
    ];
    const copy = writeCorrectedCsv(bytes, {}, decisions);
    expect(copy).toMatchObject({ encoding, replacedEncoding: null, relabelled: 2, dropped: 2, stale: [] });
    // The byte-order mark (or its absence) stays, first of all.
    expect(Array.from(copy.bytes.subarray(0, 3))).toEqual(Array.from(bytes.subarray(0, 3)));
    expectFaithful(bytes, copy.bytes, {}, decisions, encoding);
  });

  it('relabelling every seeded flip of the noisy SMS file gives back the clean file’s examples', () => {
    const noisy = readFixture('datasets/sms_spam/sms_spam_noisy5.csv');
    const clean = loadDataset(readFixture('datasets/sms_spam/sms_spam.csv')).examples;
    const examples = loadDataset(noisy).examples;
    const decisions: LabelDecision[] = examples
      .filter((e, i) => e.label !== clean[i].label)
      .map((e) => ({ row: e.row, given: e.label, action: 'relabel', label: clean[e.row - 1].label }));
    expect(decisions).toHaveLength(278);
    const copy = writeCorrectedCsv(noisy, {}, decisions);
    expect(copy.relabelled).toBe(278);
    // Only labels changed: the copy is longer by one byte per ham → spam and shorter per spam → ham.
    const growth = decisions.reduce((n, d) => n + (d.action === 'relabel' ? d.label.length - d.given.length : 0), 0);
    expect(copy.bytes.length).toBe(noisy.length + growth);
    expect(pairs(loadDataset(copy.bytes).examples)).toEqual(pairs(clean));
  });

  it('writes UTF-8 with a BOM, and says so, when the file’s encoding cannot hold a new label', () => {
    const bytes = readFixture('datasets/formats/rt_polarity.cp1252.csv');
    const [a, b] = loadDataset(bytes).examples.slice(3);
    const decisions: LabelDecision[] = [
      { row: a.row, given: a.label, action: 'relabel', label: 'neutral ✓' },
      { row: b.row, given: b.label, action: 'drop' },
    ];
    const copy = writeCorrectedCsv(bytes, {}, decisions);
    expect(copy).toMatchObject({ encoding: 'utf-8', replacedEncoding: 'windows-1252', relabelled: 1, dropped: 1 });
    expect(Array.from(copy.bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expectFaithful(bytes, copy.bytes, {}, decisions, 'utf-8');
  });

  it('a label that needs quoting is quoted (RFC 4180), with the file’s delimiter', () => {
    const bytes = readFixture('datasets/formats/ag_news_test.semicolon.csv');
    const [a] = loadDataset(bytes).examples;
    const decisions: LabelDecision[] = [{ row: a.row, given: a.label, action: 'relabel', label: 'Sci; "Tech"' }];
    const copy = writeCorrectedCsv(bytes, {}, decisions);
    expect(new TextDecoder().decode(copy.bytes).split('\n')[1].startsWith('"Sci; ""Tech""";')).toBe(true);
    expectFaithful(bytes, copy.bytes, {}, decisions, 'utf-8');
  });

  it('follows the reading options the person chose (no header: row 1 is the header line)', () => {
    const bytes = readFixture('datasets/formats/rt_polarity.cp1252.csv');
    const options: ReadOptions = { hasHeader: false };
    const [first, second] = loadDataset(bytes, options).examples;
    expect(first).toMatchObject({ row: 1, text: 'text', label: 'label' });
    const decisions: LabelDecision[] = [
      { row: 1, given: 'label', action: 'drop' },
      { row: second.row, given: second.label, action: 'relabel', label: otherLabel(['pos', 'neg'], second.label) },
    ];
    const copy = writeCorrectedCsv(bytes, options, decisions);
    expect(copy).toMatchObject({ encoding: 'windows-1252', relabelled: 1, dropped: 1 });
    expectFaithful(bytes, copy.bytes, options, decisions, 'windows-1252');
  });
});

describe('writeCorrectedCsv on malformed files', () => {
  it('relabels rows with an unquoted comma in the text (joined back by the reader) at their real label field', () => {
    const bytes = readFixture('malformed/ragged_and_empty.csv');
    const examples = loadDataset(bytes).examples;
    const ragged = examples.filter((e) => e.row === 5 || e.row === 25);
    expect(ragged).toHaveLength(2);
    const decisions: LabelDecision[] = ragged.map((e) => ({ row: e.row, given: e.label, action: 'relabel', label: 'spam' }));
    const copy = writeCorrectedCsv(bytes, {}, decisions);
    expect(copy.relabelled).toBe(2);
    expectFaithful(bytes, copy.bytes, {}, decisions, 'utf-8');
  });

  it('rewrites a row whose quote never closes from its fields as read, properly quoted, leaving the rest', () => {
    const bytes = readFixture('malformed/unbalanced_quote.csv');
    const examples = loadDataset(bytes).examples;
    const broken = examples.filter((e) => e.row === 7 || e.row === 38);
    const decisions: LabelDecision[] = [
      ...broken.map((e): LabelDecision => ({ row: e.row, given: e.label, action: 'relabel', label: 'spam' })),
      { row: 8, given: examples[7].label, action: 'drop' },
    ];
    const copy = writeCorrectedCsv(bytes, {}, decisions);
    expect(copy).toMatchObject({ relabelled: 2, dropped: 1, stale: [] });
    const after = loadDataset(copy.bytes).examples;
    expect(pairs(after)).toEqual(pairs(applyLabelDecisions(examples, decisions).examples));
  });

  it('applies nothing for decisions that no longer match the file, and lists them', () => {
    const bytes = readFixture('malformed/ragged_and_empty.csv');
    const decisions: LabelDecision[] = [
      { row: 2, given: 'spam', action: 'drop' }, // row 2 is ham
      { row: 11, given: 'ham', action: 'drop' }, // row 11 has no label: skipped by the reader
      { row: 999, given: 'ham', action: 'drop' },
    ];
    const copy = writeCorrectedCsv(bytes, {}, decisions);
    expect(copy).toMatchObject({ relabelled: 0, dropped: 0, stale: [2, 11, 999] });
    expect(Buffer.from(copy.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});
