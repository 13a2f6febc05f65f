/**
 * Panels rendered to HTML in Node (react-dom/server; no DOM library needed) from real engine
 * output: what a person and a screen reader would get for a given state.
 */
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from '@/app/App';
import { loadDataset } from '@/core/dataset/load';
import { computeMetrics } from '@/core/model/metrics';
import type { EpochLog } from '@/core/model/types';
import { ErrorMessage } from './common/ErrorMessage';
import { ParseProgress } from './data/ParseProgress';
import { DataCheck } from './data/DataCheck';
import { PreviewTable } from './data/PreviewTable';
import { ReadOptionsForm } from './data/ReadOptionsForm';
import { ConfusionMatrix } from './evaluate/ConfusionMatrix';
import { MetricChart } from './train/MetricChart';
import { describeOdds, describePush } from './try/TryPanel';

const sms = readFileSync('public/samples/sms_spam.csv');


describe('App', () => {
  it('opens on an empty workspace: a drop zone, a file button, the samples, every step', () => {
    const html = renderToStaticMarkup(<App />);
    expect(html).toContain('Drop a CSV or TSV file here');
    expect(html).toContain('Choose a file');
    expect(html).toContain('Try a sample: SMS spam (English)');
    expect(html).toContain('Try a sample: News titles (Chinese)');
    for (const step of ['Data', 'Settings', 'Train', 'Evaluate', 'Try it']) expect(html).toContain(`>${step}</h2>`);
    expect(html).toContain('No model yet');
  });
});

describe('reading a big file', () => {
  const job = { fileName: 'ag_news_test.csv', byteLength: 1_843_790, startedAt: 0 };
  it('shows a working bar until the engine reports, then how far it is, with Cancel', () => {
    const waiting = renderToStaticMarkup(<ParseProgress job={{ ...job, progress: null }} />);
    expect(waiting).toMatch(/<progress[^>]*aria-label="Reading ag_news_test.csv"/);
    expect(waiting).not.toMatch(/<progress[^>]*value=/);
    const html = renderToStaticMarkup(<ParseProgress job={{ ...job, progress: { stage: 'checking', fraction: 0.42 } }} />);
    expect(html).toMatch(/<progress[^>]*value="0.42"/);
    expect(html).toContain('Checking the data, 42%');
    expect(html).toContain('>Cancel</button>');
  });
});

describe('reading a file', () => {
  it('shows how the file was read (each choice changeable) and a preview', () => {
    const { examples, ...rest } = loadDataset(new Uint8Array(sms));
    const summary = { ...rest, fileName: 'sms_spam.csv', byteLength: sms.byteLength, exampleCount: examples.length };
    const parsed = { source: { bytes: new Uint8Array(sms), fileName: 'sms_spam.csv', options: {} }, summary };
    const html = renderToStaticMarkup(
      <>
        <ReadOptionsForm parsed={parsed} disabled={false} />
        <PreviewTable summary={summary} />
      </>,
    );
    expect(html).toContain('Preview: the first 8 rows of sms_spam.csv');
    expect(html).toContain('<option value="utf-8" selected="">UTF-8</option>');
    expect(html).toContain('<option value="," selected="">Comma (,)</option>');
    for (const id of ['read-encoding', 'read-delimiter', 'read-header', 'read-text-column', 'read-label-column']) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('Go until jurong point');
    expect(html).toContain(escape(summary.columnReason));
  });
});

describe('DataCheck', () => {
  it('lists classes with counts and the engine’s problems in words', () => {
    const bytes = new Uint8Array(readFileSync('tests/fixtures/malformed/label_variants_duplicates.csv'));
    const { report } = loadDataset(bytes);
    const html = renderToStaticMarkup(<DataCheck report={report} />);
    expect(html).toContain('aria-labelledby="class-bars-caption"');
    for (const c of report.classes) expect(html).toContain(`>${c.label}</span>`);
    expect(report.problems.length).toBeGreaterThan(0);
    for (const p of report.problems) expect(html).toContain(escape(p.message));
  });
});

describe('MetricChart', () => {
  it('has a name and a table of every epoch for screen readers', () => {
    const epochs: EpochLog[] = [1, 2].map((epoch) => ({ epoch, loss: 1 / epoch, accuracy: 0.5 + epoch / 10, valLoss: 1.1 / epoch, valAccuracy: 0.5, examplesPerSecond: 1, seconds: 1 }));
    const html = renderToStaticMarkup(<MetricChart metric="accuracy" batches={[]} epochs={epochs} markers={[]} xMax={2} />);
    expect(html).toContain('<caption>Accuracy by epoch</caption>');
    expect(html.match(/<th scope="row">/g)).toHaveLength(2);
    expect(html).toContain('70.0%');
    expect(html).toContain('aria-hidden="true"');
  });
});

describe('ConfusionMatrix', () => {
  it('gives the counts as a table too', () => {
    const metrics = computeMetrics(Int32Array.from([0, 0, 1, 1, 1]), Int32Array.from([0, 1, 1, 1, 0]), ['ham', 'spam']);
    const html = renderToStaticMarkup(<ConfusionMatrix metrics={metrics} title="Validation" />);
    expect(html).toContain('Validation confusion matrix: true class by row, predicted class by column');
    expect(html).toMatch(/<th scope="row">spam<\/th><td class="num">1<\/td><td class="num">2<\/td>/);
  });
});

describe('ErrorMessage', () => {
  it('shows the message, the code and where', () => {
    const html = renderToStaticMarkup(<ErrorMessage title="Could not read x.csv" error={{ code: 'HEADER_ONLY', message: 'Only a header.', row: 3 }} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('<code>HEADER_ONLY</code>');
    expect(html).toContain('row 3');
  });
});

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

describe('a word’s push (a change in log-odds) in words', () => {
  it.each([
    [3.1, 'strong', 'Without this word the odds fall 22 times'],
    [-2.4, 'strong', 'Without this word the odds rise 11 times'],
    [0.8, 'clear', 'Without this word the odds fall 2.2 times'],
    [-0.05, 'slight', 'Without this word the odds rise 1.1 times'],
    [27.6, 'strong', 'Without this word the odds fall over a million times'],
  ])('%f → %s', (contribution, push, odds) => {
    expect(describePush(contribution)).toBe(push);
    expect(describeOdds(contribution)).toBe(odds);
  });
});
