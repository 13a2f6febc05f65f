import { describe, expect, it } from 'vitest';
import { decodeBytes } from '@/core/dataset/decode';
import { detectHeader } from '@/core/dataset/header';
import { loadDataset } from '@/core/dataset/load';
import { detectDelimiter, detectLinebreak, parseRows } from '@/core/dataset/parse';
import type { Delimiter } from '@/core/dataset/types';
import { readFixture, referenceExamples } from '../../../tests/helpers/datasets';

const sms = referenceExamples('datasets/sms_spam/sms_spam.csv').slice(0, 200);
const utf16le = readFixture('datasets/formats/sms_spam.utf16le.tsv');

/** Writes examples the way a given tool would: delimiter, line break, quoting only when needed. */
function write(examples: { text: string; label: string }[], delimiter: Delimiter, linebreak: string, header = true): string {
  const quote = (s: string) => (/[",;\t|\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = examples.map((e) => `${quote(e.text)}${delimiter}${quote(e.label)}`);
  return (header ? [`text${delimiter}label`, ...lines] : lines).join(linebreak) + linebreak;
}

describe('line breaks and delimiters', () => {
  it.each<[string, Delimiter, string]>([
    ['comma, LF', ',', '\n'],
    ['comma, CRLF', ',', '\r\n'],
    ['comma, CR (old Mac)', ',', '\r'],
    ['semicolon, CRLF', ';', '\r\n'],
    ['tab, LF', '\t', '\n'],
    ['pipe, LF', '|', '\n'],
  ])('%s: detected, same texts and labels', (_, delimiter, linebreak) => {
    const text = write(sms, delimiter, linebreak);
    expect(detectLinebreak(text)).toBe(linebreak);
    expect(detectDelimiter(text).delimiter).toBe(delimiter);
    const loaded = loadDataset(new TextEncoder().encode(text));
    expect(loaded.delimiter).toBe(delimiter);
    expect(loaded.examples.map((e) => [e.text, e.label])).toEqual(sms.map((e) => [e.text, e.label]));
  });

  it('Excel style: CRLF between rows, bare LF inside quoted cells', () => {
    const news = referenceExamples('datasets/20newsgroups/20ng_train_head.csv').slice(0, 30);
    const text = write(news, ',', '\r\n');
    expect(detectLinebreak(text)).toBe('\r\n');
    const loaded = loadDataset(new TextEncoder().encode(text));
    expect(loaded.examples.map((e) => e.text)).toEqual(news.map((e) => e.text));
  });

  it('mixed CRLF and LF line breaks (files pieced together) still give one row per line', () => {
    const crlf = write(sms.slice(0, 30), ',', '\r\n');
    const lf = write(sms.slice(30, 60), ',', '\n', false);
    const loaded = loadDataset(new TextEncoder().encode(crlf + lf));
    expect(loaded.examples.map((e) => [e.text, e.label])).toEqual(sms.slice(0, 60).map((e) => [e.text, e.label]));
    expect(loaded.preview[0][1]).toBe('ham');
    expect(loaded.report.problems.filter((p) => p.code === 'RAGGED_ROW')).toEqual([]);
  });

  it('honours an Excel "sep=;" first line and does not take it for the header', () => {
    const text = `sep=;\r\n${write(sms.slice(0, 50), ';', '\r\n')}`;
    const loaded = loadDataset(new TextEncoder().encode(text));
    expect(loaded.delimiter).toBe(';');
    expect(loaded.columns).toEqual(['text', 'label']);
    expect(loaded.examples.map((e) => e.text)).toEqual(sms.slice(0, 50).map((e) => e.text));
  });

  it('CRLF with quoted last fields and a quoted CRLF inside a cell', () => {
    const { rows, rowLines, quoteProblems } = parseRows('text,label\r\n"a, b","x y"\r\n"multi\r\nline","z"\r\nplain,w\r\n', ',');
    expect(rows).toEqual([['text', 'label'], ['a, b', 'x y'], ['multi\r\nline', 'z'], ['plain', 'w']]);
    expect(rowLines).toEqual([1, 2, 3, 5]);
    expect(quoteProblems).toEqual([]);
  });

  it('skips blank lines and ",,," rows without counting them, but line numbers still count them', () => {
    const text = 'text,label\n\nhello there,a\n,,\n\r\ngood bye,b\n\n';
    const { rows, rowLines } = parseRows(text, ',');
    expect(rows).toEqual([['text', 'label'], ['hello there', 'a'], ['good bye', 'b']]);
    expect(rowLines).toEqual([1, 3, 6]);
  });
});

describe('header detection', () => {
  const rows = sms.map((e) => [e.text, e.label]);
  it.each<[string, string[][], boolean]>([
    ['known names', [['text', 'label'], ...rows], true],
    ['known names in Chinese', [['评论', '标签'], ...rows], true],
    ['a phrase containing a known name', [['Headline and summary', 'Topic'], ...rows], true],
    ['unknown but name-like', [['msg', 'kind'], ...rows], true],
    ['no header', rows, false],
    ['a label value that is also a column name', [['Is it a question?', 'question'], ['What is it ?', 'question'], ['Why not ?', 'question'], ['Tell me.', 'statement']], false],
    ['numbers only', [['1', '2'], ['3', '4'], ['5', '6']], false],
    ['a lone header row', [['text', 'label']], true],
    ['a lone data row', [['I will call you later, I promise.', 'ham']], false],
  ])('%s → %s', (_, table, expected) => {
    expect(detectHeader(table).hasHeader).toBe(expected);
  });
});

describe('decoding', () => {
  const expectedFirst = 'Go until jurong point, crazy.. Available only in bugis n great world la e buffet... Cine there got amore wat...';

  it('UTF-16BE with BOM', () => {
    const be = new Uint8Array(utf16le.length);
    for (let i = 0; i + 1 < utf16le.length; i += 2) {
      be[i] = utf16le[i + 1];
      be[i + 1] = utf16le[i];
    }
    const decoded = decodeBytes(be);
    expect(decoded.encoding).toEqual({ name: 'utf-16be', source: 'bom', confidence: 1 });
    expect(decoded.text.startsWith('text\tlabel\r\n')).toBe(true);
  });

  it('UTF-16LE without BOM is detected, not rejected as binary', () => {
    const loaded = loadDataset(utf16le.subarray(2));
    expect(loaded.encoding.name).toBe('utf-16le');
    expect(loaded.encoding.source).toBe('detected');
    expect(loaded.examples[0].text).toBe(expectedFirst);
    expect(loaded.examples.length).toBe(5574);
  });

  it('UTF-8 cut in the middle of a character is still UTF-8, not a legacy encoding', () => {
    const thucnews = readFixture('datasets/thucnews_titles/thucnews_titles_dev.csv');
    const cut = thucnews.subarray(0, 20_000);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cut)).toThrow();
    const decoded = decodeBytes(cut);
    expect(decoded.encoding.name).toBe('utf-8');
    expect(decoded.encoding.source).toBe('detected');
    expect(decoded.text.startsWith('text,label\n塑造男人 六款硬汉专用全金属手机推荐,science\n')).toBe(true);
    const warning = loadDataset(cut).report.problems.find((p) => p.code === 'LOW_CONFIDENCE_ENCODING');
    expect(warning?.message).toContain('UTF-8 except for a few broken bytes');
  });

  it('a whitespace-only file is empty', () => {
    expect(() => decodeBytes(new TextEncoder().encode(' \n\r\n\t\n'))).toThrow(/empty/);
  });

  it('an override wins over the byte-order mark and the label is canonicalised', () => {
    const decoded = decodeBytes(new TextEncoder().encode('text,label\ncafé,a\n'), 'latin1');
    expect(decoded.encoding).toEqual({ name: 'windows-1252', source: 'user', confidence: 1 });
    expect(decoded.text).toContain('cafÃ©');
  });

  it('a JSON Lines file is not a table', () => {
    const lines = sms.slice(0, 5).map((e) => JSON.stringify(e)).join('\n');
    expect(() => loadDataset(new TextEncoder().encode(lines))).toThrow(/looks like JSON/);
  });

  it('a CSV whose first text starts with a bracket is still a CSV', () => {
    const text = write([{ text: '[URGENT] call now', label: 'spam' }, ...sms.slice(0, 20)], ',', '\n', false);
    expect(loadDataset(new TextEncoder().encode(text)).examples[0].text).toBe('[URGENT] call now');
  });
});
