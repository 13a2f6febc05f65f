/**
 * The backend rules with a stand-in for one training attempt, so that the failures they exist
 * for (WebGL lost mid-run, a remembered backend that no longer starts) can happen in Node.
 */
import { describe, expect, it } from 'vitest';
import { trainWithBackendRules, type BackendFallback, type BackendMemory } from './backendRules';
import { SiftError } from './errors';
import type { BackendReport } from './model/types';
import type { PreparedTraining, RunTarget, TrainOutcome } from './pipeline';
import { resolveSettings } from './settings';

const prepared = (backend: 'auto' | 'webgl') => ({ settings: resolveSettings({ backend }), input: { fileName: 'a.csv' } }) as PreparedTraining;
const outcome = {} as TrainOutcome;
const report = (name: BackendReport['name'], choice: BackendReport['choice']): BackendReport => ({ name, path: 'sparse', choice, pathChoice: 'only', measurements: [] });

describe('trainWithBackendRules', () => {
  it('moves a run that loses WebGL mid-run to wasm, says so, and forgets WebGL for later runs', async () => {
    const memory: BackendMemory = { known: { report: report('webgl', 'measured'), fileName: 'a.csv', at: 0 } };
    const targets: RunTarget[] = [];
    const fallbacks: BackendFallback[] = [];
    const result = await trainWithBackendRules(prepared('webgl'), memory, { onFallback: (f) => fallbacks.push(f) }, () => 0, async (_p, target, callbacks) => {
      targets.push(target);
      callbacks?.onBackend?.(report(target.backend === 'wasm' ? 'wasm' : 'webgl', 'user'));
      if (target.backend === 'webgl') throw new Error('CONTEXT_LOST_WEBGL');
      return outcome;
    });
    expect(result).toBe(outcome);
    expect(targets).toEqual([{ backend: 'webgl' }, { backend: 'wasm' }]);
    expect(fallbacks).toEqual([{ from: 'webgl', to: 'wasm', reason: 'CONTEXT_LOST_WEBGL' }]);
    expect(memory.known).toBeNull();
  });

  it('measures afresh when a remembered backend no longer starts, and remembers the new choice', async () => {
    const memory: BackendMemory = { known: { report: report('webgl', 'measured'), fileName: 'a.csv', at: 0 } };
    const targets: RunTarget[] = [];
    const seen: BackendReport[] = [];
    await trainWithBackendRules(prepared('auto'), memory, { onBackend: (r) => seen.push(r) }, () => 5, async (_p, target, callbacks) => {
      targets.push(target);
      if (target.backend === 'webgl') throw new SiftError('BACKEND_UNAVAILABLE', 'no WebGL context');
      callbacks?.onBackend?.(report('wasm', 'measured'));
      return outcome;
    });
    expect(targets).toEqual([{ backend: 'webgl', path: 'sparse' }, { backend: 'auto' }]);
    expect(seen.map((r) => `${r.name} ${r.choice}`)).toEqual(['wasm measured']);
    expect(memory.known).toMatchObject({ report: { name: 'wasm' }, fileName: 'a.csv', at: 5 });
  });

  it('never retries a problem with the data or settings, nor a run the person stopped', async () => {
    const memory: BackendMemory = { known: null };
    let attempts = 0;
    const fail = async (): Promise<TrainOutcome> => {
      attempts++;
      throw new SiftError('SINGLE_CLASS', 'one class');
    };
    await expect(trainWithBackendRules(prepared('webgl'), memory, {}, () => 0, fail)).rejects.toMatchObject({ code: 'SINGLE_CLASS' });
    expect(attempts).toBe(1);
    const stopped = async (_p: PreparedTraining, _t: RunTarget, callbacks?: { shouldStop?(): boolean; onBackend?(r: BackendReport): void }) => {
      callbacks?.onBackend?.(report('webgl', 'user'));
      callbacks?.shouldStop?.();
      throw new Error('lost');
    };
    await expect(trainWithBackendRules(prepared('webgl'), memory, { shouldStop: () => true }, () => 0, stopped)).rejects.toThrow('lost');
  });
});
