// The always-loaded part's search for shadow hosts: one native query that passes standard elements by, then a
// hyphen test in script. It must find every custom element, the context itself included, and nothing else.
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { collectInputs, countShadowHostCandidates, findShadowHosts } from '../../../extension/content/find-inputs.ts';

describe('findShadowHosts', () => {
  it('finds custom elements at any depth, and only them, whatever the standard tags around them', () => {
    document.body.innerHTML = '<div><otp-form><span></span></otp-form></div><table><tr><td><x-cell></x-cell></td></tr></table>'
      + '<marquee></marquee><svg><clipPath></clipPath></svg><font-face-src></font-face-src><p>text</p>';
    expect(findShadowHosts(document).map((e) => e.localName).sort()).toEqual(['font-face-src', 'otp-form', 'x-cell']);
    // The unlisted standard tags are looked at in script and turned away there.
    expect(countShadowHostCandidates()).toBeGreaterThan(3);
  });

  it('includes the context when it is a custom element itself', () => {
    document.body.innerHTML = '<my-app><b></b><inner-part></inner-part></my-app>';
    const app = document.querySelector('my-app') as Element;
    expect(findShadowHosts(app).map((e) => e.localName)).toEqual(['my-app', 'inner-part']);
  });

  it('leads the input search into open shadow roots, at any depth', () => {
    document.body.innerHTML = '<outer-host></outer-host><input name="light">';
    const outer = document.querySelector('outer-host') as Element;
    const root = outer.attachShadow({ mode: 'open' });
    root.innerHTML = '<div><inner-host></inner-host></div>';
    const inner = root.querySelector('inner-host') as Element;
    inner.attachShadow({ mode: 'open' }).innerHTML = '<input name="deep">';
    expect(collectInputs(document).map((i) => i.name).sort()).toEqual(['deep', 'light']);
  });
});

describe('scanPage', () => {
  it('sorts one pass into custom elements and headings, and one task shares it', async () => {
    const { scanPage } = await import('../../../extension/content/page-scan.ts');
    document.body.innerHTML = '<h2>Recovery codes</h2><div><x-one></x-one></div><legend>Two-factor</legend><marquee></marquee>';
    const scan = scanPage();
    expect(scan.hosts.map((e) => e.localName)).toEqual(['x-one']);
    expect(scan.headings.map((e) => e.localName)).toEqual(['h2', 'legend']);
    // The same count the watcher's recount takes natively: custom elements and rare tags, never headings.
    expect(scan.candidates).toBe(2);
    expect(scanPage()).toBe(scan);
    await Promise.resolve();
    document.body.insertAdjacentHTML('beforeend', '<y-two></y-two>');
    expect(scanPage().hosts.map((e) => e.localName)).toEqual(['x-one', 'y-two']);
  });
});
