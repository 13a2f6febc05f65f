/**
 * The Web Locks API's LockManager in memory, for tests in Node (which has no navigator.locks):
 * what Sift uses of it, per the spec — exclusive and shared modes, a FIFO queue, `ifAvailable`
 * (the callback gets null when the lock cannot be had at once) and `steal` (held locks of that
 * name are released and their request() promises reject with an AbortError). The browser's own
 * is exercised by tests/e2e/tabs.e2e.ts.
 */
interface Held {
  mode: LockMode;
  abort(error: Error): void;
}

interface Queued {
  mode: LockMode;
  grant(): void;
}

export class FakeLockManager {
  private readonly held = new Map<string, Set<Held>>();
  private readonly queues = new Map<string, Queued[]>();

  request<T>(name: string, optionsOrCallback: LockOptions | ((lock: Lock | null) => T), maybeCallback?: (lock: Lock | null) => T): Promise<Awaited<T>> {
    const options: LockOptions = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback) as (lock: Lock | null) => T;
    const mode: LockMode = options.mode ?? 'exclusive';
    return new Promise<Awaited<T>>((resolve, reject) => {
      const run = () => {
        const holders = this.holders(name);
        let settled = false;
        const entry: Held = {
          mode,
          abort: (error) => {
            if (settled) return;
            settled = true;
            holders.delete(entry);
            reject(error);
            this.next(name);
          },
        };
        holders.add(entry);
        Promise.resolve()
          .then(() => callback({ name, mode } as Lock))
          .then(
            (value) => {
              if (settled) return;
              settled = true;
              holders.delete(entry);
              resolve(value as Awaited<T>);
              this.next(name);
            },
            (error: unknown) => entry.abort(error as Error),
          );
      };
      if (options.steal) {
        for (const h of [...this.holders(name)]) h.abort(new DOMException('The lock was stolen.', 'AbortError'));
        run();
      } else if (this.grantable(name, mode) && this.queue(name).length === 0) {
        run();
      } else if (options.ifAvailable) {
        Promise.resolve()
          .then(() => callback(null))
          .then((value) => resolve(value as Awaited<T>), reject);
      } else {
        this.queue(name).push({ mode, grant: run });
      }
    });
  }

  private holders(name: string): Set<Held> {
    let set = this.held.get(name);
    if (!set) this.held.set(name, (set = new Set()));
    return set;
  }

  private queue(name: string): Queued[] {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = []));
    return queue;
  }

  private grantable(name: string, mode: LockMode): boolean {
    const holders = [...this.holders(name)];
    return holders.length === 0 || (mode === 'shared' && holders.every((h) => h.mode === 'shared'));
  }

  private next(name: string): void {
    const queue = this.queue(name);
    while (queue.length > 0 && this.grantable(name, queue[0].mode)) queue.shift()?.grant();
  }
}
