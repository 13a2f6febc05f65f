import { describe, expect, it } from 'vitest';
import { initialState } from './initialState';
import { journey } from './journey';
import type { ParsedData, ReadyModel, SiftData } from './types';

const parsed = (trainable: boolean) => ({ summary: { report: { trainable } } }) as unknown as ParsedData;
const model = { status: 'ready', summary: {}, bundle: new Uint8Array(), origin: 'trained' } as unknown as ReadyModel;
const state = (change: Partial<SiftData>) => ({ ...initialState(), ...change });
const done = (s: ReturnType<typeof journey>) => s.steps.filter((x) => x.done).map((x) => x.id);

describe('journey', () => {
  it('starts at Data', () => {
    const j = journey(initialState());
    expect([j.current, j.next, done(j)]).toEqual(['data', 'load-data', []]);
  });

  it('after data loads: Data done, Settings current, next is Train', () => {
    const j = journey(state({ data: { status: 'parsed', current: parsed(true) } }));
    expect([j.current, j.next, done(j)]).toEqual(['settings', 'train', ['data']]);
  });

  it('data that cannot be trained on keeps the person at Data', () => {
    const j = journey(state({ data: { status: 'parsed', current: parsed(false) } }));
    expect([j.current, j.next, done(j)]).toEqual(['data', 'fix-data', []]);
  });

  it('while training: Train current', () => {
    const j = journey(state({ data: { status: 'parsed', current: parsed(true) }, training: { status: 'training', startedAt: 0, totalEpochs: 2, patience: 1, stopping: false } }));
    expect([j.current, done(j)]).toEqual(['train', ['data', 'settings']]);
  });

  it('with a model: Evaluate, then Try once a text was tried', () => {
    const base = { data: { status: 'parsed', current: parsed(true) }, model } as const;
    const j = journey(state(base));
    expect([j.current, done(j)]).toEqual(['evaluate', ['data', 'settings', 'train']]);
    const tried = journey(state({ ...base, tryIt: { ...initialState().tryIt, text: 'hi', result: {} as never } }));
    expect([tried.current, tried.next, done(tried)]).toEqual(['try', 'export', ['data', 'settings', 'train', 'evaluate']]);
  });
});
