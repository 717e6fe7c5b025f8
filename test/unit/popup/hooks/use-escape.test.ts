// @vitest-environment jsdom
// useEscape: Escape steps back from the screens that have a way back, judged by the screen shown at the key press.
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { useEscape } from '../../../../extension/popup/hooks/use-escape.ts';
import { renderHook, settle, type RenderedHook } from './render-hook.ts';

function press(key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, cancelable: true });
  window.dispatchEvent(event);
  return event;
}

let hook: RenderedHook<void> | null = null;
afterEach(() => { hook?.unmount(); hook = null; });

describe('useEscape', () => {
  it('steps back on Escape and keeps the browser from acting on it', () => {
    let backs = 0;
    hook = renderHook(() => useEscape(true, () => { backs += 1; }));
    const event = press('Escape');
    expect(backs).toBe(1);
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves other keys alone', () => {
    let backs = 0;
    hook = renderHook(() => useEscape(true, () => { backs += 1; }));
    expect(press('Enter').defaultPrevented).toBe(false);
    expect(backs).toBe(0);
  });

  it('does nothing on a screen without a way back', () => {
    let backs = 0;
    hook = renderHook(() => useEscape(false, () => { backs += 1; }));
    expect(press('Escape').defaultPrevented).toBe(false);
    expect(backs).toBe(0);
  });

  it('follows the screen shown now, not the one it was first rendered for', async () => {
    let active = false;
    let backs = 0;
    let rerender!: () => void;
    hook = renderHook(() => {
      const [, setTick] = useState(0);
      rerender = () => setTick((n) => n + 1);
      useEscape(active, () => { backs += 1; });
    });
    active = true;
    await settle(async () => rerender());
    press('Escape');
    expect(backs).toBe(1);
  });

  it('stops listening once the popup root is gone', () => {
    let backs = 0;
    const gone = renderHook(() => useEscape(true, () => { backs += 1; }));
    gone.unmount();
    press('Escape');
    expect(backs).toBe(0);
  });
});
