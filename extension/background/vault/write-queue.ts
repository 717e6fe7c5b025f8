// One queue for every change to the vault's rows and index, so "read, then write" stays atomic within this worker.
// Reads happen before a write's transaction (WebCrypto awaits would auto-commit it), hence the queue.
let writeQueue: Promise<unknown> = Promise.resolve();

/** Runs `work` after every change queued before it. Work already in the queue must not queue more (it would wait on itself). */
export function serialised<T>(work: () => Promise<T>): Promise<T> {
  const run = writeQueue.then(work, work);
  writeQueue = run.catch(() => undefined);
  return run;
}
