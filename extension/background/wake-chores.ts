// What a woken worker re-arms for the browser (state that does not outlive it), held back until the messages that woke
// it are answered. Each chore is a storage or browser-API round trip through the browser process, the path those
// messages take as well: run at once, they delay the answer the user is waiting for (scripts/bench/worker-start.ts
// measured the first message to a stopped worker at 1.43-1.80x a minimal extension's with them, 1.38-1.49x without).

/** If nothing is being answered (woken by an alarm, a tab event), the chores run after this long at the latest. */
const LATEST_MS = 500;

type Chore = () => Promise<unknown>;

const waiting: Chore[] = [];
let released = false;
let inFlight = 0;

function run(chore: Chore): void {
  void chore().catch(() => undefined);
}

function release(): void {
  if (released) return;
  released = true;
  for (const chore of waiting.splice(0)) run(chore);
}

/** Runs `chore` once the worker's first messages are answered (at once if they already are). Never throws. */
export function afterWake(chore: Chore): void {
  if (released) run(chore);
  else waiting.push(chore);
}

/** Called by the message listener around each message, so the chores wait until none is left to answer. */
export function messageStarted(): void {
  inFlight += 1;
}

export function messageAnswered(): void {
  inFlight -= 1;
  if (inFlight === 0) release();
}

/** Starts the latest-release timer: call once, when the worker starts. */
export function armWakeChores(): void {
  setTimeout(release, LATEST_MS);
}
