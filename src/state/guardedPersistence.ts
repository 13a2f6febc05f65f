import type { Persistence } from './persistence';
import { StorageFailure, storageProblem, type StorageProblem } from './storageProblem';
import type { WorkspaceLock } from './workspaceLock';

/** What decides whether a write may happen, and what hears that the storage cannot be read. */
export interface StorageGuard {
  lock: WorkspaceLock;
  /** Whether this tab may write now (it keeps the workspace, and the storage could be read). */
  mayWrite(): Promise<boolean>;
  /** How long a read may take before the storage counts as not answering. */
  readWithinMs: number;
  /** A read failed or did not answer, and why. */
  onReadFailed(reason: StorageProblem): void;
}

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * `inner` behind the rules of the workspace:
 * - a read (a method whose name starts with `load`, `list` or `get`) that does not answer within `readWithinMs`
 *   fails (an `indexedDB.open()` that never answers left "Restoring your last session…" up
 *   forever), and a failed read is reported, so that this tab does not write over saved work it
 *   could not read;
 * - every other method writes: it runs only while `mayWrite()` says so (this tab keeps the
 *   workspace: workspaceLock.ts) and under the lock's `write`, else it is skipped;
 * - errors become a StorageFailure that says what went wrong as data (storageProblem.ts), which the page words.
 * Methods are found on the object itself, and on the objects it holds (the run list's storage),
 * so a Persistence that gains a method or a store is covered without a change here.
 */
export function guardedPersistence<P extends Persistence>(inner: P, guard: StorageGuard): P {
  const read = async (call: () => Promise<unknown>): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seconds = Math.round(guard.readWithinMs / 100) / 10;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageFailure({ kind: 'no-answer', seconds })), guard.readWithinMs);
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (e) {
      const reason = storageProblem(e);
      guard.onReadFailed(reason);
      throw new StorageFailure(reason);
    } finally {
      clearTimeout(timer);
    }
  };
  const write = async (call: () => Promise<unknown>): Promise<unknown> => {
    if (!(await guard.mayWrite())) return undefined;
    return guard.lock.write(async () => {
      // Asked again under the lock: another tab may have taken over while this write waited.
      if (!(await guard.mayWrite())) return undefined;
      try {
        return await call();
      } catch (e) {
        throw new StorageFailure(storageProblem(e));
      }
    });
  };
  const guardedObject = <T extends object>(target: T): T => {
    const guarded: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(target)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        guarded[name] = guardedObject(value as object);
        continue;
      }
      if (typeof value !== 'function') {
        guarded[name] = value;
        continue;
      }
      const method = value as Method;
      guarded[name] = READS.test(name) ? (...args: unknown[]) => read(() => method.apply(target, args)) : (...args: unknown[]) => write(() => method.apply(target, args));
    }
    return guarded as T;
  };
  return guardedObject(inner);
}

/** Method names that only read. */
const READS = /^(load|list|get)/;
