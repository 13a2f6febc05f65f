/**
 * What the page says about personal data in the data check, and the export dialog's choice of
 * weight formats, rendered to HTML in Node from real engine output.
 */
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import { trecModel } from '../../tests/helpers/testModel';
import { PersonalData } from './data/PersonalData';
import { i18n } from './i18n';
import { describeChoice, ExportDialog } from './model/ExportDialog';

const sms = loadDataset(new Uint8Array(readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv')));

describe('the data check on personal data', () => {
  it('counts what will be masked and shows examples with it masked, never the numbers themselves', () => {
    const html = renderToStaticMarkup(<PersonalData pii={sms.report.pii} maskPii />);
    expect(html).toMatch(/[\d,]+ phone numbers, [\d,]+ other long numbers and [\d,]+ email addresses in [\d,]+ rows will be masked/);
    expect(html).toContain('aria-label="Examples, with the personal data masked"');
    expect(html).toContain('&lt;phone&gt;');
    expect(html).not.toMatch(/\d{7}/);
  });

  it('says they will be kept when masking is turned off', () => {
    const html = renderToStaticMarkup(<PersonalData pii={sms.report.pii} maskPii={false} />);
    expect(html).toMatch(/in [\d,]+ rows will be <strong>kept<\/strong>: masking is turned off/);
  });

  it('says when there is none', () => {
    const html = renderToStaticMarkup(<PersonalData pii={{ ...sms.report.pii, total: 0, rows: 0, examples: [] }} maskPii />);
    expect(html).toContain('no e-mail addresses, phone, card or ID numbers found');
  });
});

describe('the export dialog', () => {
  const { manifest } = trecModel();
  const { vocabulary, ...rest } = manifest;
  const summary = { ...rest, vocabularySize: vocabulary.length, bundleFileName: 'TREC-questions.sift.zip' };
  const metrics = manifest.metrics.validation!;
  const choices = [
    { format: 'float32' as const, bytes: 4_540_000, metrics },
    { format: 'float16' as const, bytes: 2_300_000, metrics },
    { format: 'uint8' as const, bytes: 880_000, metrics: { ...metrics, accuracy: 0.812 } },
  ];

  it('offers each format with its size and its accuracy as loaded back, the trained one chosen', () => {
    const html = renderToStaticMarkup(<ExportDialog model={summary} formats={{ status: 'measured', choices }} onClose={() => {}} />);
    expect(html).toContain('<legend>How the file stores the weights</legend>');
    for (const c of choices) expect(html).toContain(describeChoice(i18n.t, c));
    expect(describeChoice(i18n.t, choices[2])).toBe('859 KB · validation accuracy 81.2% as loaded back');
    expect(html).toMatch(/id="export-format-uint8"[^>]*checked=""/);
    expect(html).toContain('(as trained: the figures on this page)');
  });

  it('says so while measuring, and offers the one format of a model opened from a file', () => {
    expect(renderToStaticMarkup(<ExportDialog model={summary} formats={{ status: 'measuring' }} onClose={() => {}} />)).toMatch(/Measuring each weight format/);
    const opened = renderToStaticMarkup(<ExportDialog model={summary} formats={{ status: 'measured', choices: null }} onClose={() => {}} />);
    expect(opened).toMatch(/This model(&#x27;|')s file stores its weights as uint8\./);
    expect(opened).not.toContain('type="radio"');
  });
});
