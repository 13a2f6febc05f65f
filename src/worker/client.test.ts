import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/core/settings';
import { createEngineClient, type Transport, type TransportFactory } from './client';
import type { WorkerCommand, WorkerEvent } from './protocol';

/** A transport that lets the test play the worker: it records commands and answers by hand. */
function scripted() {
  const sent: WorkerCommand[] = [];
  let emit: (e: WorkerEvent) => void = () => {};
  let crash: (m: string) => void = () => {};
  let restarts = 0;
  const factory: TransportFactory = (onEvent, onCrash) => {
    emit = onEvent;
    crash = onCrash;
    const t: Transport = { send: (c) => void sent.push(c), restart: () => void restarts++, dispose: () => {} };
    return t;
  };
  return { factory, sent, emit: (e: WorkerEvent) => emit(e), crash: (m: string) => crash(m), restarts: () => restarts };
}

describe('createEngineClient', () => {
  it('routes progress to the request that asked and resolves it on its final event', async () => {
    const w = scripted();
    const client = createEngineClient(w.factory);
    const progress: string[] = [];
    const done = client.train({ epochs: 3 }, 'm', (e) => progress.push(e.type));
    const id = w.sent[0].id;
    expect(w.sent[0].type).toBe('train');
    w.emit({ type: 'measuring', id });
    w.emit({ type: 'measuring', id: id + 99 });
    const stored = new ArrayBuffer(3);
    w.emit({ type: 'trained', id, model: { name: 'm' } as never, stored });
    await expect(done).resolves.toEqual({ model: { name: 'm' }, stored });
    expect(progress).toEqual(['measuring']);
  });

  it('rejects with the engine’s error', async () => {
    const w = scripted();
    const client = createEngineClient(w.factory);
    const p = client.explain('x');
    w.emit({ type: 'failed', id: w.sent[0].id, error: { code: 'NOT_TRAINED', message: 'Train first.' } });
    await expect(p).rejects.toEqual({ code: 'NOT_TRAINED', message: 'Train first.' });
  });

  it('cancelling a parse restarts the engine, rejects what was pending and bumps the generation', async () => {
    const w = scripted();
    const client = createEngineClient(w.factory);
    const bytes = new Uint8Array([1, 2, 3]);
    const p = client.parse(bytes, {}, 'a.csv');
    // The page keeps its bytes; a copy went to the worker.
    expect(bytes.byteLength).toBe(3);
    expect((w.sent[0] as Extract<WorkerCommand, { type: 'parse' }>).bytes.byteLength).toBe(3);
    client.cancelParse();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(client.generation).toBe(1);
    expect(w.restarts()).toBe(1);
  });

  it('a crashed worker fails every pending request with WORKER_FAILED', async () => {
    const w = scripted();
    const client = createEngineClient(w.factory);
    const a = client.explain('a');
    const b = client.importModel(new Uint8Array(2));
    w.crash('out of memory');
    await expect(a).rejects.toMatchObject({ code: 'WORKER_FAILED' });
    await expect(b).rejects.toMatchObject({ code: 'WORKER_FAILED', message: expect.stringContaining('out of memory') });
  });

  it('starts no transport until first used', () => {
    let made = 0;
    createEngineClient(() => {
      made++;
      return { send() {}, restart() {}, dispose() {} };
    });
    expect(made).toBe(0);
  });
});
