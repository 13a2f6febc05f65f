/**
 * Every problem the data check can raise, said by the page from the engine's facts: in English
 * word for word the engine's (CLI) sentence, in Chinese with no key left untranslated.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import type { Problem, ProblemFacts } from '@/core/dataset/types';
import { readFixture, referenceExamples } from '../../../tests/helpers/datasets';
import { i18n } from '../i18n';
import { problemMessage } from './problemMessage';

const encode = (s: string) => new TextEncoder().encode(s);
const csvRow = (text: string, label: string) => `"${text.replace(/"/g, '""')}",${label}\n`;
const sms = referenceExamples('datasets/sms_spam/sms_spam.csv');

/** Files that, between them, raise every kind of problem. */
function everyProblem(): Problem[] {
  const files: Uint8Array[] = [
    ...['unbalanced_quote', 'ragged_and_empty', 'ragged_text_first', 'ragged_label_first', 'single_class', 'label_variants_duplicates'].map((f) => readFixture(`malformed/${f}.csv`)),
    readFixture('datasets/thucnews_titles/thucnews_titles_test.csv'),
    readFixture('datasets/sms_spam/sms_spam.csv'),
    // One rare label; then seven (five named, "and 2 more").
    encode(`text,label\n${sms.slice(0, 12).map((e, i) => csvRow(e.text, i === 9 ? 'promo' : e.label)).join('')}`),
    encode(`text,label\n${sms.slice(0, 30).map((e, i) => csvRow(e.text, i < 7 ? `only${i}` : e.label)).join('')}`),
    // A value per row; more labels than a model holds; a label longer than one holds.
    encode(`text,label\n${sms.slice(0, 40).map((e, i) => csvRow(e.text, `user${i}`)).join('')}`),
    encode(`text,label\n${sms.slice(0, 2100).map((e, i) => csvRow(e.text, `user${i}`)).join('')}`),
    encode(`text,label\n${sms.slice(0, 30).map((e, i) => csvRow(e.text, i === 3 || i === 5 ? e.text.padEnd(1001 + i, '!') : e.label)).join('')}`),
    // A 150,000-character text; UTF-8 cut in the middle of a character; a tiny GB18030 file (a guess).
    encode(`text,label\n${sms.slice(0, 10).map((e, i) => csvRow(i === 2 ? e.text.repeat(2000).slice(0, 150_000) : e.text, e.label)).join('')}`),
    readFixture('datasets/thucnews_titles/thucnews_titles_dev.csv').subarray(0, 20_000),
    (() => {
      const gb = readFixture('datasets/formats/waimai_10k.gb18030.csv');
      return gb.subarray(0, gb.indexOf(0x0a, gb.indexOf(0x0a) + 1) + 1);
    })(),
  ];
  return files.flatMap((bytes) => loadDataset(bytes).report.problems);
}

const problems = everyProblem();
/** Thousands separators aside (the CLI writes row numbers without them). */
const digits = (s: string) => s.replace(/(\d),(?=\d{3}\b)/g, '$1');

describe('the data check’s problems on the page', () => {
  it('cover every kind the engine raises', () => {
    const kinds = new Set(problems.map((p) => p.facts.kind));
    const all: ProblemFacts['kind'][] = [
      'empty-text', 'empty-label', 'ragged-joined', 'ragged-left-out', 'ragged-too-few', 'unbalanced-quotes', 'single-class', 'rare-classes', 'label-variants',
      'duplicates', 'conflicting', 'too-many-classes', 'long-labels', 'many-classes', 'imbalanced', 'huge-fields', 'broken-utf8', 'unsure-encoding',
    ];
    expect(all.filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('say in English exactly what the CLI says', () => {
    const t = i18n.getFixedT('en');
    // The page names an encoding as its menu does ("Windows-1252"), the CLI by its label ("windows-1252").
    const same = (p: Problem, s: string) => (p.facts.kind === 'unsure-encoding' ? digits(s).toLowerCase() : digits(s));
    for (const p of problems) expect(same(p, problemMessage(t, p)), p.code).toBe(same(p, p.message));
  });

  it('say it all in Chinese', () => {
    const t = i18n.getFixedT('zh-CN');
    for (const p of problems) {
      const text = problemMessage(t, p);
      expect(text, p.code).not.toMatch(/data\.problems|\{\{|\b(row|rows|the|and|more)\b/);
      expect(text, p.code).toMatch(/[\u4e00-\u9fff]/);
    }
    const duplicates = problems.find((p) => p.facts.kind === 'duplicates' && p.facts.rows.total > 5)!;
    expect(problemMessage(t, duplicates)).toMatch(/^有 [\d,]+ 行重复了文件前面出现过的文本（第 [\d,]+ 行（文件第 [\d,]+ 行）(、第 [\d,]+ 行（文件第 [\d,]+ 行）){4}，另有 [\d,]+ 行）。/);
  });
});
