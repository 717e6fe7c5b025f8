// Work the content script leaves for the page's first idle moment, off the injection's clock. Everything asked for
// before then runs in one idle callback: each call into the content script's world costs the page more than a few
// DOM reads.

/** Idle work waits no longer than this. */
const IDLE_TIMEOUT_MS = 300;

let queue: (() => void)[] | null = null;

function runQueue(): void {
  const work = queue ?? [];
  queue = null;
  for (const task of work) task();
}

/** Runs `task` when the page is idle (within 300 ms at the latest), together with any other task asked for meanwhile. */
export function whenIdle(task: () => void): void {
  if (queue) { queue.push(task); return; }
  queue = [task];
  if (typeof requestIdleCallback === 'function') requestIdleCallback(runQueue, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(runQueue, 1);
}
