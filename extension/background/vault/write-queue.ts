// One queue for every change to the vault's rows and index, so "read, then write" stays atomic within this worker.
// Reads happen before a write's transaction (WebCrypto awaits would auto-commit it), hence the queue.
/**
 * A queue of its own: each call runs its work after every piece queued before it on the same queue, whether that
 * succeeded or failed. For a read-change-write that must not interleave with another (settings, the backup reminder).
 */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
}

/** Runs `work` after every change queued before it. Work already in the queue must not queue more (it would wait on itself). */
export const serialised = serialQueue();
