/**
 * The store as the page uses it, with the real engine behind the real protocol (in-process
 * transport instead of a Worker) and memory instead of IndexedDB.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '@/worker/client';
import { inProcessTransport } from '@/worker/inProcessTransport';
import { memoryPersistence, type Persistence } from './persistence';
import { settingsFor } from '@/core/settings';
import { readyModel, selectSettings } from './selectors';
import { createSiftStore, type SiftStore } from './store';
import { initialState } from './initialState';

function makeStore(persistence: Persistence) {
  const engine = createEngineClient(inProcessTransport({ batchIntervalMs: 0 }));
  const store = createSiftStore({
    engine,
    persistence,
    fetchSample: async (fileName) => new Uint8Array(readFileSync(`public/samples/${fileName}`)),
    scheduleFrame: (cb) => setTimeout(cb, 0),
    now: () => performance.now(),
    tryDebounceMs: 5,
  });
  return { store, engine };
}

/** The head of the real SMS file: quick to train on, still two real classes. */
function smsHead(records: number): Uint8Array {
  const lines = readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv', 'utf8').split('\n');
  const out: string[] = [];
  let kept = 0;
  for (const line of lines) {
    out.push(line);
    if (/,(ham|spam)\r?$/.test(line)) kept++;
    if (kept > records) break;
  }
  return new TextEncoder().encode(out.join('\n'));
}

async function until(store: SiftStore, done: () => boolean, what: string, ms = 120_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(store.getState().data.status)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const SPAM = 'WINNER!! You have won a prize, call now to claim';

describe('the Sift store', () => {
  const persistence = memoryPersistence();
  const { store, engine } = makeStore(persistence);
  const later: (() => void)[] = [() => engine.dispose()];
  afterAll(() => later.forEach((f) => f()));

  it('starts from initialState()', () => {
    const { data, training, model, settings } = store.getState();
    expect({ data, training, model, settings }).toMatchObject({ data: initialState().data, training: { status: 'idle' }, model: { status: 'none' } });
  });

  it('loads a sample, fills settings from the data and saves the file', async () => {
    await store.getState().loadSample('sms');
    const data = store.getState().data;
    if (data.status !== 'parsed') throw new Error(`not parsed: ${JSON.stringify(data)}`);
    const { report } = data.current.summary;
    expect(data.current.summary.fileName).toBe('sms_spam.csv');
    expect(report.classes.map((c) => c.label).sort()).toEqual(['ham', 'spam']);
    // The store keeps no settings of its own: the form shows the one rule over this file's report.
    expect(store.getState().settings.overrides).toEqual({});
    expect(selectSettings(store.getState())).toEqual(settingsFor(report, {}));
    expect((await persistence.load()).dataset?.fileName).toBe('sms_spam.csv');
  });

  it('a file that cannot be read fails beside the data and keeps the dataset already loaded', async () => {
    await store.getState().loadFile(new Uint8Array(readFileSync('tests/fixtures/malformed/header_only.csv')), 'header_only.csv');
    const data = store.getState().data;
    expect(data.status).toBe('failed');
    if (data.status !== 'failed') return;
    expect(data.error.code).toBe('HEADER_ONLY');
    expect(data.current?.summary.fileName).toBe('sms_spam.csv');
    store.getState().dismissDataError();
    expect(store.getState().data.status).toBe('parsed');
  });

  it('re-reads with a changed option at once', async () => {
    await store.getState().setReadOptions({ hasHeader: false });
    const data = store.getState().data;
    if (data.status !== 'parsed') throw new Error(JSON.stringify(data));
    expect(data.current.summary.hasHeader).toBe(false);
    expect(data.current.source.options).toEqual({ hasHeader: false });
    await store.getState().setReadOptions({ hasHeader: undefined });
    expect(currentHeader(store)).toBe(true);
  });

  it('validates settings through the engine’s rules and blocks training while one is invalid', async () => {
    store.getState().setSettingError('epochs', 'Epochs must be a number from 1 to 1000 (got 0).');
    await store.getState().train();
    expect(store.getState().training.status).toBe('idle');
    store.getState().updateSetting('epochs', 2);
    expect(store.getState().settings.errors).toEqual({});
    expect(store.getState().settings.overrides).toEqual({ epochs: 2 });
  });

  it('trains on a small real file, charts both epochs and keeps + saves the model', async () => {
    await store.getState().loadFile(smsHead(500), 'sms_head.csv');
    for (const [key, value] of [['embeddingDim', 16], ['hiddenUnits', 16], ['backend', 'cpu'], ['validationShare', 0.2]] as const) {
      store.getState().updateSetting(key, value);
    }
    await store.getState().train();
    const { training, run, model } = store.getState();
    if (training.status !== 'trained') throw new Error(JSON.stringify(training));
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(run.batches.length).toBeGreaterThan(0);
    expect(run.backend?.name).toBe('cpu');
    expect(run.announcement).toMatchObject({ kind: 'finished', epochsRun: 2 });
    expect(readyModel(model)?.summary.name).toBe('sms_head');
    expect(readyModel(model)?.origin).toBe('trained');
    expect((await persistence.load()).model?.fileName).toBe('sms_head.sift.zip');
  });

  it('predicts for the latest text only, after the pause', async () => {
    store.getState().setTryText('hello');
    store.getState().setTryText(SPAM);
    await until(store, () => store.getState().tryIt.result !== null && !store.getState().tryIt.pending, 'a prediction');
    const { result } = store.getState().tryIt;
    expect(result?.prediction.probabilities.map((p) => p.label).sort()).toEqual(['ham', 'spam']);
    expect(result?.words.some((w) => w.text === 'winner')).toBe(true);
    expect(store.getState().tryIt.workerMs).toBeGreaterThan(0);
  });

  it('lists the validation texts behind a cell of the confusion matrix, a page at a time, and explains one', async () => {
    const validation = readyModel(store.getState().model)!.summary.metrics.validation!;
    const [ham] = validation.labels;
    await store.getState().openTextList({ kind: 'cell', trueLabel: ham, predictedLabel: ham });
    const list = store.getState().textList;
    if (list.status !== 'ready') throw new Error(JSON.stringify(list));
    expect(list.page.total).toBe(validation.confusion[0][0]);
    expect(list.page.items).toHaveLength(Math.min(50, list.page.total));
    await store.getState().showTextListPage(50);
    const next = store.getState().textList;
    if (next.status !== 'ready') throw new Error(JSON.stringify(next));
    expect(next.page.offset).toBe(50);
    expect(next.page.items[0].row).not.toBe(list.page.items[0].row);
    const item = next.page.items[0];
    await store.getState().toggleListedExplanation(item);
    const explained = store.getState().listedExplanation;
    if (explained?.status !== 'ready') throw new Error(JSON.stringify(explained));
    expect(explained.row).toBe(item.row);
    expect(explained.explanation.prediction.label).toBe(item.predictedLabel);
    await store.getState().toggleListedExplanation(item);
    expect(store.getState().listedExplanation).toBeNull();
    await store.getState().openTextList({ kind: 'mistakes' });
    expect(store.getState().textList).toMatchObject({ status: 'ready', page: { query: { kind: 'mistakes' } } });
  });

  it('rejects a bad bundle with a message and keeps the model it had', async () => {
    await store.getState().importModel(new TextEncoder().encode('PK not really'), 'broken.sift.zip');
    expect(store.getState().modelError?.code).toBe('BAD_BUNDLE');
    expect(store.getState().modelError?.message).toMatch(/^broken\.sift\.zip: /);
    expect(readyModel(store.getState().model)?.summary.name).toBe('sms_head');
  });

  it('after a cancelled parse (a fresh engine) it sends the model again before predicting', async () => {
    // Cancel at the engine's first progress report, i.e. while it is known to be reading
    // (polling the store could miss the whole parse: in-process, it runs in one go).
    let cancelled = false;
    const parse = engine.parse;
    engine.parse = (bytes, options, fileName, onProgress) =>
      parse(bytes, options, fileName, (event) => {
        onProgress?.(event);
        if (!cancelled && event.type === 'parseProgress') {
          cancelled = true;
          store.getState().cancelParse();
        }
      });
    await store.getState().loadSample('thucnews').finally(() => (engine.parse = parse));
    expect(cancelled).toBe(true);
    expect(store.getState().data.status).toBe('parsed');
    expect(engine.generation).toBeGreaterThan(0);
    store.getState().setTryText(`${SPAM}!`);
    await until(store, () => store.getState().tryIt.result !== null && !store.getState().tryIt.pending, 'a prediction after restart');
    expect(store.getState().tryIt.error).toBeNull();
  });

  it('a reload restores dataset, settings and model from what was saved', async () => {
    const { store: reloaded, engine: fresh } = makeStore(persistence);
    later.push(() => fresh.dispose());
    await reloaded.getState().restore();
    const s = reloaded.getState();
    expect(readyModel(s.model)?.origin).toBe('restored');
    // A restored model is a bundle: its validation texts are not in the engine, and the list says so.
    await reloaded.getState().openTextList({ kind: 'mistakes' });
    expect(reloaded.getState().textList).toEqual({ status: 'unavailable', query: { kind: 'mistakes' } });
    expect(s.data.status).toBe('parsed');
    expect(s.settings.overrides).toMatchObject({ embeddingDim: 16 });
    expect(selectSettings(s).embeddingDim).toBe(16);
    reloaded.getState().setTryText(SPAM);
    await until(reloaded, () => reloaded.getState().tryIt.result !== null, 'a prediction after restore');
  });

  it('Stop ends the run after the current batch and keeps the best model so far', async () => {
    await store.getState().loadFile(smsHead(500), 'sms_head.csv');
    store.getState().updateSetting('epochs', 200);
    store.getState().updateSetting('earlyStoppingPatience', 0);
    await store.getState().openTextList({ kind: 'mistakes' });
    const run = store.getState().train();
    await until(store, () => store.getState().run.epochs.length > 0, 'the first epoch');
    store.getState().stopTraining();
    expect(store.getState().training).toMatchObject({ status: 'training', stopping: true });
    await run;
    const { training, model } = store.getState();
    expect(training).toMatchObject({ status: 'trained', stopReason: 'user' });
    expect(readyModel(model)?.summary.training.history.length).toBeLessThan(200);
    // The list open before follows the new model: closed, not the old model's texts.
    expect(store.getState().textList).toEqual({ status: 'closed' });
    expect(store.getState().run.announcement).toMatchObject({ kind: 'finished', stopReason: 'user' });
  });

  it('"New" forgets everything, saved work included', async () => {
    await store.getState().newWorkspace();
    const s = store.getState();
    expect(s.data.status).toBe('idle');
    expect(s.model.status).toBe('none');
    expect(await persistence.load()).toEqual({});
  });
});

function currentHeader(store: SiftStore): boolean | null {
  const data = store.getState().data;
  return data.status === 'parsed' ? data.current.summary.hasHeader : null;
}
