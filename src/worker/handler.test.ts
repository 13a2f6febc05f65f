/**
 * The worker's handler driven directly in Node with the real engine: what a Worker would post,
 * in what order, and that every event survives structured cloning (what postMessage does).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createHandler } from './handler';
import type { WorkerEvent } from './protocol';
import type { Metrics } from '@/core/model/types';

/** The first 400 messages of the SMS Spam Collection (a real file, cut for speed). */
function smsHead(rows: number): ArrayBuffer {
  const lines = readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv', 'utf8').split('\n');
  let text = '';
  // Keep whole records: a quoted field may span lines, so cut at a line that starts a record.
  let kept = 0;
  for (const line of lines) {
    text += `${line}\n`;
    if (/,(ham|spam)\r?$/.test(line)) kept++;
    if (kept > rows) break;
  }
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
}

const OVERRIDES = { epochs: 2, embeddingDim: 16, hiddenUnits: 16, batchSize: 32, sequenceLength: 40, vocabularySize: 2000, backend: 'cpu', validationShare: 0.2 } as const;

describe('worker handler', () => {
  const events: WorkerEvent[] = [];
  const handler = createHandler((event, transfer = []) => events.push(structuredClone(event, { transfer })), { batchIntervalMs: 0 });
  const take = () => events.splice(0, events.length);
  let stored: ArrayBuffer | null = null;
  let trainedMetrics: Metrics | null = null;


  it('refuses to predict or train before it has a model or data', async () => {
    await handler.handle({ type: 'explain', id: 1, text: 'hi' });
    await handler.handle({ type: 'train', id: 2, overrides: OVERRIDES, name: 'x' });
    expect(take().map((e) => (e.type === 'failed' ? e.error.code : e.type))).toEqual(['NOT_TRAINED', 'NO_EXAMPLES']);
  });

  it('parses a file, reporting progress, and answers with a summary, keeping the examples to itself', async () => {
    const bytes = smsHead(400);
    const byteLength = bytes.byteLength;
    await handler.handle({ type: 'parse', id: 3, bytes, options: {}, fileName: 'sms.csv' });
    // The bytes sent for this read are let go once decoded (a large file's would stay through the check).
    expect(bytes.byteLength).toBe(0);
    const got = take();
    const event = got.pop();
    const fractions = got.map((e) => (e.type === 'parseProgress' && e.id === 3 ? e.progress.fraction : NaN));
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    if (event?.type !== 'parsed') throw new Error(`expected parsed, got ${JSON.stringify(event)}`);
    expect(event.dataset.fileName).toBe('sms.csv');
    expect(event.dataset.byteLength).toBe(byteLength);
    expect(event.dataset.exampleCount).toBeGreaterThanOrEqual(400);
    expect(event.dataset.columns).toEqual(['text', 'label']);
    expect('examples' in event.dataset).toBe(false);
    expect(event.dataset.report.classes.map((c) => c.label).sort()).toEqual(['ham', 'spam']);
  });

  it('reports an unreadable file as a failure with the engine’s code', async () => {
    await handler.handle({ type: 'parse', id: 4, bytes: readFileSync('tests/fixtures/malformed/image_renamed.csv').buffer as ArrayBuffer, options: {}, fileName: 'x.csv' });
    const event = take().at(-1);
    expect(event).toMatchObject({ type: 'failed', id: 4, error: { code: 'BINARY_FILE' } });
  });

  it('trains on the last good file and streams preparing → prepared → backend → batches/epochs (checkpoints) → trained', async () => {
    await handler.handle({ type: 'train', id: 5, overrides: OVERRIDES, name: 'sms' });
    const got = take();
    const types = got.map((e) => e.type);
    const preparing = got.filter((e) => e.type === 'preparing').map((e) => e.progress.fraction);
    expect(preparing.at(-1)).toBe(1);
    expect(types.slice(0, preparing.length)).toEqual(preparing.map(() => 'preparing'));
    expect(types[preparing.length]).toBe('prepared');
    expect(types[preparing.length + 1]).toBe('backend');
    // The first best epoch's model is sent at once, as bytes (a reload mid-run keeps it).
    const checkpoint = got.find((e) => e.type === 'checkpoint');
    expect(checkpoint?.type === 'checkpoint' && checkpoint.epoch === 1 && checkpoint.bundle.byteLength > 100).toBe(true);
    expect(types.filter((t) => t === 'epoch')).toHaveLength(2);
    expect(types.at(-1)).toBe('trained');
    expect(types.indexOf('batch')).toBeGreaterThan(1);
    const trained = got.at(-1);
    if (trained?.type !== 'trained') throw new Error('no trained event');
    expect(trained.model.name).toBe('sms');
    expect(trained.model.bundleFileName).toBe('sms.sift.zip');
    expect(trained.model.labels.sort()).toEqual(['ham', 'spam']);
    expect(trained.model.vocabularySize).toBeGreaterThan(2);
    expect('vocabulary' in trained.model).toBe(false);
    expect(trained.model.metrics.validation?.examples).toBeGreaterThan(0);
    expect(trained.stored.byteLength).toBeGreaterThan(100);
    expect(trained.model.settings).toMatchObject(OVERRIDES);
    expect(trained.model.calibration).toMatchObject({ examples: trained.model.metrics.validation?.examples });
    expect(trained.model.topWords?.map((t) => t.label)).toEqual(['ham', 'spam']);
    trainedMetrics = trained.model.metrics.validation;
    expect(tf.getBackend()).toBe('cpu');
    stored = trained.stored;
  });

  it('explains a text with the trained model, word by word', async () => {
    const text = 'Free entry! Call now to claim your prize';
    await handler.handle({ type: 'explain', id: 6, text });
    const [event] = take();
    if (event.type !== 'explained') throw new Error(JSON.stringify(event));
    const { prediction, words, score, emptyScore, coverage } = event.explanation;
    const total = prediction.probabilities.reduce((a, p) => a + p.probability, 0);
    expect(total).toBeCloseTo(1, 4);
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual(['Free', 'entry', '!', 'Call', 'now', 'to', 'claim', 'your', 'prize']);
    expect(words.reduce((a, w) => a + w.value, 0)).toBeCloseTo(score - emptyScore, 9);
    expect(coverage.words).toBe(8);
    expect(event.workerMs).toBeGreaterThan(0);
    expect(event.workerMs).toBeLessThan(60_000);
  });

  it('lists the validation texts behind each cell of the confusion matrix, a page at a time', async () => {
    const validation = trainedMetrics!;
    const [ham, spam] = validation.labels;
    await handler.handle({ type: 'cellTexts', id: 20, query: { kind: 'cell', trueLabel: ham, predictedLabel: ham }, offset: 0, limit: 5 });
    await handler.handle({ type: 'cellTexts', id: 21, query: { kind: 'mistakes' }, offset: 0, limit: 50 });
    const [cell, mistakes] = take();
    if (cell.type !== 'cellTexts' || mistakes.type !== 'cellTexts') throw new Error(JSON.stringify([cell, mistakes]));
    expect(cell.page?.total).toBe(validation.confusion[0][0]);
    expect(cell.page?.items).toHaveLength(5);
    const fileTexts = new TextDecoder().decode(smsHead(400));
    for (const item of cell.page!.items) {
      expect(item).toMatchObject({ trueLabel: ham, predictedLabel: ham });
      expect(fileTexts).toContain(item.text.slice(0, 20));
      expect(item.trueProbability).toBe(item.predictedProbability);
    }
    const wrong = validation.confusion[0][1] + validation.confusion[1][0];
    expect(mistakes.page?.total).toBe(wrong);
    expect(mistakes.page?.items.every((i) => i.trueLabel !== i.predictedLabel && i.predictedProbability >= 0.5)).toBe(true);
    expect([ham, spam]).toEqual(['ham', 'spam']);
  });

  it('opens its model’s stored form again, exports it as a zip that opens too, and rejects a bad one with a code', async () => {
    if (!stored) throw new Error('no stored model from training');
    await handler.handle({ type: 'importModel', id: 7, bytes: stored.slice(0) });
    await handler.handle({ type: 'exportModel', id: 8 });
    await handler.handle({ type: 'importModel', id: 9, bytes: new TextEncoder().encode('not a zip').buffer as ArrayBuffer });
    const [ok, exported, bad] = take();
    expect(ok).toMatchObject({ type: 'modelLoaded', id: 7, model: { name: 'sms' }, stored: null });
    if (exported.type !== 'exported') throw new Error(JSON.stringify(exported));
    expect(exported.fileName).toBe('sms.sift.zip');
    await handler.handle({ type: 'importModel', id: 10, bytes: exported.bundle });
    const [fromZip] = take();
    if (fromZip.type !== 'modelLoaded' || !fromZip.stored) throw new Error(JSON.stringify(fromZip));
    expect(new Uint8Array(fromZip.stored)).toEqual(new Uint8Array(stored));
    expect(bad).toMatchObject({ type: 'failed', id: 9, error: { code: 'BAD_BUNDLE' } });
    // A model opened from a file carries no texts: the worker says so rather than list nothing.
    await handler.handle({ type: 'cellTexts', id: 22, query: { kind: 'mistakes' }, offset: 0, limit: 50 });
    expect(take()).toEqual([{ type: 'cellTexts', id: 22, page: null }]);
  });

  it('stops when asked, keeping a model', async () => {
    const run = handler.handle({ type: 'train', id: 9, overrides: { ...OVERRIDES, epochs: 200, earlyStoppingPatience: 0 }, name: 'sms' });
    // Ask as soon as the first epoch is done; the loop yields between batches so the flag is seen.
    while (!events.some((e) => e.type === 'epoch')) await new Promise((r) => setTimeout(r, 5));
    await handler.handle({ type: 'stop', id: 10 });
    await run;
    const trained = take().find((e) => e.type === 'trained');
    if (trained?.type !== 'trained') throw new Error('no trained event after stop');
    expect(trained.model.training.stopReason).toBe('user');
    expect(trained.model.training.history.length).toBeLessThan(200);
  });
});
