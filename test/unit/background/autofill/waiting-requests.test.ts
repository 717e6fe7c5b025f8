// The one list of requests waiting on the user (pending fills, fill grants, recovery codes to save), and the pending-fill
// lookups built on it, against an in-memory chrome.storage.session: found by tab, replaced per slot, stale ones dropped.
import { beforeEach, describe, expect, it } from 'vitest';
import { installChromeSessionStorage, type FakeSessionStorage } from '../../support/chrome-session-storage.ts';
import { waitingRequests } from '../../../../extension/background/autofill/waiting-requests.ts';
import {
  addFillGrant, addPendingFill, peekPendingChoice, takeFillGrant, takePendingFills, type FillGrant, type PendingFill,
} from '../../../../extension/background/autofill/pending-fills.ts';
import { SESSION_KEYS } from '../../../../extension/session-keys.ts';

interface Save { saveId: string; tabId: number; createdAt: number }

const MINUTE = 60_000;
let fake: FakeSessionStorage;

beforeEach(() => {
  fake = installChromeSessionStorage();
});

describe('waitingRequests', () => {
  const saves = () => waitingRequests<Save>(SESSION_KEYS.recoverySaves, 10 * MINUTE);

  it('finds a request by its tab and leaves it in place', async () => {
    await saves().add({ saveId: 'a', tabId: 1, createdAt: 0 }, (s) => s.tabId === 1);
    await saves().add({ saveId: 'b', tabId: 2, createdAt: 0 }, (s) => s.tabId === 2);
    expect(await saves().find((s) => s.tabId === 2, MINUTE)).toEqual({ saveId: 'b', tabId: 2, createdAt: 0 });
    expect(await saves().find((s) => s.tabId === 2, MINUTE)).not.toBeNull();
    expect(await saves().find((s) => s.tabId === 3, MINUTE)).toBeNull();
  });

  it('lets a newer request replace the one in the same slot', async () => {
    await saves().add({ saveId: 'old', tabId: 1, createdAt: 0 }, (s) => s.tabId === 1);
    await saves().add({ saveId: 'new', tabId: 1, createdAt: MINUTE }, (s) => s.tabId === 1);
    expect(fake.items.get(SESSION_KEYS.recoverySaves)).toEqual([{ saveId: 'new', tabId: 1, createdAt: MINUTE }]);
  });

  it('finds nothing older than the maximum age, and drops it on the next write', async () => {
    await saves().add({ saveId: 'a', tabId: 1, createdAt: 0 }, () => false);
    expect(await saves().find((s) => s.tabId === 1, 10 * MINUTE - 1)).not.toBeNull();
    expect(await saves().find((s) => s.tabId === 1, 10 * MINUTE)).toBeNull();
    await saves().add({ saveId: 'b', tabId: 2, createdAt: 10 * MINUTE }, () => false);
    expect(fake.items.get(SESSION_KEYS.recoverySaves)).toEqual([{ saveId: 'b', tabId: 2, createdAt: 10 * MINUTE }]);
  });

  it('takes every fresh match out of the list, and a stale match is not handed out', async () => {
    await saves().add({ saveId: 'stale', tabId: 1, createdAt: 0 }, () => false);
    await saves().add({ saveId: 'a', tabId: 1, createdAt: 5 * MINUTE }, () => false);
    await saves().add({ saveId: 'b', tabId: 1, createdAt: 6 * MINUTE }, () => false);
    await saves().add({ saveId: 'c', tabId: 2, createdAt: 6 * MINUTE }, () => false);
    const taken = await saves().take((s) => s.tabId === 1, 11 * MINUTE);
    expect(taken.map((s) => s.saveId)).toEqual(['a', 'b']);
    expect(fake.items.get(SESSION_KEYS.recoverySaves)).toEqual([{ saveId: 'c', tabId: 2, createdAt: 6 * MINUTE }]);
  });

  it('takes only the first match when asked for one', async () => {
    await saves().add({ saveId: 'a', tabId: 1, createdAt: 0 }, () => false);
    await saves().add({ saveId: 'b', tabId: 1, createdAt: 0 }, () => false);
    expect((await saves().takeFirst((s) => s.tabId === 1, MINUTE))?.saveId).toBe('a');
    expect((await saves().takeFirst((s) => s.tabId === 1, MINUTE))?.saveId).toBe('b');
    expect(await saves().takeFirst((s) => s.tabId === 1, MINUTE)).toBeNull();
  });
});

describe('pending fills', () => {
  const doc = { tabId: 4, frameId: 0, documentId: 'doc-1', origin: 'https://bank.example' };
  const fill = (over: Partial<PendingFill>): PendingFill => ({
    ...doc, topOrigin: doc.origin, frame: 'top', fieldKind: 'totp', explicit: true, reason: 'choose', createdAt: 0, ...over,
  });

  it('finds the choice waiting in a tab, not a fill waiting there for an unlock', async () => {
    await addPendingFill(fill({ frameId: 1, reason: 'locked' }));
    expect(await peekPendingChoice(4, MINUTE)).toBeNull();
    await addPendingFill(fill({ frameId: 2, reason: 'choose', fieldKind: 'recovery' }));
    expect(await peekPendingChoice(4, MINUTE)).toMatchObject({ frameId: 2, fieldKind: 'recovery' });
    expect(await peekPendingChoice(5, MINUTE)).toBeNull();
  });

  it('keeps one waiting fill per frame and forgets it after ten minutes', async () => {
    await addPendingFill(fill({ reason: 'locked' }));
    await addPendingFill(fill({ reason: 'choose', createdAt: MINUTE }));
    expect(await takePendingFills(() => true, 2 * MINUTE)).toEqual([fill({ reason: 'choose', createdAt: MINUTE })]);
    await addPendingFill(fill({ createdAt: 0 }));
    expect(await peekPendingChoice(4, 10 * MINUTE)).toBeNull();
  });

  it('redeems a choice once, only for the document and field kind it was made for', async () => {
    const grant: FillGrant = { ...doc, accountId: 'acc-1', fieldKind: 'totp', createdAt: 0 };
    await addFillGrant(grant);
    expect(await takeFillGrant({ ...doc, documentId: 'doc-2' }, 'totp', 1000)).toBeNull();
    expect(await takeFillGrant(doc, 'recovery', 1000)).toBeNull();
    expect(await takeFillGrant(doc, 'totp', 1000)).toEqual(grant);
    expect(await takeFillGrant(doc, 'totp', 1000)).toBeNull();
  });

  it('lets a choice lapse after a minute', async () => {
    await addFillGrant({ ...doc, accountId: 'acc-1', fieldKind: 'totp', createdAt: 0 });
    expect(await takeFillGrant(doc, 'totp', MINUTE)).toBeNull();
  });
});
