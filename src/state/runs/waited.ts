import type { ProgressEvent } from '@/worker/protocol';
import type { WaitedTime } from './types';

type Phase = 'preparing' | 'measuring' | 'training';

/**
 * Splits the time a person waits for a run (Train click → trained model) into preparing,
 * measuring and training, from the engine's events as they arrive:
 *   click → [measuring: a measurement ahead of Train still going] → preparing … → prepared →
 *   [measuring: the run measures the backends] → backend → batches … → end.
 * A measurement the run waits for may itself be preparing: its 'preparing' reports count as
 * preparing; once they reach 100% the rest of that wait is measuring.
 */
export class WaitClock {
  private phase: Phase = 'preparing';
  private since: number;
  private prepared = false;
  private measuringSeen = false;
  private readonly spent: Record<Phase, number> = { preparing: 0, measuring: 0, training: 0 };

  constructor(private readonly startedAt: number) {
    this.since = startedAt;
  }

  /** Call as each event arrives, with the page's clock. */
  event(event: ProgressEvent, at: number): void {
    switch (event.type) {
      case 'measuring':
        this.measuringSeen = true;
        this.enter('measuring', at);
        return;
      case 'preparing':
        if (event.progress.fraction < 1) this.enter('preparing', at);
        else if (this.measuringSeen && !this.prepared) this.enter('measuring', at);
        return;
      case 'prepared':
        this.prepared = true;
        this.enter('training', at);
        return;
      case 'backend':
        this.enter('training', at);
        return;
      default:
        return;
    }
  }

  /** The split at `at` (the run's end, or now for a run still going). */
  read(at: number): WaitedTime {
    const spent = { ...this.spent, [this.phase]: this.spent[this.phase] + Math.max(0, at - this.since) };
    const seconds = (ms: number) => ms / 1000;
    return {
      total: seconds(Math.max(0, at - this.startedAt)),
      preparing: seconds(spent.preparing),
      measuring: seconds(spent.measuring),
      training: seconds(spent.training),
    };
  }

  private enter(phase: Phase, at: number): void {
    this.spent[this.phase] += Math.max(0, at - this.since);
    this.phase = phase;
    this.since = at;
  }
}
