/**
 * The issue-11 parts of the page rendered to HTML in Node: runs and their comparison, the step
 * bar, the training view's plain words. What a person and a screen reader get for a given state.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BackendReport } from '@/core/model/types';
import { initialState } from '@/state/initialState';
import type { ParsedData } from '@/state/types';
import { metricsWithF1, runRecord } from '../../tests/helpers/runs';
import { journey } from '@/state/journey';
import { StepBarView } from './guide/StepBar';
import { RunComparison } from './runs/RunComparison';
import { RunsView } from './runs/RunsPanel';
import { InterruptedNoticeView } from './runs/InterruptedNotice';
import { BackendFacts } from './train/BackendFacts';
import { etaWords } from './train/TrainProgress';
import { WaitedTime } from './train/WaitedTime';
import { i18n } from './i18n';

/** These tests read the English page. */
const t = i18n.getFixedT('en');


const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('RunsPanel', () => {
  it('lists runs newest first with their file, figures, time and model, and marks the current one', () => {
    const first = runRecord(1, { datasetFileName: 'other.csv' });
    const second = runRecord(2, { status: 'interrupted', validation: null, bestEpoch: 2, model: { fileName: 'm.sift.zip', byteLength: 5_000_000, epoch: 2, createdAt: 'c2' } });
    const html = renderToStaticMarkup(<RunsView list={[second, first]} compare={[]} opening={null} current={first.id} training={false} fileName="sms_spam.csv" />);
    const rows = html.split('<tr').slice(2).map(text);
    expect(rows[0]).toMatch(/Run 2 interrupted .* sms_spam\.csv 87\.5% \(epoch 2\) — .* epoch 2 kept/);
    expect(rows[1]).toMatch(/Run 1 current .* other\.csv \(not the file loaded now\) 90\.0% 0\.945 3 s .*kept/);
    expect(html).toContain('aria-label="Use Run 2"');
    expect(html).toContain('aria-label="Run 1 is the current model"');
    expect(html).toContain('aria-label="Compare Run 1"');
    expect(html).toContain('aria-label="Delete Run 2"');
    expect(text(html)).toContain('Models of runs take 9.5 MB of this browser’s storage');
    expect(text(html)).toContain('Tick “Compare” on two runs');
  });
});

describe('RunComparison', () => {
  it('marks the settings that differ and gives F1 per class with its difference', () => {
    const a = runRecord(1, { validation: metricsWithF1({ ham: 0.99, spam: 0.9 }) });
    const b = runRecord(2, { settings: { ...a.settings, embeddingDim: 8 }, validation: metricsWithF1({ ham: 0.98, spam: 0.93 }) });
    const html = renderToStaticMarkup(<RunComparison a={a} b={b} />);
    expect(text(html)).toContain('Settings of Run 1 and Run 2: 1 differs');
    const embedding = html.split('<tr').find((row) => row.includes('Embedding size'));
    expect(embedding).toContain('is-different');
    expect(text(embedding ?? '')).toMatch(/Embedding size differs 64 8/);
    expect(text(html)).toMatch(/spam 0\.900 0\.930 \+0\.030/);
    expect(text(html)).toMatch(/ham 0\.990 0\.980 −0\.010/);
    expect(html).toContain('Loss by epoch, run 1 and run 2');
  });
});

describe('InterruptedNotice', () => {
  it('says at which epoch training was cut short and what was kept', () => {
    expect(text(renderToStaticMarkup(<InterruptedNoticeView notice={{ runId: 'r', runNumber: 4, atEpoch: 3, keptEpoch: 2 }} />))).toContain(
      'Run 4: Training was interrupted at epoch 3; the best model so far (epoch 2) was kept and is the current model.',
    );
  });
});

describe('StepBar', () => {
  it('after data loads: Data ticked, Settings current, the next step a link to Train', () => {
    const state = { ...initialState(), data: { status: 'parsed', current: { summary: { report: { trainable: true } } } as unknown as ParsedData } } as const;
    const html = renderToStaticMarkup(<StepBarView {...journey(state)} />);
    expect(html).toContain('aria-label="Steps"');
    expect(html).toMatch(/<a href="#configure" aria-current="step">Settings<\/a>/);
    expect(text(html)).toContain('✓ Data (done)');
    expect(html).toMatch(/<a href="#train">Check the settings, then press Train<\/a>/);
  });
});

describe('the training view in plain words', () => {
  const report: BackendReport = {
    name: 'wasm',
    path: 'sparse',
    choice: 'reused',
    pathChoice: 'only',
    measurements: [
      { name: 'webgl', speeds: { sparse: 3031 } },
      { name: 'wasm', speeds: { sparse: 18000 } },
      { name: 'cpu', error: 'no' },
    ],
    measuredOn: { fileName: 'sms_spam.csv', msBefore: 12_000 },
  };

  it('says where it trains in one sentence and keeps the jargon under Details', () => {
    const html = renderToStaticMarkup(<BackendFacts report={report} tense="trained" />);
    const [main, details] = html.split('<details');
    expect(text(main)).toContain('Trained on the processor (WebAssembly), the fastest way here, measured on real batches.');
    expect(main).not.toMatch(/Adagrad|\/s/);
    expect(details).toContain('<summary>Details</summary>');
    expect(text(details)).toContain('webgl 3,031 texts/s, wasm 18,000 texts/s (measured on sms_spam.csv 12 s before this run)');
    expect(text(details)).toContain('row-wise Adagrad: every word gets its own step size');
    expect(html).toContain('data-backend="wasm"');
    expect(html).toContain('data-path="sparse"');
  });

  it('gives the time left, or says it cannot know yet', () => {
    expect(etaWords(t, { kind: 'unknown' })).toBe('time left: known after the first batches');
    expect(etaWords(t, { kind: 'about', seconds: 42 })).toBe('about 42 s left');
    expect(etaWords(t, { kind: 'early-stopping', likely: 0.4, atMost: 1.2, patience: 1 })).toBe('under a second left if validation loss stops improving, at most 1 s');
    expect(etaWords(t, { kind: 'early-stopping', likely: 9.6, atMost: 114, patience: 1 })).toBe('about 10 s left if validation loss stops improving, at most 1 min 54 s');
  });

  it('lists what the wait was made of, for hover and keyboard focus', () => {
    const html = renderToStaticMarkup(<WaitedTime waited={{ total: 3.5, preparing: 0.4, measuring: 1.9, training: 1.2 }} />);
    expect(html).toMatch(/^<span class="waited" tabindex="0" aria-describedby="([^"]+)">4 s<span role="tooltip" id="\1"/);
    expect(text(html)).toContain('preparing the data: under a second; measuring which way is fastest: 2 s; training and saving: 1 s');
  });
});
