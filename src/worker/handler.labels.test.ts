/**
 * The worker's label-problem commands driven directly in Node with the real engine, every event
 * structured-cloned as postMessage would: throttled progress, the result, Cancel, and the
 * corrected CSV's bytes transferred.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '@/core/dataset/load';
import { createHandler } from './handler';
import type { WorkerEvent } from './protocol';

const NOISY = readFileSync('tests/fixtures/datasets/sms_spam/sms_spam_noisy5.csv', 'utf8').split('\n').slice(0, 401).join('\n');
const OVERRIDES = { epochs: 2, embeddingDim: 16, hiddenUnits: 16, backend: 'wasm' } as const;
const buffer = () => new TextEncoder().encode(NOISY).buffer as ArrayBuffer;

function harness(batchIntervalMs: number) {
  const events: WorkerEvent[] = [];
  const handler = createHandler((event, transfer = []) => events.push(structuredClone(event, { transfer })), { batchIntervalMs });
  return { handler, events };
}

describe('worker handler: label problems', () => {
  it('sends the end of every fold however tight the throttle, then the flagged rows', async () => {
    const { handler, events } = harness(1e9);
    await handler.handle({ type: 'parse', id: 1, bytes: buffer(), options: {}, fileName: 'noisy.csv' });
    events.length = 0;
    await handler.handle({ type: 'findLabelIssues', id: 2, overrides: OVERRIDES, folds: 4 });
    const progress = events.flatMap((e) => (e.type === 'labelIssuesProgress' ? [e.progress] : []));
    // The first batch passes the throttle, then only fold ends do.
    expect(progress.filter((p) => p.epoch === 0).map((p) => [p.fold, p.fraction])).toEqual([
      [1, 0.25],
      [2, 0.5],
      [3, 0.75],
      [4, 1],
    ]);
    expect(progress.length).toBeLessThanOrEqual(5);
    const last = events.at(-1);
    if (last?.type !== 'labelIssuesFound') throw new Error(`expected labelIssuesFound, got ${last?.type}`);
    expect(last).toMatchObject({ id: 2, found: { rows: 400, folds: 4, labels: ['ham', 'spam'] } });
    expect(last.found.issues.every((i) => i.flagged && i.suggested !== i.label)).toBe(true);
    expect(events.some((e) => e.type === 'backend' && e.report.name === 'wasm')).toBe(true);
  }, 120_000);

  it('Cancel ends the search with CANCELLED; a Train then runs', async () => {
    const { handler, events } = harness(0);
    await handler.handle({ type: 'parse', id: 1, bytes: buffer(), options: {}, fileName: 'noisy.csv' });
    const search = handler.handle({ type: 'findLabelIssues', id: 2, overrides: { ...OVERRIDES, epochs: 100, earlyStoppingPatience: 0 } });
    while (!events.some((e) => e.type === 'labelIssuesProgress')) await new Promise((r) => setTimeout(r, 1));
    await handler.handle({ type: 'cancelLabelIssues', id: 3 });
    await search;
    expect(events.at(-1)).toMatchObject({ type: 'failed', id: 2, error: { code: 'CANCELLED' } });
    await handler.handle({ type: 'train', id: 4, overrides: { ...OVERRIDES, epochs: 1 }, name: 'after' });
    expect(events.at(-1)?.type).toBe('trained');
  }, 120_000);

  it('writes the corrected CSV and hands its bytes over', async () => {
    const { handler, events } = harness(0);
    const [first, second] = loadDataset(new TextEncoder().encode(NOISY)).examples;
    await handler.handle({
      type: 'writeCorrectedCsv',
      id: 5,
      bytes: buffer(),
      options: {},
      decisions: [
        { row: first.row, given: first.label, action: 'drop' },
        { row: second.row, given: second.label, action: 'relabel', label: 'ham' },
      ],
    });
    const last = events.at(-1);
    if (last?.type !== 'correctedCsvWritten') throw new Error(`expected correctedCsvWritten, got ${JSON.stringify(last)}`);
    expect(last.file).toMatchObject({ encoding: 'utf-8', replacedEncoding: null, relabelled: 1, dropped: 1, stale: [] });
    const lines = new TextDecoder().decode(last.file.bytes).split('\n');
    expect(lines[1]).toBe(NOISY.split('\n')[2].replace(/,spam\r$/, ',ham\r'));
  });
});
