// Proves the attack lab: each lab origin loads in real Chromium as its own origin, https is secure and http is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Harness } from '../harness.ts';
import { challengePage, framingPage, startAttackSites, type AttackSites } from './sites.ts';

const ORIGINS = [
  'https://bank.test',
  'http://bank.test',
  'http://evil.bank.test',
  'https://login.bank.test',
  'https://bank-login.test',
  'http://127.0.0.1',
  'http://localhost',
] as const;

describe('attack lab sites', () => {
  let sites: AttackSites;
  let h: Harness;

  beforeAll(async () => {
    sites = await startAttackSites({
      '* /': (req) => `<!doctype html><title>${req.host}</title><p id="served-for">${req.origin}</p>`,
    });
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
  });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  it('serves every lab origin as its own origin; only https is a secure context', async () => {
    const seen = new Map<string, { origin: string; secure: boolean; servedFor: string }>();
    const page = await h.newPage();
    for (const name of ORIGINS) {
      const expected = sites.origin(name);
      await page.goto(`${expected}/`, { waitUntil: 'load' });
      const info = await page.evaluate(() => ({
        origin: location.origin,
        secure: isSecureContext,
        servedFor: document.getElementById('served-for')?.textContent ?? '',
      }));
      expect(info.origin).toBe(expected);
      expect(info.servedFor).toBe(expected);
      expect(info.secure).toBe(name.startsWith('https:') || name === 'http://127.0.0.1' || name === 'http://localhost');
      seen.set(name, info);
    }
    expect(new Set([...seen.values()].map((i) => i.origin)).size).toBe(ORIGINS.length);
    // Loopback is a secure context by spec even on http; the mapped host names on http are not.
    expect(seen.get('http://bank.test')?.secure).toBe(false);
    expect(seen.get('http://evil.bank.test')?.secure).toBe(false);
    expect(seen.get('https://bank.test')?.secure).toBe(true);
    await page.close();
  });

  it('tells the alternative port apart from the main one', async () => {
    const page = await h.newPage(sites.url('http://bank.test', '/', 'alt'));
    expect(await page.evaluate(() => location.origin)).toBe(`http://bank.test:${sites.ports.http.alt}`);
    expect(sites.ports.http.alt).not.toBe(sites.ports.http.main);
    await page.close();
  });

  it('answers per host and logs each host’s requests with POST bodies', async () => {
    sites.page('https://bank.test', '/challenge', challengePage());
    sites.page('http://evil.bank.test', '/challenge', '<!doctype html><p id="evil">evil</p>');
    const page = await h.newPage(sites.url('https://bank.test', '/challenge'));
    await page.type('input[name="code"]', '123456');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('#received', (el) => el.textContent)).toBe('123456');
    const posts = sites.hits('https://bank.test', '/challenge').filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.form.get('code')).toBe('123456');
    expect(sites.hits('http://evil.bank.test', '/challenge')).toEqual([]);

    await page.goto(sites.url('http://evil.bank.test', '/challenge'), { waitUntil: 'load' });
    expect(await page.$eval('#evil', (el) => el.textContent)).toBe('evil');
    expect(sites.hits('evil.bank.test', '/challenge')).toHaveLength(1);
    await page.close();
  });

  it('frames a page of another origin, and a sandboxed frame has an opaque origin', async () => {
    const inner = sites.url('https://bank.test', '/');
    sites.page('http://evil.bank.test', '/framer', framingPage([
      { src: inner, opts: { id: 'plain' } },
      { src: inner, opts: { id: 'sandboxed', sandbox: 'allow-scripts' } },
    ]));
    const page = await h.newPage(sites.url('http://evil.bank.test', '/framer'));
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(2);
    // self.origin is the document's origin; location.origin would still show the URL's origin in a sandbox.
    const origins = await Promise.all(frames.map((f) => f.evaluate(() => self.origin)));
    expect(origins.sort()).toEqual(['null', sites.origin('https://bank.test')].sort());
    await page.close();
  });
});
