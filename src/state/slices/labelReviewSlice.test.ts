/**
 * "Find label problems" through the store as the page uses it: the real engine behind the real
 * protocol (in-process transport) and memory instead of IndexedDB, on real SMS messages with
 * seeded label flips.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import { createEngineClient } from '@/worker/client';
import { inProcessTransport } from '@/worker/inProcessTransport';
import { selectCorrectedClasses, selectDecisionCounts } from '../labelReviewSelectors';
import { memoryPersistence, type Persistence } from '../persistence';
import { readyModel, selectCanTrain } from '../selectors';
import { createSiftStore, type SiftStore } from '../store';
import { correctedFileName } from './labelReviewSlice';

const DIR = 'tests/fixtures/datasets/sms_spam/';
/** The first 500 records of the noisy file: one line each, ~25 seeded flips. */
const NOISY = new TextEncoder().encode(readFileSync(`${DIR}sms_spam_noisy5.csv`, 'utf8').split('\n').slice(0, 501).join('\n'));
const CLEAN = new TextEncoder().encode(readFileSync(`${DIR}sms_spam.csv`, 'utf8').split('\n').slice(0, 301).join('\n'));

function makeStore(persistence: Persistence) {
  const engine = createEngineClient(inProcessTransport({ batchIntervalMs: 0 }));
  const store = createSiftStore({
    engine,
    persistence,
    fetchSample: async () => new Uint8Array(0),
    scheduleFrame: (cb) => setTimeout(cb, 0),
    now: () => performance.now(),
    tryDebounceMs: 5,
  });
  return { store, engine };
}

async function until(done: () => boolean, what: string, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const rows = (store: SiftStore) => (store.getState().labelReview.found?.issues ?? []).map((i) => i.row);

describe('the store: label problems', () => {
  const persistence = memoryPersistence();
  const { store, engine } = makeStore(persistence);
  const later: (() => void)[] = [() => engine.dispose()];
  afterAll(() => later.forEach((f) => f()));

  it('finds them with progress, and Train waits while it runs', async () => {
    await store.getState().loadFile(NOISY, 'noisy.csv');
    for (const [key, value] of [['epochs', 2], ['embeddingDim', 16], ['hiddenUnits', 16], ['backend', 'wasm']] as const) store.getState().updateSetting(key, value);
    const fractions: number[] = [];
    const unsubscribe = store.subscribe((s) => {
      const search = s.labelReview.search;
      if (search.status === 'finding' && search.progress) fractions.push(search.progress.fraction);
    });
    const search = store.getState().findLabelProblems();
    expect(store.getState().labelReview.search.status).toBe('finding');
    expect(selectCanTrain(store.getState())).toBe(false);
    await store.getState().train();
    expect(store.getState().training.status).toBe('idle');
    await search;
    unsubscribe();
    const { labelReview } = store.getState();
    expect(labelReview.search.status).toBe('idle');
    expect(labelReview.found).toMatchObject({ rows: 500, folds: 5 });
    expect(labelReview.found?.issues.length).toBeGreaterThan(3);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // Saved with its dataset.
    expect((await persistence.loadLabelReview())?.found?.issues).toHaveLength(rows(store).length);
  }, 120_000);

  it('Cancel leaves the page as it was, earlier findings included', async () => {
    const before = store.getState().labelReview.found;
    const unsubscribe = store.subscribe((s) => {
      if (s.labelReview.search.status === 'finding' && s.labelReview.search.progress) store.getState().cancelLabelProblems();
    });
    await store.getState().findLabelProblems();
    unsubscribe();
    expect(store.getState().labelReview.search).toEqual({ status: 'idle' });
    expect(store.getState().labelReview.found).toBe(before);
  }, 120_000);

  it('keeps decisions (relabel as suggested, drop, keep, undo), saves them, and counts them', () => {
    const [a, b, c] = store.getState().labelReview.found?.issues ?? [];
    store.getState().decideLabels([a.row], 'relabel');
    store.getState().decideLabels([b.row, c.row], 'drop');
    store.getState().decideLabels([c.row], 'keep');
    expect(store.getState().labelReview.decisions).toEqual(
      [
        { row: a.row, given: a.label, action: 'relabel', label: a.suggested },
        { row: b.row, given: b.label, action: 'drop' },
        { row: c.row, given: c.label, action: 'keep' },
      ].sort((x, y) => x.row - y.row),
    );
    store.getState().undoLabelDecisions([c.row]);
    expect(selectDecisionCounts(store.getState())).toEqual({ relabelled: 1, dropped: 1, kept: 0 });
    const classes = selectCorrectedClasses(store.getState());
    expect(classes?.reduce((n, k) => n + k.count, 0)).toBe(499);
  });

  it('writes the corrected CSV and trains on the corrected examples', async () => {
    const [relabel, drop] = store.getState().labelReview.decisions;
    const file = await store.getState().correctedCsv();
    if (!file) throw new Error('no file');
    expect(file).toMatchObject({ fileName: 'noisy.corrected.csv', encoding: 'utf-8', replacedEncoding: null, relabelled: 1, dropped: 1 });
    const read = loadDataset(file.bytes).examples;
    expect(read).toHaveLength(499);
    const original = loadDataset(NOISY).examples;
    const moved = (row: number) => read.find((e) => e.text === original[row - 1].text);
    for (const d of [relabel, drop]) {
      if (d.action === 'relabel') expect(moved(d.row)?.label).toBe(d.label);
      if (d.action === 'drop') expect(moved(d.row)).toBeUndefined();
    }

    await store.getState().train();
    const model = readyModel(store.getState().model);
    const t = model?.summary.training;
    expect((t?.trainExamples ?? 0) + (t?.validationExamples ?? 0)).toBe(499);
  }, 120_000);

  it('a reload brings findings and decisions back; another file starts with none; its own file brings them back', async () => {
    const decisions = store.getState().labelReview.decisions;
    const { store: reloaded, engine: fresh } = makeStore(persistence);
    later.push(() => fresh.dispose());
    await reloaded.getState().restore();
    await until(() => reloaded.getState().labelReview.decisions.length > 0, 'the saved decisions');
    expect(reloaded.getState().labelReview.decisions).toEqual(decisions);
    expect(rows(reloaded)).toEqual(rows(store));

    await reloaded.getState().loadFile(CLEAN, 'clean.csv');
    expect(reloaded.getState().labelReview).toMatchObject({ found: null, decisions: [] });
    // The same bytes read with another option are another dataset too.
    await reloaded.getState().loadFile(NOISY, 'noisy.csv');
    await until(() => reloaded.getState().labelReview.decisions.length > 0, 'the decisions of noisy.csv');
    await reloaded.getState().setReadOptions({ hasHeader: false });
    expect(reloaded.getState().labelReview.decisions).toEqual([]);
  }, 120_000);

  it('"New" clears them, saved ones included', async () => {
    await store.getState().newWorkspace();
    expect(store.getState().labelReview).toMatchObject({ datasetKey: null, found: null, decisions: [] });
    expect(await persistence.loadLabelReview()).toBeUndefined();
  });
});

describe('correctedFileName', () => {
  it.each([
    ['sms.csv', 'sms.corrected.csv'],
    ['news.utf16.tsv', 'news.utf16.corrected.tsv'],
    ['data', 'data.corrected.csv'],
  ])('%s → %s', (name, expected) => expect(correctedFileName(name)).toBe(expected));
});
