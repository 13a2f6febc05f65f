/**
 * Panels rendered to HTML in Node (react-dom/server; no DOM library needed) from real engine
 * output: what a person and a screen reader would get for a given state.
 */
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from '@/app/App';
import { loadDataset } from '@/core/dataset/load';
import { fingerprintOf } from '@/core/dataset/fingerprint';
import { computeMetrics } from '@/core/model/metrics';
import type { EpochLog } from '@/core/model/types';
import { ErrorMessage } from './common/ErrorMessage';
import { ParseProgress } from './data/ParseProgress';
import { DataCheck } from './data/DataCheck';
import { PreviewTable } from './data/PreviewTable';
import { ReadOptionsForm } from './data/ReadOptionsForm';
import { columnReason } from './data/columnReason';
import { cellName, ConfusionMatrix } from './evaluate/ConfusionMatrix';
import { MetricChart } from './train/MetricChart';
import { Predictor } from '@/core/predictor';
import { EvaluatedTexts } from '@/core/model/evaluatedTexts';
import { formatPercent } from '@/core/format';
import { trecModel } from '../../tests/helpers/testModel';
import { readExamples } from '../../tests/helpers/modelFixtures';
import { WordExplanation } from './explain/WordExplanation';
import { describeOddsFactor, describeWordPush, wordClassName } from './explain/wordPush';
import { PageView } from './evaluate/TextListView';
import { calibrationSentence } from './evaluate/CalibrationNote';
import { TopWords } from './evaluate/TopWords';
import { i18n } from './i18n';

/** These tests read the English page. */
const t = i18n.getFixedT('en');

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
    const summary = { ...rest, fileName: 'sms_spam.csv', byteLength: sms.byteLength, fingerprint: fingerprintOf(new Uint8Array(sms)), exampleCount: examples.length };
    const parsed = { source: { file: new Blob([sms]), fileName: 'sms_spam.csv', options: {} }, summary };
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
    expect(html).toContain(escape(columnReason(t, summary)));
    expect(columnReason(t, summary)).toBe('Text column “text” (its name says so; 81 characters on average) and label column “label” (its name says so; 2 distinct values in the first 5,000 rows).');
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
    const html = renderToStaticMarkup(<MetricChart metric="accuracy" batches={[]} epochs={epochs} markers={[]} xMax={2} theme="light" />);
    expect(html).toContain('<caption>Accuracy by epoch</caption>');
    expect(html.match(/<th scope="row">/g)).toHaveLength(2);
    expect(html).toContain('70.0%');
    expect(html).toContain('aria-hidden="true"');
  });
});

describe('ConfusionMatrix', () => {
  const metrics = computeMetrics(Int32Array.from([0, 0, 1, 1, 1]), Int32Array.from([0, 1, 1, 1, 0]), ['ham', 'spam']);

  it('is one table with a caption, its counts in cells', () => {
    const html = renderToStaticMarkup(<ConfusionMatrix metrics={metrics} title="Test file" />);
    expect(html).toContain('Test file confusion matrix: true class by row, predicted class by column');
    expect(html.match(/<table/g)).toHaveLength(1);
    expect(html).toMatch(/<th scope="row"[^>]*>spam<\/th><td class="num [^"]*"[^>]*>1<\/td><td class="num [^"]*"[^>]*>2<\/td>/);
    expect(html).not.toContain('<button type="button" class="confusion__button');
  });

  it('makes every cell a button named by its classes and count when its texts can be opened', () => {
    const html = renderToStaticMarkup(<ConfusionMatrix metrics={metrics} title="Validation" onOpenCell={() => undefined} openCell={{ trueLabel: 'spam', predictedLabel: 'ham' }} listId="list" />);
    for (const name of ['true ham, predicted ham: 1 text', 'true ham, predicted spam: 1 text', 'true spam, predicted ham: 1 text', 'true spam, predicted spam: 2 texts']) {
      expect(html).toContain(`aria-label="${name}"`);
    }
    expect(html).toContain('aria-label="true spam, predicted ham: 1 text" aria-expanded="true" aria-controls="list"');
    expect(cellName('a', 'b', 0)).toBe('true a, predicted b: 0 texts');
    expect(cellName('a', 'b', 12_345)).toBe('true a, predicted b: 12,345 texts');
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

describe('WordExplanation', () => {
  // A seeded model of TREC's shape over TREC's real vocabulary: what is rendered is what is tested.
  const predictor = Predictor.create(trecModel());

  it('highlights each word of the text, says each push in words, counts the known words and ranks words', () => {
    const text = 'How many people live in Chicago ?';
    const explanation = predictor.explain(text);
    const label = explanation.prediction.label;
    const html = renderToStaticMarkup(<WordExplanation explanation={explanation} />);
    expect(html).toContain(`<p class="coverage">${explanation.coverage.known} of 6 words are known to the model.</p>`);
    expect(html).not.toContain('class="guess"');
    for (const word of explanation.words.filter((w) => w.value !== 0)) {
      expect(html).toContain(`${text.slice(word.start, word.end)}<span class="visually-hidden"> (${describeWordPush(t, word.value, label)})</span>`);
    }
    expect(html).toContain(`<ul aria-label="Pushed toward ${label}">`);
    expect(html).toContain(`<ul aria-label="Pushed away from ${label}">`);
    expect(html).toContain('aria-label="Highlight colours"');
  });

  it('says plainly when nothing is known: the model’s default answer', () => {
    const html = renderToStaticMarkup(<WordExplanation explanation={predictor.explain('asdf qwer zxcv')} />);
    expect(html).toContain('0 of 3 words are known to the model.');
    expect(html).toContain('None of these words appear in the training data: this is the model&#x27;s default answer.');
    expect(html.match(/\(not known to the model\)/g)).toHaveLength(3);
  });

  it('marks a word the model does not know, though it pushed (as <unk>), and the words it never read', () => {
    const explanation = predictor.explain('How many zqxv live in Chicago ?');
    const zqxv = explanation.words[2];
    expect(zqxv).toMatchObject({ text: 'zqxv', known: 'unknown' });
    expect(zqxv.value).not.toBe(0);
    const html = renderToStaticMarkup(<WordExplanation explanation={explanation} />);
    expect(html).toContain(`zqxv<span class="visually-hidden"> (${describeWordPush(t, zqxv.value, explanation.prediction.label)}; not known to the model)</span>`);
    expect(html).toContain('<span class="token__unknown">unknown</span>');
    const long = predictor.explain(`${'how many '.repeat(200)}people`);
    expect(renderToStaticMarkup(<WordExplanation explanation={long} />)).toContain('people<span class="visually-hidden"> (not read: past the length the model reads)</span>');
  });

  it.each([
    [3.1, 'spam', 'pushed toward spam, strong', 'word--toward-strong', 'odds ×22 for spam'],
    [-2.4, 'spam', 'pushed away from spam, strong', 'word--away-strong', 'odds ÷11 for spam'],
    [0.8, 'pos', 'pushed toward pos, moderate', 'word--toward-moderate', 'odds ×2.2 for pos'],
    [-0.05, 'pos', 'pushed away from pos, weak', 'word--away-weak', 'odds ÷1.1 for pos'],
    [27.6, 'x', 'pushed toward x, strong', 'word--toward-strong', 'odds ×over a million for x'],
    [0, 'x', 'no effect', 'word--none', 'odds ×1 for x'],
  ])('%f for %s → %s', (value, label, words, className, odds) => {
    expect(describeWordPush(t, value, label)).toBe(words);
    expect(wordClassName(value)).toBe(className);
    expect(describeOddsFactor(t, value, label)).toBe(odds);
  });
});

describe('the texts behind a confusion-matrix cell', () => {
  const predictor = Predictor.create(trecModel());
  const examples = readExamples('trec/trec_test.csv');
  const texts = new EvaluatedTexts(examples, predictor.probabilities(examples.map((e) => e.text)), predictor.labels);

  it('lists one page, surest mistakes first, with both probabilities, the row and a way to see why', () => {
    const page = texts.page({ kind: 'cell', trueLabel: 'DESC', predictedLabel: 'HUM' }, 50, 50);
    const html = renderToStaticMarkup(<PageView page={page} explained={null} model={null} />);
    expect(html).toContain('<ol class="listed-texts" aria-label="true DESC, predicted HUM" start="51">');
    expect(html).toContain(`Showing 51–100 of ${page.total}.`);
    const first = page.items[0];
    expect(html).toContain(`Row ${first.row}`);
    expect(html).toContain(`HUM ${formatPercent(first.predictedProbability)} · DESC ${formatPercent(first.trueProbability!)}`);
    expect(html.match(/aria-expanded="false"[^>]*>Why HUM\?<\/button>/g)).toHaveLength(50);
    expect(html).toContain('aria-label="Pages of this list"');
  });

  it('folds a long text, and shows the explanation of the text whose "Why" is open', () => {
    const long = { text: 'What is the history of the '.repeat(20), label: 'DESC', row: 9 };
    const one = new EvaluatedTexts([long], predictor.probabilities([long.text]), predictor.labels).page({ kind: 'mistakes' }, 0, 50);
    const explanation = predictor.explain(long.text);
    const html = renderToStaticMarkup(<PageView page={one} explained={{ status: 'ready', row: 9, explanation }} model={null} />);
    expect(html).toContain('Show all 540 characters');
    expect(html).toContain('aria-label="Most confident mistakes"');
    expect(html).toContain('labelled <strong>DESC</strong>');
    expect(html).toContain('class="word-explanation"');
    expect(html).toContain('aria-expanded="true"');
  });
});

describe('calibration and top words in the evaluation step', () => {
  it.each([
    [{ temperature: 1.84, fit: 'fitted', examples: 1115, eceBefore: 0.041, eceAfter: 0.012, eceBins: 15 }, /off from its actual accuracy by 4\.1 points on average on the 1,115 validation texts \(expected calibration error 0\.041\)\. Its probabilities were softened \(temperature 1\.84.*now off by 1\.2 points \(0\.012\)/],
    [{ temperature: 1, fit: 'no-validation', examples: 0, eceBefore: null, eceAfter: null, eceBins: 15 }, /not calibrated: there was no validation split/],
    [{ temperature: 1, fit: 'separable', examples: 40, eceBefore: 0.02, eceAfter: 0.02, eceBins: 15 }, /every one of the 40 validation texts right by a margin/],
    [undefined, /records no calibration/],
  ] as const)('%j', (calibration, sentence) => {
    expect(calibrationSentence(t, calibration)).toMatch(sentence);
  });

  it('lists each class’s top words', () => {
    const html = renderToStaticMarkup(<TopWords topWords={[{ label: 'spam', words: [{ word: 'prize', score: 3 }, { word: 'claim', score: 2.5 }] }, { label: 'ham', words: [] }]} />);
    expect(html).toContain('<ol aria-label="Words that push toward spam"><li title="odds ×20 for spam">prize</li><li title="odds ×12 for spam">claim</li></ol>');
    expect(html).toContain('No word pushes toward ham on its own.');
  });
});
