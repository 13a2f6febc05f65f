import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '@/core/bundle/export';
import { importBundle } from '@/core/bundle/import';
import { Predictor } from '@/core/predictor';
import { runCli } from '../../../tests/helpers/runCli';
import { trecModel } from '../../../tests/helpers/testModel';
import { linesOf } from './predict';

describe('linesOf', () => {
  it.each([
    ['a\nb\n', ['a', 'b']],
    ['a\r\nb', ['a', 'b']],
    ['a\n\nb\n', ['a', '', 'b']],
    ['', []],
    ['\n', ['']],
  ])('%j → %j', (text, lines) => expect(linesOf(text)).toEqual(lines));
});

describe('sift predict --file', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sift-predict-'));
  const bundle = join(tmp, 'trec.sift.zip');
  const texts = ['How far is it from Denver to Aspen ?', 'Who wrote Hamlet ?', '', 'What does NASA stand for ?'];
  let predictor: Predictor;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const bytes = await exportBundle(trecModel());
    writeFileSync(bundle, bytes);
    predictor = Predictor.create(await importBundle(bytes));
    // A BOM and CRLF line breaks, as a file saved on Windows has them.
    writeFileSync(join(tmp, 'texts.txt'), `\uFEFF${texts.join('\r\n')}\r\n`);
  });

  it('predicts one text per line; with --json the last line lists the predictions', async () => {
    const run = await runCli(['predict', bundle, '--file', join(tmp, 'texts.txt'), '--json']);
    expect(run.code).toBe(0);
    expect(Object.keys(run.json)).toEqual(['command', 'predictions']);
    const expected = predictor.predictMany(texts).map((p, i) => ({
      text: texts[i],
      label: p.label,
      probabilities: Object.fromEntries(p.probabilities.map((c) => [c.label, c.probability])),
    }));
    expect(run.json).toEqual({ command: 'predict', predictions: expected });
    // Human lines on stderr under --json: label, its probability, the text.
    expect(run.stderr.split('\n').filter((l) => l.includes('\t'))).toHaveLength(texts.length);
  });

  it('refuses texts given both on the command line and in a file', async () => {
    const run = await runCli(['predict', bundle, 'a text', '--file', join(tmp, 'texts.txt'), '--json']);
    expect(run.code).not.toBe(0);
    expect(run.json).toMatchObject({ error: { code: 'INVALID_OPTION' } });
  });
});
