/**
 * The engine session as the worker drives it, on a real file in Node (wasm and cpu; no webgl):
 * the one settings rule, measuring ahead of Train, reusing that measurement, a named backend.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBundle } from './bundle/import';
import { deserializeModel, isStoredModel } from './bundle/storedModel';
import { EngineSession } from './session';
import { settingsFor } from './settings';

const SMS = new TextEncoder().encode(readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv', 'utf8').split('\n').slice(0, 301).join('\n'));
const OVERRIDES = { epochs: 1, embeddingDim: 8, hiddenUnits: 8, batchSize: 32, vocabularySize: 1000, validationShare: 0.2 };

describe('EngineSession', () => {
  const session = new EngineSession();

  it('answers null before any data, then the measured choice after a file is read', async () => {
    expect(await session.measureAhead(OVERRIDES)).toBeNull();
    const summary = session.load(SMS, {}, 'sms.csv');
    expect(session.settings(OVERRIDES)).toEqual(settingsFor(summary.report, OVERRIDES));
    const known = await session.measureAhead(OVERRIDES);
    if (!known) throw new Error('nothing was measured');
    expect(known.fileName).toBe('sms.csv');
    expect(known.report).toMatchObject({ choice: 'measured', path: 'sparse', pathChoice: 'only' });
    expect(known.report.measurements.map((m) => m.name)).toEqual(['webgl', 'wasm', 'cpu']);
  }, 60_000);

  it('trains an auto run on the measured backend without measuring again, says so, and uses the one rule', async () => {
    const events: string[] = [];
    const trained = await session.train(OVERRIDES, 'sms', {
      onMeasuring: () => events.push('measuring'),
      onBackend: (report) => {
        events.push(`backend ${report.choice}`);
        expect(report.measuredOn?.fileName).toBe('sms.csv');
        expect(report.measurements).toHaveLength(3);
      },
    });
    expect(events).toEqual(['backend reused']);
    expect(isStoredModel(trained.stored)).toBe(true);
    const { manifest } = deserializeModel(trained.stored);
    expect(manifest.settings).toEqual(session.settings(OVERRIDES));
    expect(trained.model.bundleFileName).toBe('sms.sift.zip');
  }, 60_000);

  it('trains a run with a backend the person named on that one', async () => {
    let choice = '';
    await session.train({ ...OVERRIDES, backend: 'cpu' }, 'sms', { onBackend: (report) => (choice = `${report.name} ${report.choice}`) });
    expect(choice).toBe('cpu user');
  }, 60_000);

  it('explains with the current model and refuses a second run while one is going', async () => {
    const { explanation, workerMs } = session.explain('Free entry! Call now to claim your prize');
    expect(explanation.prediction.probabilities.reduce((a, p) => a + p.probability, 0)).toBeCloseTo(1, 5);
    expect(explanation.words.map((w) => w.text)).toContain('prize');
    expect(workerMs).toBeGreaterThanOrEqual(0);
    const first = session.train(OVERRIDES, 'a');
    await expect(session.train(OVERRIDES, 'b')).rejects.toMatchObject({ code: 'TRAINING_FAILED' });
    await first;
  }, 60_000);

  it('keeps the validation texts of the model it trained, and none for a model it opened', async () => {
    const trained = await session.train(OVERRIDES, 'sms');
    const validation = trained.model.metrics.validation!;
    const all = session.cellTexts({ kind: 'mistakes' }, 0, 200);
    const wrong = validation.examples - validation.confusion.reduce((s, row, t) => s + row[t], 0);
    expect(all?.total).toBe(wrong);
    const cells = validation.labels.flatMap((trueLabel, t) =>
      validation.labels.map((predictedLabel, p) => [session.cellTexts({ kind: 'cell', trueLabel, predictedLabel }, 0, 1)?.total, validation.confusion[t][p]]),
    );
    for (const [listed, counted] of cells) expect(listed).toBe(counted);
    // Opening a bundle (even this model's) leaves no texts to list: a bundle carries none.
    await session.importModel(trained.stored);
    expect(session.cellTexts({ kind: 'mistakes' }, 0, 10)).toBeNull();
    expect(() => new EngineSession().cellTexts({ kind: 'mistakes' }, 0, 10)).toThrow(/Train a model/);
  }, 60_000);

  it('opens a model from its stored form without a zip, exports it as a zip, and opens that zip with its stored form', async () => {
    const trained = await session.train(OVERRIDES, 'kept');
    const text = 'Free entry! Call now to claim your prize';
    const before = session.explain(text).explanation;

    const reloaded = new EngineSession();
    const fromStored = await reloaded.importModel(trained.stored);
    // Nothing to keep again: the page already has these bytes.
    expect(fromStored.stored).toBeNull();
    expect(fromStored.model).toEqual(trained.model);
    expect(reloaded.explain(text).explanation).toEqual(before);

    const exported = await reloaded.exportModel();
    expect(exported.fileName).toBe('kept.sift.zip');
    expect([exported.bundle[0], exported.bundle[1]]).toEqual([0x50, 0x4b]); // "PK": a zip
    expect((await importBundle(exported.bundle)).manifest).toEqual(deserializeModel(trained.stored).manifest);

    // A workspace saved before (zip bytes) opens as before, and comes back with the stored form.
    const fromZip = await new EngineSession().importModel(exported.bundle);
    expect(fromZip.model).toEqual(trained.model);
    expect(fromZip.stored).toEqual(trained.stored);
  }, 60_000);

  it('refuses to export before it has a model, and stored bytes that were tampered with', async () => {
    await expect(new EngineSession().exportModel()).rejects.toMatchObject({ code: 'NOT_TRAINED' });
    const trained = await session.train(OVERRIDES, 'kept');
    const cut = trained.stored.subarray(0, trained.stored.length - 4);
    await expect(new EngineSession().importModel(cut)).rejects.toMatchObject({ code: 'BAD_BUNDLE' });
  }, 60_000);
});
