/**
 * One tab at a time keeps the workspace. Every tab of Sift reads and writes the same IndexedDB
 * store: two tabs training side by side overwrote each other's model, and "New" in one wiped the
 * other's saved work. The tab that opens first keeps the workspace; a later one is told plainly
 * that Sift is open elsewhere, reads and writes nothing, and may take over, after which the first
 * stops saving and says so.
 *
 * With the Web Locks API (every current browser, in a secure context: https or localhost) the
 * workspace is a lock held for the tab's lifetime, released by the browser when the tab closes,
 * and taken over with `steal`, which rejects the holder's request: that is how the first tab
 * hears of it. Each write holds a second lock in shared mode, and a tab taking over waits for it
 * in exclusive mode, so a save already under way in the other tab ends before it reads.
 * Where Web Locks are missing (a page served over plain http from another machine), tabs ask each
 * other over a BroadcastChannel; failing both, a tab keeps the workspace as before.
 */

/** Which tab keeps the workspace (see the file comment). */
export interface WorkspaceLock {
  /**
   * Becomes the tab that keeps the workspace unless another has it. true: this tab has it until
   * another takes it over, when `onTakenOver` is called; false: another tab has it.
   */
  claim(onTakenOver: () => void): Promise<boolean>;
  /** Takes the workspace from the tab that keeps it, once that tab's saves under way have ended. */
  takeOver(onTakenOver: () => void): Promise<void>;
  /** Runs one write so that a take-over waits for it to end. */
  write<T>(save: () => Promise<T>): Promise<T>;
}

const LOCK = 'sift-workspace';
const WRITING = 'sift-workspace-writing';

/** The workspace as a Web Lock held for the tab's lifetime. */
export function webLocksWorkspace(locks: LockManager): WorkspaceLock {
  const hold = (options: LockOptions, onTakenOver: () => void): Promise<boolean> =>
    new Promise<boolean>((resolve, reject) => {
      locks
        .request(LOCK, options, (lock) => {
          resolve(lock !== null);
          // Held until the tab closes, or another tab steals it (which rejects this request).
          return lock ? new Promise<void>(() => {}) : undefined;
        })
        .catch((e: unknown) => {
          if (e instanceof Error && e.name === 'AbortError') onTakenOver();
          else reject(e);
        });
    });
  return {
    claim: (onTakenOver) => hold({ ifAvailable: true }, onTakenOver),
    async takeOver(onTakenOver) {
      await hold({ steal: true }, onTakenOver);
      // The other tab's writes hold WRITING shared: this waits for the ones under way.
      await locks.request(WRITING, { mode: 'exclusive' }, async () => {});
    },
    write: <T>(save: () => Promise<T>) => locks.request(WRITING, { mode: 'shared' }, save) as Promise<T>,
  };
}

/** How tabs talk over the BroadcastChannel fallback. */
type TabMessage =
  | { type: 'who-keeps-it'; from: string }
  | { type: 'i-keep-it'; from: string }
  | { type: 'take-over'; from: string }
  | { type: 'released'; to: string };

export interface BroadcastOptions {
  /** How long a tab waits for the keeper to answer before it keeps the workspace itself. */
  answerWithinMs?: number;
  /** Names this tab in its messages (tests give fixed ones). */
  id?: string;
}

/**
 * The fallback where Web Locks are missing: a tab asks over a BroadcastChannel whether another
 * keeps the workspace and keeps it if none answers in time. Weaker than a lock (two tabs opened
 * in the same instant may both keep it), which is why Web Locks come first.
 */
export function broadcastWorkspace(channel: BroadcastChannel, options: BroadcastOptions = {}): WorkspaceLock {
  const answerWithinMs = options.answerWithinMs ?? 300;
  const id = options.id ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  let keeping = false;
  let takenOver: (() => void) | null = null;
  const writing = new Set<Promise<unknown>>();
  const waiting = new Map<string, (message: TabMessage) => void>();
  const post = (message: TabMessage) => channel.postMessage(message);

  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    switch (message.type) {
      case 'who-keeps-it':
        if (keeping) post({ type: 'i-keep-it', from: id });
        return;
      case 'take-over':
        if (!keeping) return;
        keeping = false;
        takenOver?.();
        void Promise.allSettled([...writing]).then(() => post({ type: 'released', to: message.from }));
        return;
      case 'i-keep-it':
        waiting.get('i-keep-it')?.(message);
        return;
      case 'released':
        if (message.to === id) waiting.get('released')?.(message);
        return;
    }
  };
  /** Resolves true when `type` arrives within the wait, false otherwise. */
  const answer = (type: 'i-keep-it' | 'released'): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(type);
        resolve(false);
      }, answerWithinMs);
      waiting.set(type, () => {
        clearTimeout(timer);
        waiting.delete(type);
        resolve(true);
      });
    });

  return {
    async claim(onTakenOver) {
      const heard = answer('i-keep-it');
      post({ type: 'who-keeps-it', from: id });
      if (await heard) return false;
      keeping = true;
      takenOver = onTakenOver;
      return true;
    },
    async takeOver(onTakenOver) {
      const released = answer('released');
      post({ type: 'take-over', from: id });
      // No answer: the keeper has closed meanwhile, or there was none.
      await released;
      keeping = true;
      takenOver = onTakenOver;
    },
    async write(save) {
      const running = save();
      writing.add(running);
      try {
        return await running;
      } finally {
        writing.delete(running);
      }
    },
  };
}

/** No way to tell tabs apart: this tab keeps the workspace, as before any of this existed. */
export function soleWorkspace(): WorkspaceLock {
  return { claim: async () => true, takeOver: async () => {}, write: (save) => save() };
}

/** The best this browser offers: Web Locks, else a BroadcastChannel, else none. */
export function browserWorkspaceLock(): WorkspaceLock {
  if (typeof navigator !== 'undefined' && navigator.locks) return webLocksWorkspace(navigator.locks);
  if (typeof BroadcastChannel !== 'undefined') return broadcastWorkspace(new BroadcastChannel(LOCK));
  return soleWorkspace();
}
