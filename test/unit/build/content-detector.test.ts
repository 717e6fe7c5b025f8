// The build lists the content script's detector module for the pages the content scripts run on, reachable only by
// the session's dynamic URL, so the fixed-URL guard passes it and a page cannot probe for it.
import { describe, expect, it } from 'vitest';
import { withDetectorResource } from '../../../scripts/build/content-detector.ts';
import { fixedUrlWebResources } from '../../../scripts/build/web-accessible-guard.ts';
import { DETECTOR_FILE } from '../../../extension/content/detector-file.ts';

const manifest = {
  content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['a.js'] }, { matches: ['https://*/*'], js: ['b.js'] }],
};

describe('withDetectorResource', () => {
  it('lists the detector once, for the content scripts\' pages, by dynamic URL only', () => {
    const built = withDetectorResource(manifest);
    expect(built.web_accessible_resources).toEqual([{ resources: [DETECTOR_FILE], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }]);
    expect(withDetectorResource(built).web_accessible_resources).toEqual(built.web_accessible_resources);
    expect(fixedUrlWebResources(built)).toEqual([]);
  });

  it('keeps other entries, and the guard still catches a fixed-URL one among them', () => {
    const built = withDetectorResource({ ...manifest, web_accessible_resources: [{ resources: ['x.png'], matches: ['https://*/*'] }] });
    expect(built.web_accessible_resources).toHaveLength(2);
    expect(fixedUrlWebResources(built)).toEqual(['x.png']);
  });
});
