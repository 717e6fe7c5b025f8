// Fills a code field once more when a page script empties it right after Keyfob filled it (hydration, a form reset),
// but never after the user typed in it or submitted it, and at most once per field.

/** When the value is read back after a fill: a page that resets its form does so within the first seconds. */
export const READ_BACK_MS: readonly number[] = [300, 1500];

export interface RefillWatch {
  /** Schedules `check` after `ms`. */
  later(check: () => void, ms: number): void;
}

const browserTimers: RefillWatch = { later: (check, ms) => void setTimeout(check, ms) };

/** Fields already refilled once (by their first input): a page that keeps clearing them is not fought forever. */
const refilled = new WeakSet<HTMLInputElement>();

/** Whether a guarded field should be filled again now: every box empty, still in the page, untouched by the user. */
export function shouldRefill(state: { values: string[]; connected: boolean; userActed: boolean; alreadyRefilled: boolean }): boolean {
  return !state.alreadyRefilled && !state.userActed && state.connected && state.values.length > 0
    && state.values.every((v) => v === '');
}

/**
 * Watches a field Keyfob just filled. The user's own input (a trusted event: pages cannot forge one) or a submit of its
 * form ends the watch; so does a replaced element (the watcher then finds the new one as a new field and fills that).
 * `refill` is called at most once per field, and must ask the background for a code again rather than reuse one.
 */
export function guardAgainstClearing(inputs: HTMLInputElement[], refill: () => void, timers: RefillWatch = browserTimers): void {
  const [first] = inputs;
  if (!first || refilled.has(first)) return;
  let userActed = false;
  let done = false;
  const onInput = (event: Event): void => {
    if (event.isTrusted) stop(true);
  };
  const onSubmit = (): void => stop(true);
  const form = first.form;
  function stop(byUser: boolean): void {
    if (byUser) userActed = true;
    if (done) return;
    done = true;
    for (const input of inputs) input.removeEventListener('input', onInput, true);
    form?.removeEventListener('submit', onSubmit, true);
  }
  for (const input of inputs) input.addEventListener('input', onInput, { capture: true, passive: true });
  form?.addEventListener('submit', onSubmit, { capture: true, passive: true });

  READ_BACK_MS.forEach((ms, i) => timers.later(() => {
    if (done) return;
    const last = i === READ_BACK_MS.length - 1;
    const state = { values: inputs.map((input) => input.value), connected: inputs.every((input) => input.isConnected), userActed, alreadyRefilled: refilled.has(first) };
    if (shouldRefill(state)) {
      refilled.add(first);
      stop(false);
      refill();
    } else if (last || !state.connected) {
      stop(false);
    }
  }, ms));
}
