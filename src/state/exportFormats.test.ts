/**
 * Export with a choice of weight format, as the page does it: the engine measures each format on
 * demand and hands over the bundle of the one chosen; a model opened from a file has one format.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiftManifest } from '@/core/bundle/types';
import { createEngineClient } from '@/worker/client';
import { inProcessTransport } from '@/worker/inProcessTransport';
import { memoryPersistence } from './persistence';
import { readyModel } from './selectors';
import { createSiftStore } from './store';

const manifestOf = (bytes: Uint8Array): SiftManifest => JSON.parse(strFromU8(unzipSync(bytes)['sift.json'])) as SiftManifest;

describe('exporting a model in a chosen weight format', () => {
  const engine = createEngineClient(inProcessTransport({ batchIntervalMs: 0 }));
  const store = createSiftStore({
    engine,
    persistence: memoryPersistence(),
    fetchSample: async (fileName) => new Uint8Array(readFileSync(`public/samples/${fileName}`)),
    scheduleFrame: (cb) => setTimeout(cb, 0),
    now: () => performance.now(),
    tryDebounceMs: 5,
  });
  afterAll(() => engine.dispose());

  it('measures each format of a model trained here, and downloads the one chosen with its own metrics', async () => {
    const head = readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv', 'utf8').split('\n').slice(0, 800).join('\n');
    await store.getState().loadFile(new TextEncoder().encode(head), 'sms_head.csv');
    for (const [key, value] of [['epochs', 2], ['backend', 'cpu'], ['validationShare', 0.2]] as const) store.getState().updateSetting(key, value);
    await store.getState().train();
    const model = readyModel(store.getState().model)!;
    expect(model.summary.settings.weights).toBe('uint8');

    const choices = await store.getState().compareWeightFormats();
    expect(choices?.map((c) => c.format)).toEqual(['float32', 'float16', 'uint8']);
    const [float32, float16, uint8] = choices!;
    expect(uint8.bytes).toBeLessThan(float16.bytes);
    expect(float16.bytes).toBeLessThan(float32.bytes);
    // The trained format's figures are those the page already shows.
    expect(uint8.metrics).toEqual(model.summary.metrics.validation);

    // Its own format: the file export gives, as big as measured.
    const own = await store.getState().exportModelAs('uint8');
    expect(own?.bytes).toEqual((await store.getState().exportModel())?.bytes);
    expect(own?.bytes.byteLength).toBe(uint8.bytes);
    expect(manifestOf(own!.bytes).metrics.validation).toEqual(model.summary.metrics.validation);
    const other = await store.getState().exportModelAs('float16');
    expect(other?.fileName).toBe('sms_head.sift.zip');
    expect(other?.bytes.byteLength).toBe(float16.bytes);
    expect(manifestOf(other!.bytes).settings.weights).toBe('float16');
    expect(manifestOf(other!.bytes).metrics.validation).toEqual(float16.metrics);
  });

  it('offers a model opened from a file in its own format only, as the file came', async () => {
    const kept = (await store.getState().exportModel())!.bytes;
    await store.getState().importModel(kept, 'sms_head.sift.zip');
    expect(await store.getState().compareWeightFormats()).toBeNull();
    expect((await store.getState().exportModelAs('uint8'))?.bytes).toBe(kept);
    await expect(store.getState().exportModelAs('float32')).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});
