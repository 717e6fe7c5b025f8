// The build step that lets one manifest load in Firefox as well as Chromium.
import { describe, expect, it } from 'vitest';
import { addFirefoxKeys, GECKO_ID } from '../../../scripts/build/firefox-manifest.ts';

describe('addFirefoxKeys', () => {
  it('names the worker file as the background script too and keeps the worker and module type', () => {
    const out = addFirefoxKeys({ background: { service_worker: 'service-worker-loader.js', type: 'module' } });
    expect(out.background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module', scripts: ['service-worker-loader.js'] });
  });

  it('gives Firefox an add-on id, a minimum version that knows data_collection_permissions, and no data collection', () => {
    const out = addFirefoxKeys({ background: { service_worker: 'sw.js' } });
    expect(out.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    });
  });

  it('leaves a manifest without a background worker as it is', () => {
    const manifest = { name: 'x' };
    expect(addFirefoxKeys(manifest)).toBe(manifest);
  });
});
