/**
 * The model this browser keeps between visits: its checked, parsed stored form, so a reload never
 * inflates a zip; workspaces saved as zip bytes (Sift 0.2.0) still restore, and are kept in the
 * new form from then on. Export still gives NAME.sift.zip. The real engine runs in-process.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from '@/core/bundle/import';
import { BUNDLE_LIMITS } from '@/core/bundle/limits';
import { deserializeModel, isStoredModel } from '@/core/bundle/storedModel';
import { createEngineClient } from '@/worker/client';
import { inProcessTransport } from '@/worker/inProcessTransport';
import { memoryPersistence, type Persistence } from './persistence';
import { readyModel } from './selectors';
import { createSiftStore } from './store';

const SMS_HEAD = new TextEncoder().encode(readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv', 'utf8').split('\n').slice(0, 401).join('\n'));
const SETTINGS = { epochs: 1, embeddingDim: 8, hiddenUnits: 8, backend: 'cpu', validationShare: 0.2 } as const;

const engines: { dispose(): void }[] = [];
function makeStore(persistence: Persistence) {
  const engine = createEngineClient(inProcessTransport({ batchIntervalMs: 0 }));
  engines.push(engine);
  return createSiftStore({
    engine,
    persistence,
    fetchSample: async () => new Uint8Array(0),
    scheduleFrame: (cb) => setTimeout(cb, 0),
    now: () => performance.now(),
    tryDebounceMs: 5,
  });
}

describe('the model kept in this browser', () => {
  const persistence = memoryPersistence();
  let stored: Uint8Array;
  afterAll(() => engines.forEach((e) => e.dispose()));

  beforeAll(async () => {
    const store = makeStore(persistence);
    await store.getState().loadFile(SMS_HEAD, 'sms_head.csv');
    for (const [key, value] of Object.entries(SETTINGS)) store.getState().updateSetting(key as keyof typeof SETTINGS, value as never);
    await store.getState().train();
    const saved = (await persistence.load()).model;
    if (!saved) throw new Error('the trained model was not saved');
    stored = saved.bytes;
  }, 120_000);

  it('is saved in its stored form, not as a zip', () => {
    expect(isStoredModel(stored)).toBe(true);
    expect(deserializeModel(stored).manifest.name).toBe('sms_head');
  });

  it('comes back on reload from that form, and exports as NAME.sift.zip made by the engine', async () => {
    const reloaded = makeStore(persistence);
    await reloaded.getState().restore();
    const model = readyModel(reloaded.getState().model);
    expect(model?.origin).toBe('restored');
    expect(model?.bundle).toBeNull();
    const exported = await reloaded.getState().exportModel();
    if (!exported) throw new Error('nothing exported');
    expect(exported.fileName).toBe('sms_head.sift.zip');
    expect((await importBundle(exported.bytes)).manifest).toEqual(deserializeModel(stored).manifest);
  }, 60_000);

  it('restores a workspace saved as zip bytes, keeps the zip for export, and saves the stored form', async () => {
    const old = memoryPersistence();
    const zip = (await makeStoreWithModel(persistence)).bytes;
    await old.saveModel({ bytes: zip, fileName: 'sms_head.sift.zip' });
    const reloaded = makeStore(old);
    await reloaded.getState().restore();
    const model = readyModel(reloaded.getState().model);
    expect(model?.summary.name).toBe('sms_head');
    expect(model?.bundle).toBe(zip);
    expect((await reloaded.getState().exportModel())?.bytes).toBe(zip);
    const resaved = (await old.load()).model;
    expect(resaved && isStoredModel(resaved.bytes)).toBe(true);
    expect(resaved?.bytes).toEqual(stored);
  }, 60_000);

  it('refuses a model file larger than any Sift model before reading it', async () => {
    const store = makeStore(memoryPersistence());
    let read = false;
    const huge = {
      size: BUNDLE_LIMITS.bundleBytes + 1,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    } as unknown as Blob;
    await store.getState().openModelFile(huge, 'huge.sift.zip');
    expect(read).toBe(false);
    expect(store.getState().modelError).toMatchObject({ code: 'BUNDLE_TOO_LARGE', message: expect.stringMatching(/^huge\.sift\.zip: the file has [\d,]+ bytes; the largest Sift model has [\d,]+\. It was not read\.$/) });
    expect(store.getState().model.status).toBe('none');
  });

  /** The saved model exported as a zip, as Sift 0.2.0 kept it. */
  async function makeStoreWithModel(from: Persistence): Promise<{ bytes: Uint8Array }> {
    const store = makeStore(from);
    await store.getState().restore();
    const exported = await store.getState().exportModel();
    if (!exported) throw new Error('nothing exported');
    return exported;
  }
});
