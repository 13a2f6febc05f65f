import type { EngineClient } from '@/worker/client';
import type { Persistence } from './persistence';
import type { StorageProblem } from './storageProblem';
import type { DataSource } from './types';
import type { WorkspaceLock } from './workspaceLock';

/** Everything the store needs from the outside world, injected so tests run it in Node. */
export interface StoreDeps {
  engine: EngineClient;
  persistence: Persistence;
  /** Bytes of a bundled sample (public/samples/NAME). */
  fetchSample(fileName: string): Promise<Uint8Array>;
  /** requestAnimationFrame in the page: progress reaches the store at most once per frame. */
  scheduleFrame(callback: () => void): void;
  now(): number;
  /** Pause after the last keystroke before the Try box asks for a prediction. */
  tryDebounceMs: number;
  /**
   * Measure the backends for 'auto' right after a dataset is read, so Train starts at once
   * (the app: yes; Node tests: no, they would only spend CPU on it).
   */
  measureBackendsEarly?: boolean;
  /**
   * performance.mark in the page, for measuring (e.g. Train click → first chart point; the
   * worker's time per Try-box answer, in `detail`).
   */
  mark?(name: string, detail?: Record<string, number>): void;
  /** Which tab keeps the workspace (workspaceLock.ts); default: this one, always. */
  workspaceLock?: WorkspaceLock;
  /** Why there is no browser storage here (persistence is then memory only), or null. */
  storageProblem?: StorageProblem | null;
  /** How long a read of the storage may take before it counts as not answering (default 5 s). */
  storageReadTimeoutMs?: number;
}

/**
 * What the engine (worker) currently holds. The worker loses both when it is restarted (a
 * cancelled parse, a crash); comparing generations tells the store to send them again.
 */
export interface EngineTracker {
  dataset: { source: DataSource; generation: number } | null;
  model: { stored: Uint8Array; generation: number } | null;
}
