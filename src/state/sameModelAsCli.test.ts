/**
 * One engine truth: the page (store → protocol → worker handler, in-process) and `sift train`
 * train the same model from the same file. Their settings must be identical apart from what the
 * two deliberately differ in: the CLI defaults to wasm (Node has no webgl), and here both are
 * told 1 epoch to stay quick.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainSettings } from '@/core/settings';
import { createEngineClient } from '@/worker/client';
import { inProcessTransport } from '@/worker/inProcessTransport';
import { DATA, runCli } from '../../tests/helpers/runCli';
import { memoryPersistence } from './persistence';
import { readyModel } from './selectors';
import { createSiftStore } from './store';

const FILE = `${DATA}/sms_spam/sms_spam.csv`;

function withoutRunChoices(settings: TrainSettings): Omit<TrainSettings, 'epochs' | 'backend'> {
  const { epochs: _epochs, backend: _backend, ...rest } = settings;
  return rest;
}

describe('the page and the CLI', () => {
  it('train the SMS sample with identical settings', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sift-same-')), 'sms.sift.zip');
    const cli = await runCli(['train', FILE, '--epochs', '1', '--out', out, '--json']);
    expect(cli.code, cli.stderr).toBe(0);

    const engine = createEngineClient(inProcessTransport({ batchIntervalMs: 0 }));
    const store = createSiftStore({
      engine,
      persistence: memoryPersistence(),
      fetchSample: async () => new Uint8Array(0),
      scheduleFrame: (cb) => setTimeout(cb, 0),
      now: () => performance.now(),
      tryDebounceMs: 5,
    });
    try {
      await store.getState().loadFile(new Uint8Array(readFileSync(FILE)), 'sms_spam.csv');
      store.getState().updateSetting('epochs', 1);
      await store.getState().train();
      const page = readyModel(store.getState().model)?.summary.settings;
      if (!page) throw new Error(`the page trained no model: ${JSON.stringify(store.getState().training)}`);
      expect(withoutRunChoices(page)).toEqual(withoutRunChoices(cli.json.settings as TrainSettings));
    } finally {
      engine.dispose();
    }
  });
});
