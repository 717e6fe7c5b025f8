// Hole 11 (URLs): a page probing chrome-extension://<Keyfob's id>/<every built file> learns nothing a random id would not
// tell it, the content script's detector module included (web-accessible by the session's dynamic URL only).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { fixedUrlWebResources, type ManifestWithResources } from '../../../scripts/build/web-accessible-guard.ts';
import { DIST, launchWithExtension, type Harness } from '../harness.ts';
import { bindingFor, forgetFilledSteps, vaultWith, waitForCode } from '../autofill-setup.ts';
import { totp } from '../popup-driver.ts';
import { challengePage, startAttackSites, type AttackSites } from './sites.ts';

/** A well-formed extension id that belongs to no installed extension. */
const ABSENT_ID = 'pponmlkjihgfedcbapponmlkjihgfedc';

/** Every file of the built extension, as a path inside it. */
function builtFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Runs in the hostile page: loads `base + path` four ways and reports what the page can observe of each. */
function probeInPage(base: string, paths: string[]): Promise<Record<string, string[]>> {
  const byElement = (make: () => HTMLElement & { onload: unknown; onerror: unknown }): Promise<string> =>
    new Promise((resolve) => {
      const el = make();
      el.onload = () => { el.remove(); resolve('load'); };
      el.onerror = () => { el.remove(); resolve('error'); };
      document.head.append(el);
    });
  const one = async (url: string): Promise<string[]> => {
    const viaFetch = await fetch(url).then((r) => `resolved ${r.status} ${r.type}`, (e: Error) => `rejected ${e.name}: ${e.message}`);
    const viaImg = await byElement(() => Object.assign(document.createElement('img'), { src: url }));
    const viaScript = await byElement(() => Object.assign(document.createElement('script'), { src: url }));
    const viaLink = await byElement(() => Object.assign(document.createElement('link'), { rel: 'stylesheet', href: url }));
    return [`fetch: ${viaFetch}`, `img: ${viaImg}`, `script: ${viaScript}`, `link: ${viaLink}`];
  };
  return Promise.all(paths.map(async (p) => [p, await one(base + p)] as const)).then(Object.fromEntries);
}

describe('a page cannot detect Keyfob by loading its files', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let paths: string[];
  const pageUrl = () => sites.url('https://bank.test', '/challenge');

  beforeAll(async () => {
    sites = await startAttackSites();
    sites.page('https://bank.test', '/challenge', challengePage());
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as ManifestWithResources;
    const declared = (manifest.web_accessible_resources ?? []).flatMap((e) => (typeof e === 'string' ? [e] : e.resources ?? []));
    // The folder root and a made-up name too: a page could compare "exists" with "does not exist".
    paths = [...new Set([...builtFiles(DIST), ...declared, '', 'no-such-file.js'])];
    ({ ext } = await vaultWith(h, totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP'), [bindingFor(pageUrl())]));
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  it('ships no file that web pages may load at a fixed URL', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as ManifestWithResources;
    expect(fixedUrlWebResources(manifest)).toEqual([]);
    // Each content script is one classic file (the main one, and the world guard that runs at document_start). The
    // only module the main one may load is the detector, which pages can reach by the session's dynamic URL only.
    const contentJs = (manifest.content_scripts as { js?: string[] }[] | undefined)?.flatMap((s) => s.js ?? []) ?? [];
    expect(contentJs.sort()).toEqual(['extension/content/index.js', 'extension/content/world-guard.js']);
    for (const file of contentJs) {
      const source = readFileSync(join(DIST, file), 'utf8');
      expect(source, file).not.toMatch(/^\s*import\s|^\s*export\s/m);
      expect((source.match(/\bimport\s*\(/g) ?? []).length, file).toBe(file.endsWith('index.js') ? 1 : 0);
    }
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['extension/content/detector.js'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
    ]);
  });

  it('every probe of every built file fails exactly as it does for an extension that is not installed, while the code is filled', async () => {
    expect(paths.length).toBeGreaterThan(5);
    // The probe is real: from Keyfob's own page, the same fetches find every built file.
    const fromInside = await ext.evaluate((base: string, list: string[]) =>
      Promise.all(list.map((p) => fetch(base + p).then((r) => r.status, () => 0))), `chrome-extension://${h.extensionId}/`, builtFiles(DIST));
    expect(new Set(fromInside)).toEqual(new Set([200]));

    const page = await h.newPage(pageUrl());
    // The content script still runs on this page: the bound account's code is filled.
    await waitForCode(page, 'input[name="code"]');
    const keyfob = await page.evaluate(probeInPage, `chrome-extension://${h.extensionId}/`, paths);
    const absent = await page.evaluate(probeInPage, `chrome-extension://${ABSENT_ID}/`, paths);
    expect(keyfob).toEqual(absent);
    for (const outcome of Object.values(keyfob)) {
      expect(outcome).toEqual(['fetch: rejected TypeError: Failed to fetch', 'img: error', 'script: error', 'link: error']);
    }
    await page.close();
  });
});
