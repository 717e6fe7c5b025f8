// Fills waiting on the user (an unlock, a choice of account, an account for the origin) and the choices made in
// Keyfob's own window, kept in session storage because the worker may be stopped before the user answers.
import type { FieldKind } from '../../messages.ts';
import { SESSION_KEYS } from '../../session-keys.ts';
import { waitingRequests } from './waiting-requests.ts';

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

const pendingFills = waitingRequests<PendingFill>(SESSION_KEYS.pendingFills, MAX_AGE_MS);
const fillGrants = waitingRequests<FillGrant>(SESSION_KEYS.fillGrants, GRANT_MAX_AGE_MS);

function sameDocument(a: AskingDocument, b: AskingDocument): boolean {
  return a.tabId === b.tabId && a.frameId === b.frameId && a.documentId === b.documentId && a.origin === b.origin;
}

/** Keeps one waiting fill per frame: a newer ask from the same frame replaces the older one. */
export async function addPendingFill(fill: PendingFill): Promise<void> {
  await pendingFills.add(fill, (p) => p.tabId === fill.tabId && p.frameId === fill.frameId);
}

/** Removes and returns the pending fills matching `pick` that are still fresh. */
export function takePendingFills(pick: (p: PendingFill) => boolean, now: number): Promise<PendingFill[]> {
  return pendingFills.take(pick, now);
}

/** The fill in `tabId` waiting for the user's choice, if one is fresh. */
export function peekPendingChoice(tabId: number, now: number): Promise<PendingFill | null> {
  return pendingFills.find((p) => p.tabId === tabId && p.reason === 'choose', now);
}

/** Keeps one choice per document: a newer one replaces the older. */
export async function addFillGrant(grant: FillGrant): Promise<void> {
  await fillGrants.add(grant, (g) => sameDocument(g, grant));
}

/** Removes and returns the fresh grant made for exactly this document, origin and field kind. */
export function takeFillGrant(asking: AskingDocument, fieldKind: FieldKind, now: number): Promise<FillGrant | null> {
  return fillGrants.takeFirst((g) => sameDocument(g, asking) && g.fieldKind === fieldKind, now);
}
