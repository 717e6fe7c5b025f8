// Every chrome.storage.session key Keyfob's parts use to hand things to each other, in one place, so Lock can
// clear them and no two parts collide. Import-free on purpose: the background and the popup both read it.

export const SESSION_KEYS = {
  /** Google Authenticator export parts scanned so far, with their accounts (secrets) not yet saved. */
  migrationBatch: 'keyfob.popup.migrationBatch',
  /** An image from the "Add to Keyfob" context menu, waiting for the popup to decode its QR code. */
  pendingImage: 'keyfob.popup.pendingImage',
  /** Fills waiting for an unlock or the user's choice: which page asked. */
  pendingFills: 'autofill.pending',
  /** Fills the user allowed in Keyfob's own window. */
  fillGrants: 'autofill.grants',
  /** Recovery codes a page asked to save, waiting for the user's confirmation. */
  recoverySaves: 'autofill.recoverySaves',
  /** Per account and origin, the last TOTP step Keyfob filled, so the same code is never filled twice. */
  filledSteps: 'autofill.filledSteps',
  /** What Lock keeps of filledSteps: per origin only, until when no code may be filled there again. */
  filledOrigins: 'autofill.filledOrigins',
} as const;

export type SessionKey = (typeof SESSION_KEYS)[keyof typeof SESSION_KEYS];

// One entry per key, so a key added above does not compile until it says whether Lock clears it.
const CLEARED_AT_LOCK: { readonly [K in keyof typeof SESSION_KEYS]: boolean } = {
  migrationBatch: true,
  pendingImage: true,
  pendingFills: true,
  fillGrants: true,
  recoverySaves: true,
  // Which account went to which document: Lock turns it into filledOrigins first (lockVault).
  filledSteps: true,
  // No account, no document, no page: only origins, and it must outlive a lock (unlocking again within the same step
  // must not fill the code the site has just accepted).
  filledOrigins: false,
};

/** Keys that hold secrets or page-derived state: Lock and auto-lock remove every one of them. */
export const SESSION_KEYS_CLEARED_AT_LOCK: readonly SessionKey[] = (Object.keys(SESSION_KEYS) as (keyof typeof SESSION_KEYS)[])
  .filter((name) => CLEARED_AT_LOCK[name])
  .map((name) => SESSION_KEYS[name]);
