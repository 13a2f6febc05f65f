import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SiftError, type SiftErrorCode } from '@/core/errors';
import { loadDataset } from '@/core/dataset/load';
import type { LoadedDataset, ProblemCode } from '@/core/dataset/types';
import { readFixture, referenceExamples } from '../../../tests/helpers/datasets';

/** Runs loadDataset and returns the SiftError it throws (failing on anything else). */
function loadError(bytes: Uint8Array, options = {}): { code: SiftErrorCode; message: string } {
  try {
    loadDataset(bytes, options);
  } catch (e) {
    if (e instanceof SiftError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected loadDataset to throw a SiftError');
}

const problemsOf = (loaded: LoadedDataset) => loaded.report.problems.map((p) => ({ code: p.code, rows: p.rows }));

describe('files that cannot be read as labelled texts (tests/fixtures/malformed)', () => {
  it.each<[string, SiftErrorCode, RegExp]>([
    ['empty.csv', 'EMPTY_FILE', /empty/],
    ['header_only.csv', 'HEADER_ONLY', /header \(text, label\) but no rows/],
    ['image_renamed.csv', 'BINARY_FILE', /looks like a PNG image, not a CSV file/],
    ['random_bytes.csv', 'BINARY_FILE', /binary data/],
    ['sms_spam.json', 'NOT_TABULAR', /looks like JSON/],
  ])('%s → %s', (file, code, message) => {
    const error = loadError(readFixture(`malformed/${file}`));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('files with problems that are reported, not thrown', () => {
  it('unbalanced quotes: both rows reported, the other rows survive intact', () => {
    const loaded = loadDataset(readFixture('malformed/unbalanced_quote.csv'));
    expect(problemsOf(loaded).filter((p) => p.code === 'UNBALANCED_QUOTES')).toEqual([{ code: 'UNBALANCED_QUOTES', rows: [7, 38] }]);
    const message = loaded.report.problems.find((p) => p.code === 'UNBALANCED_QUOTES')?.message;
    expect(message).toContain('rows 7 (line 8) and 38 (line 39)');
    const source = referenceExamples('datasets/sms_spam/sms_spam.csv').slice(0, 40);
    expect(loaded.examples.length).toBe(40);
    expect(loaded.examples.map((e) => e.label)).toEqual(source.map((e) => e.label));
    // The fixture turned " into ' in the texts; the two broken rows keep their stray quote.
    const sourceTexts = source.map((e, i) => {
      const text = e.text.replace(/"/g, "'");
      return i === 6 || i === 37 ? `"${text}` : text;
    });
    expect(loaded.examples.map((e) => e.text)).toEqual(sourceTexts);
  });

  it('ragged rows and empty cells: skipped or repaired, each with its rows', () => {
    const loaded = loadDataset(readFixture('malformed/ragged_and_empty.csv'));
    expect(problemsOf(loaded)).toEqual([
      { code: 'EMPTY_TEXT', rows: [20] },
      { code: 'EMPTY_LABEL', rows: [14] },
      { code: 'RAGGED_ROW', rows: [5, 25] },
      { code: 'RAGGED_ROW', rows: [11] },
    ]);
    expect(loaded.report.totalRows).toBe(30);
    expect(loaded.report.skippedRows).toBe(3);
    expect(loaded.report.usableExamples).toBe(27);
    const byRow = new Map(loaded.examples.map((e) => [e.row, e]));
    expect(byRow.get(5)?.text).toBe('Nah I dont think he goes to usf, he lives around here though');
    expect(byRow.get(25)).toEqual({ row: 25, text: 'Sorry, I will call later', label: 'ham' });
    expect([11, 14, 20].map((r) => byRow.has(r))).toEqual([false, false, false]);
    const empty = loaded.report.problems.find((p) => p.code === 'EMPTY_LABEL');
    expect(empty?.message).toBe(
      'The label (column "label") is empty in row 14 (line 15); that row was skipped. Add the label or delete the row.',
    );
  });

  it('ragged rows, text column first: the label column holds the label, and the warnings say what was done', () => {
    const loaded = loadDataset(readFixture('malformed/ragged_text_first.csv'));
    const source = referenceExamples('datasets/sms_spam/sms_spam.csv').slice(200, 230);
    const trailing = [3, 6, 9, 12, 15, 18, 21, 24, 27, 30];
    const ragged = loaded.report.problems.filter((p) => p.code === 'RAGGED_ROW');
    expect(ragged.map((p) => p.rows)).toEqual([[4, 17], trailing]);
    expect(loaded.examples).toHaveLength(30);
    // Every row keeps its real label: none becomes "web" or a date.
    expect(loaded.examples.map((e) => e.label)).toEqual(source.map((e) => e.label));
    const byRow = new Map(loaded.examples.map((e) => [e.row, e]));
    expect(byRow.get(3)?.text).toBe(source[2].text.replace(/"/g, "'"));
    expect(byRow.get(4)?.text).toMatch(/ - sent from my phone, ok$/);
    const [joined, leftOut] = ragged.map((p) => p.message);
    expect(joined).toMatch(/^Rows 4 \(line 5\) and 17 \(line 18\) have more than 2 fields; Sift joined the extra fields into the text/);
    expect(leftOut).toMatch(/^Rows 3 \(line 4\), 6 \(line 7\).* and 5 more have more than 2 fields, with a known label in the label column "label": Sift kept that label and left out the extra fields after it/);
  });

  it('ragged rows, label column first: the label stays in place and every extra field joins the text', () => {
    const loaded = loadDataset(readFixture('malformed/ragged_label_first.csv'));
    const source = referenceExamples('datasets/sms_spam/sms_spam.csv').slice(200, 230);
    expect(loaded.columns[loaded.textColumn]).toBe('text');
    const ragged = loaded.report.problems.filter((p) => p.code === 'RAGGED_ROW');
    expect(ragged.map((p) => p.rows)).toEqual([[3, 4, 6, 9, 12, 15, 17, 18, 21, 24, 27, 30]]);
    expect(ragged[0].message).toMatch(/Sift joined the extra fields into the text/);
    expect(loaded.examples.map((e) => e.label)).toEqual(source.map((e) => e.label));
    const byRow = new Map(loaded.examples.map((e) => [e.row, e]));
    expect(byRow.get(3)?.text).toBe(`${source[2].text.replace(/"/g, "'").replace(/,/g, '')}, really, truly`);
    expect(byRow.get(17)?.text).toMatch(/ - sent from my phone, ok$/);
  });

  it('a single class: reported as an error, not trainable', () => {
    const loaded = loadDataset(readFixture('malformed/single_class.csv'));
    const single = loaded.report.problems.find((p) => p.code === 'SINGLE_CLASS');
    expect(single?.severity).toBe('error');
    expect(single?.message).toMatch(/same label "ham".*cannot train/);
    expect(loaded.report.trainable).toBe(false);
    expect(loaded.report.classes).toEqual([{ label: 'ham', count: 25 }]);
  });

  it('label variants, duplicates and conflicting labels', () => {
    const loaded = loadDataset(readFixture('malformed/label_variants_duplicates.csv'));
    const codes: ProblemCode[] = loaded.report.problems.map((p) => p.code);
    expect(codes).toEqual(['RARE_CLASS', 'LABEL_VARIANTS', 'CONFLICTING_LABELS', 'DUPLICATE_TEXT', 'IMBALANCED_CLASSES']);
    const variants = loaded.report.problems.find((p) => p.code === 'LABEL_VARIANTS');
    expect(variants?.rows).toEqual([3, 9, 12]);
    expect(variants?.message).toMatch(/^"spam" \(\d+ rows\), "Spam" \(2 rows\) and "SPAM" \(1 row\) look like the same label/);
    // ' spam' was trimmed silently into 'spam'.
    expect(loaded.examples.find((e) => e.row === 10)?.label).toBe('spam');
    expect(loaded.report.problems.find((p) => p.code === 'RARE_CLASS')?.rows).toEqual([12]);
    expect(loaded.report.duplicateTexts).toBe(3);
    expect(loaded.report.problems.find((p) => p.code === 'DUPLICATE_TEXT')?.rows).toEqual([41, 42, 43]);
    expect(loaded.report.conflictingTexts).toBe(1);
    const conflict = loaded.report.problems.find((p) => p.code === 'CONFLICTING_LABELS');
    expect(conflict?.rows).toEqual([4, 42]);
    expect(conflict?.message).toContain('("ham" and "spam") in rows 4 (line 5) and 42 (line 43)');
    expect(loaded.report.trainable).toBe(true);
  });
});

describe('generated edge cases', () => {
  const sms = referenceExamples('datasets/sms_spam/sms_spam.csv');
  const encode = (s: string) => new TextEncoder().encode(s);
  const csvRow = (text: string, label: string) => `"${text.replace(/"/g, '""')}",${label}\n`;

  it('a 5 MB field is read, flagged, and does not hang', () => {
    const huge = Array.from({ length: 70_000 }, (_, i) => sms[i % sms.length].text).join(' ').slice(0, 5_000_000);
    const rows = sms.slice(0, 10).map((e) => csvRow(e.text, e.label));
    rows.splice(3, 0, csvRow(huge, 'spam'));
    const loaded = loadDataset(encode(`text,label\n${rows.join('')}`));
    expect(loaded.examples.length).toBe(11);
    expect(loaded.examples[3].text).toBe(huge.trim());
    const flag = loaded.report.problems.find((p) => p.code === 'HUGE_FIELD');
    expect(flag?.rows).toEqual([4]);
    expect(flag?.message).toContain('Row 4 (line 5) has a text of more than 100,000 characters (up to 5,000,000)');
    expect(loaded.report.lengths.max).toBeGreaterThan(500_000);
    expect(loaded.report.suggestedSequenceLength).toBeLessThanOrEqual(1024);
  });

  it.each<[string, () => Uint8Array, RegExp]>([
    ['an Excel file (a ZIP archive)', () => zipSync({ 'xl/workbook.xml': encode('<workbook/>') }), /ZIP archive \(an Excel \.xlsx/],
    ['a gzip-compressed CSV', () => gzipSync(readFixture('datasets/trec/trec_test.csv')), /gzip-compressed/],
  ])('%s is named as what it is', (_, make, message) => {
    const error = loadError(make());
    expect(error.code).toBe('BINARY_FILE');
    expect(error.message).toMatch(message);
  });

  it('a 5 MB line with no delimiter is one column: NOT_TABULAR', () => {
    expect(loadError(encode('x'.repeat(5_000_000))).code).toBe('NOT_TABULAR');
  });

  it('rows with no text or label at all: NO_EXAMPLES', () => {
    const error = loadError(encode('text,label,source\n,,web\n,,mail\n'));
    expect(error.code).toBe('NO_EXAMPLES');
    expect(error.message).toContain('None of the 2 rows');
  });

  it('a class with one example is flagged with its row', () => {
    const body = sms.slice(0, 12).map((e, i) => csvRow(e.text, i === 9 ? 'promo' : e.label)).join('');
    const loaded = loadDataset(encode(`text,label\n${body}`));
    const rare = loaded.report.problems.find((p) => p.code === 'RARE_CLASS');
    expect(rare?.rows).toEqual([10]);
    expect(rare?.message).toContain('"promo" (row 10 (line 11))');
    expect(loaded.report.trainable).toBe(true);
  });

  it('a label column with a value per row is questioned (MANY_CLASSES)', () => {
    const body = sms.slice(0, 40).map((e, i) => csvRow(e.text, `user${i}`)).join('');
    const loaded = loadDataset(encode(`text,label\n${body}`));
    expect(loaded.report.problems.map((p) => p.code)).toContain('MANY_CLASSES');
  });

  it('more labels than a model file holds, or a label longer than one: an error before training, not after', () => {
    const many = loadDataset(encode(`text,label\n${sms.slice(0, 2100).map((e, i) => csvRow(e.text, `user${i}`)).join('')}`));
    expect(many.report.problems[0]).toMatchObject({ code: 'MANY_CLASSES', severity: 'error', count: 2100 });
    expect(many.report.problems[0].message).toMatch(/2,100 different values; a Sift model holds at most 2,000 labels/);
    expect(many.report.trainable).toBe(false);
    const long = loadDataset(encode(`text,label\n${sms.slice(0, 30).map((e, i) => csvRow(e.text, i === 3 ? e.text.padEnd(1001, '!') : e.label)).join('')}`));
    expect(long.report.problems[0]).toMatchObject({ code: 'LONG_LABEL', severity: 'error' });
    expect(long.report.problems[0].message).toMatch(/^1 label of the column "label" is longer than 1,000 characters \(up to 1,001\)/);
    expect(long.report.trainable).toBe(false);
  });
});

describe('overrides', () => {
  // The first 300 lines of the id,category,title file: enough for inference, quick to re-read.
  const full = readFixture('datasets/formats/thucnews_titles_dev.utf8bom-crlf.csv');
  let end = 0;
  for (let line = 0; line < 300; line++) end = full.indexOf(0x0a, end) + 1;
  const bytes = full.subarray(0, end);

  it.each<[object, SiftErrorCode, RegExp]>([
    [{ encoding: 'klingon' }, 'INVALID_OPTION', /Unknown encoding "klingon"/],
    [{ textColumn: 'body' }, 'UNKNOWN_COLUMN', /no text column "body". The columns are 0: "id", 1: "category", 2: "title"/],
    [{ labelColumn: 7 }, 'UNKNOWN_COLUMN', /no label column number 7/],
    [{ textColumn: 'title', labelColumn: 2 }, 'SAME_COLUMN', /both "title"/],
  ])('%j → %s', (options, code, message) => {
    const error = loadError(bytes, options);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('columns by name (any case) or index; the other column is still inferred', () => {
    const byName = loadDataset(bytes, { textColumn: 'TITLE', labelColumn: 'Category' });
    expect([byName.textColumn, byName.labelColumn]).toEqual([2, 1]);
    expect(byName.columnReason).toContain('you chose it');
    const onlyLabel = loadDataset(bytes, { labelColumn: 1 });
    expect(onlyLabel.textColumn).toBe(2);
  });

  it('delimiter and header can be forced', () => {
    const loaded = loadDataset(readFixture('datasets/trec/trec_test.csv'), { hasHeader: false, delimiter: ',' });
    expect(loaded.hasHeader).toBe(false);
    expect(loaded.report.totalRows).toBe(501);
    expect(loaded.examples[0]).toEqual({ text: 'text', label: 'label', row: 1 });
    expect(loadError(readFixture('datasets/trec/trec_test.csv'), { delimiter: ';' }).code).toBe('NOT_TABULAR');
  });
});
