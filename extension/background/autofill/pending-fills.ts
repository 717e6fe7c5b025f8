// Fills waiting on the user (an unlock, a choice of account, an account for the origin) and the choices made in
// Keyfob's own window, kept in session storage because the worker may be stopped before the user answers.
import type { FieldKind } from '../../messages.ts';
import { SESSION_KEYS } from '../../session-keys.ts';

/** The document that asked, as the browser reported the sender (never as the page said). */
export interface AskingDocument {
  tabId: number;
  frameId: number;
  /** Chromium names each document; a frame that navigated is a new document, so it never matches an old one. */
  documentId: string | null;
  origin: string;
}

export interface PendingFill extends AskingDocument {
  /** The top page's origin (the page the user sees); null when it could not be learned. */
  topOrigin: string | null;
  /** How the asking document relates to the top page. */
  frame: 'top' | 'same-origin' | 'cross-origin';
  fieldKind: FieldKind;
  /** The user asked (key button, shortcut, menu): after an unlock the choice continues in the window they have open. */
  explicit: boolean;
  /** locked: waits for an unlock; choose: for the user's pick in Keyfob's window; none: for an account bound to the origin. */
  reason: 'locked' | 'choose' | 'none';
  createdAt: number;
}

/** The user's choice in Keyfob's window: one code of this account, for this document, once. */
export interface FillGrant extends AskingDocument {
  accountId: string;
  fieldKind: FieldKind;
  createdAt: number;
}

const MAX_AGE_MS = 10 * 60_000;
/** A choice is redeemed at once by the document it was made for; a stale one is worth nothing. */
const GRANT_MAX_AGE_MS = 60_000;

async function read<T>(key: string): Promise<T[]> {
  const got = await chrome.storage.session.get(key);
  return (got[key] as T[] | undefined) ?? [];
}

function sameDocument(a: AskingDocument, b: AskingDocument): boolean {
  return a.tabId === b.tabId && a.frameId === b.frameId && a.documentId === b.documentId && a.origin === b.origin;
}

export async function addPendingFill(fill: PendingFill): Promise<void> {
  const others = (await read<PendingFill>(SESSION_KEYS.pendingFills))
    .filter((p) => !(p.tabId === fill.tabId && p.frameId === fill.frameId) && fill.createdAt - p.createdAt < MAX_AGE_MS);
  await chrome.storage.session.set({ [SESSION_KEYS.pendingFills]: [...others, fill] });
}

/** Removes and returns the pending fills matching `pick` that are still fresh. */
export async function takePendingFills(pick: (p: PendingFill) => boolean, now: number): Promise<PendingFill[]> {
  const all = await read<PendingFill>(SESSION_KEYS.pendingFills);
  const taken = all.filter((p) => pick(p) && now - p.createdAt < MAX_AGE_MS);
  await chrome.storage.session.set({
    [SESSION_KEYS.pendingFills]: all.filter((p) => !taken.includes(p) && now - p.createdAt < MAX_AGE_MS),
  });
  return taken;
}

/** The fill in `tabId` waiting for the user's choice, if one is fresh. */
export async function peekPendingChoice(tabId: number, now: number): Promise<PendingFill | null> {
  return (await read<PendingFill>(SESSION_KEYS.pendingFills))
    .find((p) => p.tabId === tabId && p.reason === 'choose' && now - p.createdAt < MAX_AGE_MS) ?? null;
}

export async function addFillGrant(grant: FillGrant): Promise<void> {
  const others = (await read<FillGrant>(SESSION_KEYS.fillGrants))
    .filter((g) => !sameDocument(g, grant) && grant.createdAt - g.createdAt < GRANT_MAX_AGE_MS);
  await chrome.storage.session.set({ [SESSION_KEYS.fillGrants]: [...others, grant] });
}

/** Removes and returns the fresh grant made for exactly this document, origin and field kind. */
export async function takeFillGrant(asking: AskingDocument, fieldKind: FieldKind, now: number): Promise<FillGrant | null> {
  const all = await read<FillGrant>(SESSION_KEYS.fillGrants);
  const found = all.find((g) => sameDocument(g, asking) && g.fieldKind === fieldKind && now - g.createdAt < GRANT_MAX_AGE_MS) ?? null;
  await chrome.storage.session.set({
    [SESSION_KEYS.fillGrants]: all.filter((g) => g !== found && now - g.createdAt < GRANT_MAX_AGE_MS),
  });
  return found;
}
