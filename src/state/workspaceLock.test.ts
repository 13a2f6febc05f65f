/**
 * Two tabs and one workspace, with Web Locks (a spec-following LockManager in memory: Node has
 * none) and with the BroadcastChannel fallback (Node's own BroadcastChannel between two channels,
 * as between two tabs).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeLockManager } from '../../tests/helpers/fakeLockManager';
import { broadcastWorkspace, soleWorkspace, webLocksWorkspace, type WorkspaceLock } from './workspaceLock';

const tick = () => new Promise((r) => setTimeout(r, 0));

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const channels: BroadcastChannel[] = [];
afterEach(() => {
  channels.splice(0).forEach((c) => c.close());
});

const setups: [string, () => [WorkspaceLock, WorkspaceLock]][] = [
  [
    'Web Locks',
    () => {
      const locks = new FakeLockManager() as unknown as LockManager;
      return [webLocksWorkspace(locks), webLocksWorkspace(locks)];
    },
  ],
  [
    'BroadcastChannel',
    () => {
      const [a, b] = [new BroadcastChannel('sift-test'), new BroadcastChannel('sift-test')];
      channels.push(a, b);
      return [broadcastWorkspace(a, { id: 'a', answerWithinMs: 100 }), broadcastWorkspace(b, { id: 'b', answerWithinMs: 100 })];
    },
  ],
];

describe.each(setups)('two tabs with %s', (_name, twoTabs) => {
  it('the first tab keeps the workspace, the second is told another tab has it', async () => {
    const [a, b] = twoTabs();
    const lost: string[] = [];
    expect(await a.claim(() => lost.push('a'))).toBe(true);
    expect(await b.claim(() => lost.push('b'))).toBe(false);
    expect(lost).toEqual([]);
  });

  it('taking over tells the first tab, after the save it had under way has ended', async () => {
    const [a, b] = twoTabs();
    const events: string[] = [];
    await a.claim(() => events.push('a taken over'));
    await b.claim(() => events.push('b taken over'));
    const save = deferred();
    const saving = a.write(async () => {
      events.push('a saving');
      await save.promise;
      events.push('a saved');
    });
    await tick();
    const takeOver = b.takeOver(() => events.push('b taken over')).then(() => events.push('b keeps it'));
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(['a saving', 'a taken over']);
    save.resolve();
    await Promise.all([saving, takeOver]);
    expect(events).toEqual(['a saving', 'a taken over', 'a saved', 'b keeps it']);
  });

  it('after a take-over the first tab is told the other keeps it, and can take it back', async () => {
    const [a, b] = twoTabs();
    const events: string[] = [];
    await a.claim(() => events.push('a taken over'));
    await b.takeOver(() => events.push('b taken over'));
    expect(await a.claim(() => events.push('a taken over again'))).toBe(false);
    await a.takeOver(() => events.push('a taken over again'));
    expect(events).toEqual(['a taken over', 'b taken over']);
  });
});

describe('soleWorkspace', () => {
  it('keeps the workspace and writes at once', async () => {
    const sole = soleWorkspace();
    expect(await sole.claim(() => {})).toBe(true);
    expect(await sole.write(async () => 7)).toBe(7);
  });
});
