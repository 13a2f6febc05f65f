/**
 * Measuring the backends ahead of Train: the handler answers with the `auto` choice, and a later
 * 'auto' run trains on it at once, saying when and on what it was measured (Node: wasm and cpu).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '@/core/settings';
import { createHandler } from './handler';
import type { WorkerEvent } from './protocol';

const SMS = readFileSync('tests/fixtures/datasets/sms_spam/sms_spam.csv', 'utf8').split('\n').slice(0, 301).join('\n');
const SETTINGS = resolveSettings({ epochs: 1, embeddingDim: 8, hiddenUnits: 8, batchSize: 32, sequenceLength: 30, vocabularySize: 1000, backend: 'auto', validationShare: 0.2 });

describe('measuring backends ahead of Train', () => {
  const events: WorkerEvent[] = [];
  const handler = createHandler((event, transfer = []) => events.push(structuredClone(event, { transfer })), { batchIntervalMs: 0 });
  const take = () => events.splice(0, events.length);
  afterAll(() => handler.dispose());

  it('answers null before any data, then the measured choice after a parse', async () => {
    await handler.handle({ type: 'measureBackends', id: 1, settings: SETTINGS });
    expect(take()).toEqual([{ type: 'measured', id: 1, known: null }]);
    await handler.handle({ type: 'parse', id: 2, bytes: new TextEncoder().encode(SMS).buffer as ArrayBuffer, options: {}, fileName: 'sms.csv' });
    take();
    await handler.handle({ type: 'measureBackends', id: 3, settings: SETTINGS });
    const answer = take().at(-1);
    if (answer?.type !== 'measured' || !answer.known) throw new Error(`expected a measurement, got ${JSON.stringify(answer)}`);
    expect(answer.known.fileName).toBe('sms.csv');
    expect(answer.known.report.reason).toMatch(/measured/);
    expect(answer.known.report.measurements.map((m) => m.name)).toEqual(['webgl', 'wasm', 'cpu']);
  }, 60_000);

  it('trains an auto run on the measured backend without measuring again, and says so', async () => {
    await handler.handle({ type: 'train', id: 4, settings: SETTINGS, name: 'sms' });
    const got = take();
    expect(got.some((e) => e.type === 'measuring')).toBe(false);
    const backend = got.find((e) => e.type === 'backend');
    if (backend?.type !== 'backend') throw new Error('no backend event');
    expect(backend.report.reason).toMatch(/measured on sms\.csv \d+ s before this run/);
    expect(backend.report.measurements.length).toBe(3);
    expect(got.at(-1)?.type).toBe('trained');
  }, 60_000);

  it('trains a run with a backend chosen by the person on that one, as before', async () => {
    await handler.handle({ type: 'train', id: 5, settings: { ...SETTINGS, backend: 'cpu' }, name: 'sms' });
    const backend = take().find((e) => e.type === 'backend');
    expect(backend).toMatchObject({ report: { name: 'cpu', reason: 'chosen by you' } });
  }, 60_000);
});
