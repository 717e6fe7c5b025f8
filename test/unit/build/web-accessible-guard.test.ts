// The build check that no extension file is loadable by web pages at a fixed URL (a way to fingerprint Keyfob).
import { describe, expect, it } from 'vitest';
import { fixedUrlWebResources } from '../../../scripts/build/web-accessible-guard.ts';

describe('fixedUrlWebResources', () => {
  it('finds nothing in a manifest without web_accessible_resources', () => {
    expect(fixedUrlWebResources({ name: 'Keyfob' })).toEqual([]);
  });

  it('lists the chunks a crxjs content-script loader exposes to every page at fixed URLs', () => {
    const loaderBuild = {
      web_accessible_resources: [{
        matches: ['http://*/*', 'https://*/*'],
        resources: ['assets/rolldown-runtime-DK3Fl9T5.js', 'assets/extension-content-index.ts-BW4K9nlf.js'],
        use_dynamic_url: false,
      }],
    };
    expect(fixedUrlWebResources(loaderBuild)).toEqual(['assets/rolldown-runtime-DK3Fl9T5.js', 'assets/extension-content-index.ts-BW4K9nlf.js']);
  });

  it('counts an entry without use_dynamic_url as fixed, and one for a single site as reachable by that site', () => {
    expect(fixedUrlWebResources({ web_accessible_resources: [{ matches: ['https://bank.test/*'], resources: ['a.png'] }] })).toEqual(['a.png']);
    expect(fixedUrlWebResources({ web_accessible_resources: [{ matches: ['<all_urls>'], resources: ['b.css'] }] })).toEqual(['b.css']);
  });

  it('accepts resources only other extensions or dynamic URLs reach', () => {
    expect(fixedUrlWebResources({
      web_accessible_resources: [
        { extension_ids: ['abcdefghijklmnopabcdefghijklmnop'], resources: ['for-extensions.js'] },
        { matches: ['https://*/*'], resources: ['dynamic.js'], use_dynamic_url: true },
      ],
    })).toEqual([]);
  });

  it('treats MV2 bare paths as reachable by every page', () => {
    expect(fixedUrlWebResources({ web_accessible_resources: ['legacy.js'] })).toEqual(['legacy.js']);
  });
});
