// Clearing a copied code: who may ask, what the request must look like, and when the clipboard is emptied.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  session: new Map<string, unknown>(),
  alarms: new Map<string, number>(),
  /** Hashes the (mocked) clipboard was asked to drop, in order. */
  cleared: [] as string[],
}));

vi.mock('../../../extension/background/platform/session-store.ts', () => ({
  sessionStore: {
    get: async (k: string) => fake.session.get(k) ?? null,
    set: async (k: string, v: unknown) => { fake.session.set(k, v); },
    remove: async (k: string) => { fake.session.delete(k); },
  },
}));
vi.mock('../../../extension/background/platform/browser-api.ts', () => ({
  alarms: {
    createAt: async (name: string, when: number) => { fake.alarms.set(name, when); },
    clear: async (name: string) => { fake.alarms.delete(name); },
    onAlarm: () => undefined,
  },
}));
vi.mock('../../../extension/background/clipboard/clipboard-access.ts', () => ({
  clearClipboardHolding: async (hash: string) => { fake.cleared.push(hash); return 'cleared'; },
}));

const { clipboardHandlers } = await import('../../../extension/background/handlers/clipboard.ts');
const { clearCopiedCodeNow, clearIfDue, scheduleClipboardClear } = await import('../../../extension/background/clipboard/pending-clear.ts');
const { describeSender, route } = await import('../../../extension/background/router.ts');
const { sha256Hex } = await import('../../../src/shared/text-digest.ts');
const { codeToCopy } = await import('../../../extension/popup/copy-code.ts');

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const handlers = clipboardHandlers as unknown as Parameters<typeof route>[0];
const fromPopup = describeSender({ id: EXT_ID, url: `${EXT_ORIGIN}/extension/popup/index.html` }, EXT_ID, EXT_ORIGIN);
const fromPage = describeSender({ id: EXT_ID, url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 4 }, frameId: 0 }, EXT_ID, EXT_ORIGIN);

const HASH = 'a'.repeat(64);
const send = (params: unknown, ctx = fromPopup) => route(handlers, { keyfob: 1, method: 'clipboardCopied', params }, ctx);

describe('clipboardCopied', () => {
  beforeEach(() => { fake.session.clear(); fake.alarms.clear(); fake.cleared.length = 0; });

  it('is refused to a web page\'s content script, which must not steer the clipboard', async () => {
    expect(await send({ codeHash: HASH, clearAt: Date.now() + 5000 }, fromPage)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.session.size).toBe(0);
  });

  it('accepts a SHA-256 hex and an expiry within one maximal period from the popup', async () => {
    const clearAt = Date.now() + 20_000;
    expect(await send({ codeHash: HASH, clearAt })).toEqual({ ok: true, value: { scheduled: true } });
    expect([...fake.session.values()]).toEqual([{ codeHash: HASH, clearAt }]);
    expect([...fake.alarms.values()]).toEqual([clearAt]);
  });

  it.each([
    ['the code itself instead of a hash', { codeHash: '123456', clearAt: 1 }],
    ['an upper-case hash', { codeHash: 'A'.repeat(64), clearAt: 1 }],
    ['a fractional time', { codeHash: HASH, clearAt: 1.5 }],
    ['a time as text', { codeHash: HASH, clearAt: '1' }],
    ['a time hours away', { codeHash: HASH, clearAt: Date.now() + 2 * 3600_000 }],
    ['no object', null],
  ])('rejects %s', async (_what, params) => {
    expect(await send(params)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(fake.session.size).toBe(0);
  });
});

describe('pending clear', () => {
  beforeEach(() => { fake.session.clear(); fake.alarms.clear(); fake.cleared.length = 0; });

  it('does nothing before the code expires and clears once it has, then forgets it', async () => {
    await scheduleClipboardClear({ codeHash: HASH, clearAt: 10_000 }, 1_000);
    await clearIfDue(9_999);
    expect(fake.cleared).toEqual([]);
    await clearIfDue(10_000);
    expect(fake.cleared).toEqual([HASH]);
    expect(fake.session.size).toBe(0);
    expect(fake.alarms.size).toBe(0);
    await clearIfDue(20_000);
    expect(fake.cleared).toEqual([HASH]);
  });

  it('follows only the latest copy: the clipboard holds one text', async () => {
    const other = 'b'.repeat(64);
    await scheduleClipboardClear({ codeHash: HASH, clearAt: 10_000 }, 1_000);
    await scheduleClipboardClear({ codeHash: other, clearAt: 40_000 }, 2_000);
    await clearIfDue(10_000);
    expect(fake.cleared).toEqual([]);
    await clearIfDue(40_000);
    expect(fake.cleared).toEqual([other]);
  });

  it('clears at once on lock, before the code expires', async () => {
    await scheduleClipboardClear({ codeHash: HASH, clearAt: Date.now() + 25_000 }, Date.now());
    await clearCopiedCodeNow();
    expect(fake.cleared).toEqual([HASH]);
    expect(fake.session.size).toBe(0);
  });
});

describe('codeToCopy', () => {
  const view = { id: 'x', code: '111111', nextCode: '222222', validUntil: 30_000, period: 30 };

  it('copies the shown code until it expires, with its expiry', () => {
    expect(codeToCopy('111111', view, 29_999)).toEqual(['111111', 30_000]);
  });

  it('copies the next code when the row still shows one that just expired', () => {
    expect(codeToCopy('111111', view, 30_400)).toEqual(['222222', 60_000]);
  });

  it('gives an HOTP code 30 s', () => {
    expect(codeToCopy('333333', undefined, 5_000)).toEqual(['333333', 35_000]);
  });

  it('hashes the way the clipboard cleaner compares', async () => {
    expect(await sha256Hex('123456')).toBe('8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92');
  });
});
