// The built manifest's background once the worker is one classic script.
import { describe, expect, it } from 'vitest';
import { classicBackground } from '../../../scripts/build/classic-worker.ts';

describe('classicBackground', () => {
  it('names the bundled file and drops type "module", so Chromium runs a classic worker and caches its code', () => {
    const out = classicBackground({ name: 'Keyfob', background: { service_worker: 'service-worker-loader.js', type: 'module' } }, 'service-worker.js');
    expect(out).toEqual({ name: 'Keyfob', background: { service_worker: 'service-worker.js' } });
  });
});
