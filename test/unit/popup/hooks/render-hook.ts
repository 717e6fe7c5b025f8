// Runs a popup hook inside a real Preact component in jsdom, so a test reads what the hook returns after each render.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';

export interface RenderedHook<T> {
  /** What the hook returned at its latest render. */
  current: () => T;
  /**
   * Resolves at the first render (this one or a later one) whose result passes `test`: an event, not a wait. Not
   * inside `settle`: Preact holds renders back until `act` ends.
   */
  renders: (test: (value: T) => boolean) => Promise<T>;
  unmount: () => void;
}

export function renderHook<T>(useHook: () => T): RenderedHook<T> {
  const root = document.createElement('div');
  document.body.append(root);
  let latest: { value: T } | null = null;
  let waiting: { test: (value: T) => boolean; resolve: (value: T) => void }[] = [];
  function Probe() {
    const value = useHook();
    latest = { value };
    const met = waiting.filter((w) => w.test(value));
    waiting = waiting.filter((w) => !met.includes(w));
    for (const w of met) w.resolve(value);
    return null;
  }
  act(() => render(h(Probe, {}), root));
  return {
    current: () => {
      if (!latest) throw new Error('the hook never rendered');
      return latest.value;
    },
    renders: (test) => {
      if (latest && test(latest.value)) return Promise.resolve(latest.value);
      return new Promise((resolve) => { waiting.push({ test, resolve }); });
    },
    unmount: () => {
      act(() => render(null, root));
      root.remove();
    },
  };
}

/** Runs `work` and waits until Preact has rendered every state change it caused, including after its awaits. */
export async function settle<R>(work: () => Promise<R>): Promise<R> {
  let result: { value: R } | null = null;
  await act(async () => { result = { value: await work() }; });
  return result!.value;
}
