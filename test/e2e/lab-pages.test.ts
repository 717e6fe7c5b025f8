// The /lab router over real HTTP: each lab session verifies codes with its own secret, and pages carry a strict CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/shared/index.ts';
import { startLab, type LabServer } from './autofill-setup.ts';

describe('lab pages', () => {
  let lab: LabServer;
  beforeAll(async () => { lab = await startLab(); });
  afterAll(async () => { await lab?.close(); });

  const post = (path: string, form: Record<string, string>) =>
    fetch(`${lab.url('127.0.0.1')}${path}`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });

  it('accepts the current code of the session secret and moves on to the signed-in page', async () => {
    const { base, account } = await lab.newSession();
    const res = await post(`${base}/challenge/plain`, { code: await generateCode(account, Date.now()) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}/signed-in?variant=plain`);
  });

  it('re-renders the same challenge with "rejected" for a wrong code or another session\'s code', async () => {
    const a = await lab.newSession();
    const b = await lab.newSession();
    const res = await post(`${a.base}/challenge/split`, { code: await generateCode(b.account, Date.now()) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('data-testid="lab-result">rejected<');
  });

  it('takes each recovery code once', async () => {
    const { base } = await lab.newSession();
    const page = await (await fetch(`${lab.url('127.0.0.1')}${base}/recovery-codes`)).text();
    const first = /<code>([0-9a-f]{6}-[0-9a-f]{6})<\/code>/.exec(page)?.[1] ?? '';
    expect(first).not.toBe('');
    expect((await post(`${base}/challenge/recovery`, { recovery_code: first })).status).toBe(303);
    expect((await post(`${base}/challenge/recovery`, { recovery_code: first })).status).toBe(422);
  });

  it('serves pages with a CSP that allows no inline script, and 404s unknown sessions and variants', async () => {
    const { base } = await lab.newSession();
    const res = await fetch(`${lab.url('127.0.0.1')}${base}/challenge/split`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await res.text()).not.toMatch(/<script>(?!<\/script>)/);
    expect((await fetch(`${lab.url('127.0.0.1')}/lab/0123456789abcdef/`)).status).toBe(404);
    expect((await fetch(`${lab.url('127.0.0.1')}${base}/challenge/nope`)).status).toBe(404);
  });

  it('frames the challenge from the other loopback name in the iframe variant', async () => {
    const { base } = await lab.newSession();
    const html = await (await fetch(`${lab.url('localhost')}${base}/challenge/iframe`)).text();
    expect(html).toContain(`src="${lab.url('127.0.0.1')}${base}/challenge/plain"`);
  });
});
