// The build step and the source keys that let one manifest load in Firefox as well as Chromium.
import { describe, expect, it } from 'vitest';
import { addBackgroundScripts, GECKO_ID } from '../../../scripts/build/firefox-manifest.ts';
import manifest from '../../../manifest.json' with { type: 'json' };

describe('addBackgroundScripts', () => {
  it('names the worker file as the background script too and keeps the worker and module type', () => {
    const out = addBackgroundScripts({ background: { service_worker: 'service-worker-loader.js', type: 'module' } });
    expect(out.background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module', scripts: ['service-worker-loader.js'] });
  });

  it('leaves a manifest without a background worker as it is', () => {
    const plain = { name: 'x' };
    expect(addBackgroundScripts(plain)).toBe(plain);
  });
});

describe('manifest.json for Firefox', () => {
  it('gives Firefox an add-on id, the tested ESR as minimum version, and declares no data collection', () => {
    expect(GECKO_ID).toBe('keyfob@keyfob.invalid');
    // 153 is the ESR the Firefox e2e test runs; it also knows data_collection_permissions (from 140 desktop, 142 Android).
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: GECKO_ID, strict_min_version: '153.0', data_collection_permissions: { required: ['none'] },
    });
  });
});
