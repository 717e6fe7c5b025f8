// Idle work of the content script: everything asked for before the page's idle moment runs in one callback, in order.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from '../../../extension/content/when-idle.ts';

describe('whenIdle', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs the tasks asked for before the idle moment in one idle callback, in the order asked', () => {
    const callbacks: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void, opts: { timeout: number }) => {
      expect(opts.timeout).toBeGreaterThan(0);
      callbacks.push(cb);
      return callbacks.length;
    });
    const ran: string[] = [];
    whenIdle(() => ran.push('host search'));
    whenIdle(() => ran.push('recovery codes'));
    expect(callbacks).toHaveLength(1);
    expect(ran).toEqual([]);
    callbacks[0]?.();
    expect(ran).toEqual(['host search', 'recovery codes']);
    // Work asked for after that idle moment gets one of its own.
    whenIdle(() => ran.push('later'));
    expect(callbacks).toHaveLength(2);
    callbacks[1]?.();
    expect(ran).toEqual(['host search', 'recovery codes', 'later']);
  });
});
