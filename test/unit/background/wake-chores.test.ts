// The chores a woken worker owes the browser wait for the messages that woke it, and never wait for long.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type WakeChores = typeof import('../../../extension/background/wake-chores.ts');

async function freshWorker(): Promise<WakeChores> {
  vi.resetModules();
  const chores = await import('../../../extension/background/wake-chores.ts');
  chores.armWakeChores();
  return chores;
}

const settle = () => new Promise<void>((resolve) => { queueMicrotask(resolve); });

describe('wake chores', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('run only once every message that arrived with the wake is answered', async () => {
    const w = await freshWorker();
    const ran: string[] = [];
    w.messageStarted(); // the message that woke the worker
    w.afterWake(async () => { ran.push('icon'); });
    w.afterWake(async () => { ran.push('idle interval'); });
    w.messageStarted(); // a second one, sent by the same popup
    w.messageAnswered();
    await settle();
    expect(ran).toEqual([]);
    w.messageAnswered();
    await settle();
    expect(ran).toEqual(['icon', 'idle interval']);
    vi.advanceTimersByTime(1000);
    await settle();
    expect(ran).toHaveLength(2); // once, not again when the timer fires
  });

  it('run after half a second when no message woke the worker, or one is never answered', async () => {
    const w = await freshWorker();
    const ran: string[] = [];
    w.messageStarted();
    w.afterWake(async () => { ran.push('clipboard'); });
    vi.advanceTimersByTime(499);
    await settle();
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    await settle();
    expect(ran).toEqual(['clipboard']);
  });

  it('runs a chore at once after the wake, and one that fails does not stop the others', async () => {
    const w = await freshWorker();
    const ran: string[] = [];
    w.afterWake(() => Promise.reject(new Error('storage is gone')));
    w.afterWake(async () => { ran.push('second'); });
    vi.advanceTimersByTime(500);
    await settle();
    expect(ran).toEqual(['second']);
    w.afterWake(async () => { ran.push('late'); });
    await settle();
    expect(ran).toEqual(['second', 'late']);
  });
});
