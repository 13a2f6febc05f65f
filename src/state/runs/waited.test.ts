import { describe, expect, it } from 'vitest';
import type { BackendReport } from '@/core/model/types';
import type { ProgressEvent } from '@/worker/protocol';
import { WaitClock } from './waited';

const report: BackendReport = { name: 'wasm', path: 'sparse', choice: 'measured', pathChoice: 'only', measurements: [] };
const info = { labels: ['a', 'b'], vocabularySize: 10, trainExamples: 9, validationExamples: 1 };
const preparing = (fraction: number): ProgressEvent => ({ type: 'preparing', id: 1, progress: { stage: 'tokenizing', fraction } });

/** Feeds [ms, event] pairs into a clock started at 0 and reads it at `end` ms. */
function waited(events: [number, ProgressEvent][], end: number) {
  const clock = new WaitClock(0);
  for (const [at, event] of events) clock.event(event, at);
  return clock.read(end);
}

describe('WaitClock', () => {
  it('splits a run that prepares, measures the backends, then trains', () => {
    const time = waited(
      [
        [100, preparing(0.5)],
        [800, preparing(1)],
        [900, { type: 'prepared', id: 1, info }],
        [950, { type: 'measuring', id: 1 }],
        [2950, { type: 'backend', id: 1, report }],
      ],
      4000,
    );
    expect(time).toEqual({ total: 4, preparing: 0.9, measuring: 2, training: 1.1 });
  });

  it('counts waiting for a measurement ahead of Train as measuring, except its own preparing', () => {
    const time = waited(
      [
        [0, { type: 'measuring', id: 1 }],
        [200, preparing(0.3)],
        [1200, preparing(1)],
        [3200, { type: 'prepared', id: 1, info }],
        [3300, { type: 'backend', id: 1, report }],
      ],
      5000,
    );
    expect(time).toEqual({ total: 5, preparing: 1, measuring: 2.2, training: 1.8 });
  });

  it('reads a run still going up to now', () => {
    expect(waited([[500, { type: 'prepared', id: 1, info }]], 1500)).toEqual({ total: 1.5, preparing: 0.5, measuring: 0, training: 1 });
  });
});
