// The worker's cache of the unlocked data key, against a fake session store whose reads can be held back: a lock, or
// a new key, that lands while a read is under way must win, because a cached key that outlives its lock unlocks the vault.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  session: new Map<string, unknown>(),
  reads: 0,
  /** When set, reads wait for it (and see the store as it was when they started). */
  hold: null as Promise<void> | null,
  /** When set, writes wait for it before they change the store. */
  holdWrites: null as Promise<void> | null,
}));

vi.mock('../../../extension/background/platform/session-store.ts', () => ({
  sessionStore: {
    restrictToTrustedContexts: async () => undefined,
    get: async (k: string) => {
      fake.reads += 1;
      const seen = fake.session.get(k) ?? null;
      if (fake.hold) await fake.hold;
      return seen;
    },
    set: async (k: string, v: unknown) => { if (fake.holdWrites) await fake.holdWrites; fake.session.set(k, v); },
    remove: async (k: string) => { if (fake.holdWrites) await fake.holdWrites; fake.session.delete(k); },
  },
}));

const { forgetDataKey, hasDataKey, rememberDataKey, requireDataKey } = await import('../../../extension/background/vault/session-key.ts');

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
const iv = new Uint8Array(12);

async function sealWith(key: CryptoKey, text: string): Promise<ArrayBuffer> {
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text));
}

async function opensWith(key: CryptoKey, sealed: ArrayBuffer): Promise<boolean> {
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed).then(() => true, () => false);
}

/** Holds the fake store's reads (or writes) back until the returned function lets them through. */
function holdBack(what: 'hold' | 'holdWrites'): () => void {
  let open = () => undefined as void;
  fake[what] = new Promise<void>((resolve) => { open = resolve; });
  return () => { fake[what] = null; open(); };
}

async function expectLocked(): Promise<void> {
  expect(await hasDataKey()).toBe(false);
  await expect(requireDataKey()).rejects.toMatchObject({ code: 'locked' });
}

describe('session key cache', () => {
  beforeEach(async () => {
    fake.hold = null;
    fake.holdWrites = null;
    await forgetDataKey();
    fake.reads = 0;
  });

  it('reads the session once while unlocked, and the key it gives is the one remembered', async () => {
    const key = await newKey();
    await rememberDataKey(key);
    const sealed = await sealWith(key, 'secret');
    expect(await opensWith(await requireDataKey(), sealed)).toBe(true);
    expect(await opensWith(await requireDataKey(), sealed)).toBe(true);
    expect(await hasDataKey()).toBe(true);
    expect(fake.reads).toBe(1);
  });

  it('is locked after a lock, although the key was cached', async () => {
    await rememberDataKey(await newKey());
    await requireDataKey();
    await forgetDataKey();
    await expectLocked();
  });

  it('does not keep a key read before a lock that landed while the read was under way', async () => {
    await rememberDataKey(await newKey());
    const release = holdBack('hold');
    const before = requireDataKey(); // sees the key, then waits
    await forgetDataKey();
    release();
    await before; // what was read before the lock may finish; it must not be kept
    await expectLocked();
  });

  it('does not keep a key read while the lock was still being written', async () => {
    await rememberDataKey(await newKey());
    const release = holdBack('holdWrites');
    const locking = forgetDataKey(); // the session still holds the key until the write lands
    await requireDataKey(); // a message handled meanwhile still sees it
    release();
    await locking;
    await expectLocked();
  });

  it('gives the new key once another is remembered (a joined vault adopts its data key)', async () => {
    await rememberDataKey(await newKey());
    const release = holdBack('hold');
    const stale = requireDataKey(); // reads the old key, then waits
    const adopted = await newKey();
    fake.hold = null; // later reads go through; the stale one still waits for its release
    await rememberDataKey(adopted);
    release();
    await stale;
    expect(await opensWith(await requireDataKey(), await sealWith(adopted, 'joined'))).toBe(true);
  });

  it('does not cache "locked": unlocking after a failed read works at once', async () => {
    await expectLocked();
    const key = await newKey();
    await rememberDataKey(key);
    expect(await opensWith(await requireDataKey(), await sealWith(key, 'now'))).toBe(true);
  });
});
