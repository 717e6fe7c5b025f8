// The one typed request/response contract between the extension's parts; validated where received.
import type { AccountIcon } from '../src/shared/account-icon.ts';
import { CodedError } from '../src/shared/coded-error.ts';
import type { OtpAccount, OtpAlgorithm, OtpType } from '../src/shared/types.ts';
import type { ErrorReason } from './error-reason.ts';
import type { ListOrder, UseCounts } from './list-order.ts';

export type VaultState = 'none' | 'locked' | 'unlocked';
export type AutofillMode = 'automatic' | 'on-click' | 'off';

export interface Settings {
  /** Minutes of browser idleness before the vault locks itself. */
  autoLockMinutes: number;
  autofillMode: AutofillMode;
  submitAfterFill: boolean;
  /** Make codes for the real time measured from servers' Date headers, not the device clock (off by default). */
  useCorrectedTime: boolean;
}

/** Whether the popup reminds the user to back up, and the dates Settings shows (epoch ms, null: never). */
export interface BackupReminderView { due: boolean; changesSince: number; lastBackupAt: number | null; lastSyncAt: number | null }

/** What Keyfob measured of the device clock (clock-offset.ts): for the popup's warning and the setting. */
export interface ClockStatus {
  /** Real time minus device time, in ms, from a fresh estimate; null when none was measured in the last day. */
  offsetMs: number | null;
  /** Off by 15 s or more: codes made from the device clock may be refused. */
  off: boolean;
  useCorrectedTime: boolean;
}

/** What the popup may know about an account: everything but the secret. */
export interface AccountView {
  id: string;
  position: number;
  type: OtpType;
  issuer: string;
  account: string;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
  /** Origins (scheme://host[:port]) where this account's codes may be filled; see src/shared/origin-binding.ts. */
  origins: string[];
  notes: string;
  recoveryCodes: { total: number; unused: number };
  /** Group (folder, tag) names, trimmed and distinct, at most 32 of at most 64 characters each. */
  groups: string[];
  favourite: boolean;
  /** The chosen icon; absent: automatic (a bundled brand matched by issuer, else the letter avatar). */
  icon?: AccountIcon;
}

export interface CodeView {
  id: string;
  code: string;
  /** The code of the next period (TOTP), shown when the current one is about to expire. */
  nextCode: string | null;
  /** Epoch ms at which `code` stops being current. */
  validUntil: number;
  period: number;
}

export interface AccountDraft {
  account: OtpAccount;
  origins?: string[];
  notes?: string;
  groups?: string[];
  favourite?: boolean;
  /** The bound site's favicon captured by the scan that found the account (popup/scan/page-icon.ts). */
  icon?: AccountIcon;
}

export interface AccountPatch {
  issuer?: string;
  account?: string;
  origins?: string[];
  notes?: string;
  groups?: string[];
  favourite?: boolean;
  /** A new icon; null: back to automatic. */
  icon?: AccountIcon | null;
}

/** An origin about to be bound to an account (describeNewBindings). */
export interface NewBinding {
  origin: string;
  /** Of none of the sites the account is already bound to. */
  otherSite: boolean;
  /** The account's bound site it is compared with (its first bound origin's host), or null when it has none. */
  boundHost: string | null;
  /** A bound host of ANY account that this origin imitates (homograph, typo, other suffix, embedded name), or null. */
  lookAlike: string | null;
}

export type ExportRequest =
  /** The master password too: an unlocked popup alone must not be enough to take every secret away. */
  | { format: 'encrypted'; masterPassword: string; backupPassword: string }
  | { format: 'otpauth'; masterPassword: string }
  /** Aegis's plain JSON, which Aegis, 2FAS, Ente, Proton and others import: so no one is locked in (issue 22). */
  | { format: 'aegis'; masterPassword: string };

export type FieldKind = 'totp' | 'recovery';
/**
 * What started a fill (refill: a page script emptied a field Keyfob had just filled, and it is filled once more): found on load, the key button in the field, the shortcut / context menu, an unlock, an
 * account for the page's origin just added (e.g. scanned from this very page), or the user's choice in Keyfob's own
 * window (the document is told to ask again, and the background checks the asking document against the choice).
 */
export type FillTrigger = 'auto' | 'click' | 'command' | 'unlocked' | 'added' | 'chosen' | 'refill';

export interface AutofillConfig {
  mode: AutofillMode;
  submitAfterFill: boolean;
}

/**
 * What a content script gets for one ask: the reply, and the user's autofill settings with it, so that a page learns in
 * one round trip whether to fill, to show the key button or to do nothing (Off).
 */
export type FieldCodeAnswer = FieldCodeReply & { config: AutofillConfig };

export type FieldCodeReply =
  /** A code with under 3 s left is never given: the background waits for the next one. */
  /** `sampleClock`: report this site's Date header (a HEAD request to the page), to check the device clock. */
  | { status: 'code'; code: string; validUntil: number; sampleClock?: boolean }
  | { status: 'locked' }
  /** No vault exists yet: the page's button offers to set Keyfob up. */
  | { status: 'no-vault' }
  /** This origin was already given the current code; the next one is valid at `until` (epoch ms): ask again then. */
  | { status: 'wait'; until: number }
  /** Several eligible accounts, or none and the user asked: the popup asks which (names never reach the page). */
  | { status: 'choose' }
  /**
   * The user asked (key button, shortcut) on a page whose address imitates `site`, a site an account is bound to:
   * nothing is offered, and the page's key-button position shows "This is not `site`" (inside Keyfob's closed root).
   */
  | { status: 'look-alike'; site: string }
  | { status: 'none' };

export interface PendingFillView {
  /** The origin of the document that asks (the code goes there and nowhere else). */
  origin: string;
  /** The origin of the tab's top page, the page the user sees; null when it could not be learned. */
  topOrigin: string | null;
  /** Whether the asking document is the top page, a frame of the top page's origin, or a frame of another origin. */
  frame: 'top' | 'same-origin' | 'cross-origin';
  fieldKind: FieldKind;
  /**
   * Accounts bound to the origin first, then those bound to another origin of the same site (choosing one asks to link
   * the origin, with the master password); never an account of another site. For a recovery field, only accounts with
   * unused codes, each with how many are left (the code given is used up).
   */
  accounts: { id: string; issuer: string; account: string; bound: boolean; recoveryLeft: number }[];
  /** The bound host this origin imitates (a homograph, a typo, another suffix, the name inside a longer host), or null. */
  lookAlike: string | null;
}

export type SyncBackendKind = 'storage-sync' | 'webdav';

/**
 * Why the last sync failed, for the popup's words: the backend's own failures (sync/backend.ts), plus a wrong
 * password or kit when joining, a backend that holds another vault, and a vault that outgrew the browser's storage.
 */
export type SyncErrorCode = 'offline' | 'unauthorized' | 'forbidden' | 'quota' | 'busy' | 'server' | 'wrong_secret' | 'other_vault' | 'no_key_file' | 'locked'
  /** The server showed an older folder than this browser accepted (rollback), or one without its last sync (fork). */
  | 'rollback' | 'fork'
  /** The key file was replaced by "Rotate sync key" in another browser: join again with the new kit. */
  | 'rotated'
  /** The server put back a key file this browser saw replaced (an old password's): written over; rotate the key. */
  | 'key_file_replaced';

export interface SyncDeviceView {
  id: string;
  name: string;
  /** When that browser last finished a sync (epoch ms), as it wrote in the sealed manifest. */
  lastSyncAt: number;
  self: boolean;
}

export interface SyncStatus {
  lastSyncAt: number | null;
  lastAttemptAt: number | null;
  error: { code: SyncErrorCode; message: string } | null;
  /** Backend files refused in the last sync because they failed authentication (tampered, or of another vault). */
  refused: number;
  /** Records edited both here and elsewhere that the last sync merged. */
  merged: number;
  devices: SyncDeviceView[];
  /** Accounts whose file the server gave back older than a copy already seen: refused, nothing changed (rollback). */
  stale?: number;
  /** Accounts changed elsewhere whose new file the server held back from this browser (freeze). */
  withheld?: number;
  /** Accounts removed here because another browser deleted them more than 90 days ago (their tombstone expired). */
  dropped?: number;
  /** The sealed manifest's epoch and a short digest of the synced state, to compare two browsers by eye (fork check). */
  epoch?: number;
  digest?: string;
}

export interface SyncView {
  enabled: boolean;
  backend: SyncBackendKind | null;
  webdav: { url: string; username: string } | null;
  deviceName: string | null;
  /** Whether a sync is running now. */
  running: boolean;
  status: SyncStatus;
}

/** A WebDAV folder and its app password (sealed in the vault as soon as it arrives). */
export interface WebdavCredentials { url: string; username: string; password: string }

export interface SyncTarget {
  backend: SyncBackendKind;
  webdav?: WebdavCredentials;
  /** How this browser is named to the others (Settings → Sync lists them). */
  deviceName?: string;
}

/** Recovery codes a page asked to save, as Keyfob's own window shows them before the user confirms. */
export interface RecoverySaveView {
  /** Names this request: a confirmation applies only to the codes the window showed, not to a later request. */
  saveId: string;
  /** The origin of the page that showed the codes. */
  origin: string;
  /** How many codes the page sent. */
  count: number;
  /** Accounts bound to that origin, each with how many unused codes saving would replace. */
  accounts: { id: string; issuer: string; account: string; replaces: number }[];
}

/**
 * Background → content script commands (chrome.tabs.sendMessage to one document or frame). No code ever travels this
 * way: a document is only told to ask, so the background derives the origin from the asking sender every time.
 */
export interface ContentApi {
  contentPing: { req: Record<string, never>; res: { href: string; frame: 'top' | 'sub' } };
  /** Ask for a code for this document's field now (the shortcut acts only in the focused frame). */
  fillNow: { req: { trigger: Exclude<FillTrigger, 'auto' | 'click' | 'refill'> }; res: { filled: boolean } };
}
export type ContentMethod = keyof ContentApi;

/** Every method the background answers: its request and its response. */
export interface BackgroundApi {
  /** Health check used by the harness and by the popup on open. */
  ping: { req: { nonce: string }; res: { nonce: string; from: 'background'; senderKind: SenderKind } };
  // ── vault, accounts, settings, import/export (issue 4) ──
  getStatus: { req: Record<string, never>; res: { vault: VaultState; settings: Settings } };
  createVault: { req: { password: string }; res: { vault: 'unlocked' } };
  unlock: { req: { password: string }; res: { vault: 'unlocked' } };
  lock: { req: Record<string, never>; res: { vault: 'locked' } };
  changeMasterPassword: { req: { current: string; next: string }; res: { changed: true } };
  /** `corrupt`: rows that failed to decrypt (tampered or damaged); the others still load. They can be deleted. */
  listAccounts: { req: Record<string, never>; res: { accounts: AccountView[]; corrupt: { id: string; position: number }[] } };
  /**
   * The popup's first paint in one round trip: the first `rows` accounts of the list (served from the worker's index,
   * no row opened) with their codes, and how many accounts there are. The rest comes with listAccountViews.
   */
  firstScreen: { req: { rows: number }; res: { at: number; total: number; accounts: AccountView[]; codes: CodeView[] } };
  /** Every account as the list shows it, from the worker's index (listAccounts opens every row: the thorough check). */
  listAccountViews: { req: Record<string, never>; res: { accounts: AccountView[]; corrupt: { id: string; position: number }[] } };
  /** Current (and next) codes; `ids` limits the work to the visible rows. HOTP accounts are absent (use nextHotpCode). */
  getCodes: { req: { ids?: string[] }; res: { at: number; codes: CodeView[] } };
  /** Adds accounts, skipping any whose secret is already in the vault. */
  addAccounts: { req: { drafts: AccountDraft[] }; res: { added: AccountView[]; duplicates: { issuer: string; account: string }[] } };
  /** `masterPassword`: required when `patch.origins` binds an origin the account did not have. */
  updateAccount: { req: { id: string; patch: AccountPatch; masterPassword?: string }; res: { account: AccountView } };
  /**
   * Before saving bound origins: which of `origins` the account does not have yet, each with whether it is of another
   * site than every origin already bound (the popup then warns, naming both sites), and what it imitates if anything.
   */
  describeNewBindings: { req: { id: string; origins: string[] }; res: { added: NewBinding[] } };
  deleteAccount: { req: { id: string }; res: { deleted: true } };
  /** HOTP: returns the code for the stored counter and advances it. */
  nextHotpCode: { req: { id: string }; res: { code: string; counter: number } };
  // ── organising the list (issue 24) ──
  /** The list's order and per-account use counts (account ids and numbers only), to sort the popup's list. */
  listPrefs: { req: Record<string, never>; res: { order: ListOrder; uses: UseCounts } };
  setListOrder: { req: { order: ListOrder }; res: { order: ListOrder } };
  /** One step up or down by hand (never across favourites and the rest): the two rows trade positions; `place` from 1. */
  moveAccount: { req: { id: string; direction: 'up' | 'down' }; res: { moved: boolean; place: number; total: number } };
  /** Drag and drop: puts the account at `place` (from 1, in its own part: favourites or the rest); one vault write. */
  placeAccount: { req: { id: string; place: number }; res: { moved: boolean; place: number; total: number } };
  /** A code was copied in the popup: one more use for "most used". */
  countUse: { req: { id: string }; res: { count: number } };
  /** Select mode: into `group`, out of `from` (the group shown; null from All); `changed`: how many were not there yet. */
  moveToGroup: { req: { ids: string[]; group: string; from: string | null }; res: { changed: number } };
  /** Select mode: deletes the accounts; `undoToken` puts them back (restoreAccounts) for ten minutes, until a lock. */
  deleteAccounts: { req: { ids: string[] }; res: { deleted: number; undoToken: string } };
  restoreAccounts: { req: { undoToken: string }; res: { restored: number } };
  updateSettings: { req: { patch: Partial<Settings> }; res: { settings: Settings } };
  exportVault: { req: ExportRequest; res: { fileName: string; mimeType: string; text: string } };
  /** Imports a Keyfob backup, an otpauth:// list or otpauth-migration:// URIs; never overwrites. */
  importData: { req: { text: string; backupPassword?: string }; res: { added: number; duplicates: number; failed: ImportFailure[] } };
  /**
   * Accounts the import page read from another app's export (issue 22), at most 5,000 a call; `source` names the app.
   * Accounts whose secret Keyfob already has are not added again and come back in `duplicates`.
   */
  importAccounts: { req: { source: string; drafts: AccountDraft[] }; res: { added: number; duplicates: { issuer: string; account: string }[] } };
  // ── autofill (issue 5) ── content-script methods: the site always comes from the sender, never the payload.
  /** One code for one field on the sender's site (a TOTP code, or the next unused recovery code). */
  /**
   * `ancestors`: the asking frame's ancestors' origins as its content script reads them from the browser (nearest parent
   * first, 'null' where unreadable; empty in the top document). The asking origin itself always comes from the sender.
   */
  codeForField: { req: { fieldKind: FieldKind; trigger: FillTrigger; ancestors?: string[] }; res: FieldCodeAnswer };
  /**
   * A page shows freshly issued recovery codes: they wait for the user's confirmation in Keyfob's own window. The reply
   * is the same whatever the vault holds, so the page learns nothing about Keyfob's state.
   */
  saveRecoveryCodes: { req: { codes: string[] }; res: { asked: true } };
  /** Extension pages: the recovery codes a tab's page asked to save, and what saving them would replace. */
  pendingRecoverySave: { req: { tabId: number }; res: RecoverySaveView | null };
  /** Extension pages: the user confirmed saving the tab's pending codes into an account bound to the page's origin. */
  confirmRecoverySave: { req: { tabId: number; saveId: string; accountId: string }; res: { saved: number } };
  /** Extension pages: the user declined; the pending codes are dropped and the saved ones stay. */
  cancelRecoverySave: { req: { tabId: number }; res: { cancelled: true } };
  /**
   * Extension pages: whether the tab the popup is over shows a page whose address imitates `site`, a site an account
   * is bound to; the codes of `hiddenIds` (that site's accounts) are not shown while it is in front.
   */
  pageWarning: { req: { tabId: number }; res: { site: string | null; hiddenIds: string[] } };
  /** Extension pages: fills waiting for a choice in a tab ("Fill from Keyfob…"), with the eligible or all accounts. */
  pendingFill: { req: { tabId: number }; res: PendingFillView | null };
  /**
   * Extension pages: the user chose an account for a pending fill; `linkSite` after "Link this site to …?" binds the
   * asking origin. `origin` is the one the window showed: a fill that meanwhile came from elsewhere is not settled by it.
   * The asking document is then told to ask again (by its documentId), and `filled` is its answer.
   */
  /** Extension pages: the user closed the chooser without a choice (nothing to choose, or a look-alike page). */
  dismissPendingFill: { req: { tabId: number }; res: { dismissed: number } };
  choosePendingFill: {
    /** `masterPassword`: required with `linkSite`, since a new binding hands out every future code on that origin. */
    req: { tabId: number; origin: string; accountId: string; linkSite: boolean; masterPassword?: string };
    res: { filled: boolean };
  };
  // ── sync (issue 15) ── extension pages only
  syncStatus: { req: Record<string, never>; res: SyncView };
  /** Turns sync on for this vault: writes the key file, pushes every account; the kit is returned this once only. */
  enableSync: { req: SyncTarget & { masterPassword: string }; res: { kit: string; view: SyncView } };
  /** Joins a vault synced from another browser (this one has none yet, or its accounts are merged in). */
  joinSync: { req: SyncTarget & { masterPassword: string; kit: string }; res: { view: SyncView } };
  syncNow: { req: Record<string, never>; res: SyncView };
  /** Stops syncing here; the backend's files and the other browsers are left as they are. */
  disableSync: { req: Record<string, never>; res: SyncView };
  /** A new sync key and kit (returned this once); every file resealed, the old ones removed; other browsers rejoin. */
  rotateSyncKey: { req: { masterPassword: string }; res: { kit: string; view: SyncView } };
  // ── backup reminder (issue 24) ── extension pages only
  backupReminder: { req: Record<string, never>; res: BackupReminderView };
  /** "Not now": the reminder stays quiet for a week. */
  dismissBackupReminder: { req: Record<string, never>; res: BackupReminderView };
  // ── clock (issue 24) ──
  /** Content scripts: the Date their own site answered with, to estimate the device clock's offset (bound sites only). */
  clockSample: { req: { sentAt: number; receivedAt: number; serverDate: number }; res: { recorded: boolean } };
  /** Extension pages: what Keyfob measured of the device clock, for the popup's warning. */
  clockStatus: { req: Record<string, never>; res: ClockStatus };
  // ── clipboard (issue 10, hole 12) ──
  /** Extension pages: a code was copied (SHA-256 hex, never the code); empty the clipboard at `clearAt` if it still holds it. */
  clipboardCopied: { req: { codeHash: string; clearAt: number }; res: { scheduled: boolean } };
}

export type Method = keyof BackgroundApi;
export type RequestOf<M extends Method> = BackgroundApi[M]['req'];
export type ResponseOf<M extends Method> = BackgroundApi[M]['res'];

export type ErrorCode =
  | 'invalid_request'
  | 'forbidden'
  | 'internal'
  | 'no_vault'
  | 'vault_exists'
  | 'locked'
  | 'wrong_password'
  | 'weak_password'
  | 'not_found'
  | 'invalid_account'
  | 'invalid_backup'
  | 'corrupt_record'
  /** Sync: the backend already holds a synced vault (join it instead), or sync is already on here. */
  | 'sync_exists'
  /** Sync: turning on or joining failed; the same failures a running sync reports in its status (SyncErrorCode). */
  | 'sync_offline'
  | 'sync_unauthorized'
  | 'sync_forbidden'
  | 'sync_quota'
  | 'sync_busy'
  | 'sync_server'
  | 'sync_wrong_secret'
  | 'sync_other_vault'
  | 'sync_no_key_file'
  /** Transport: the background gave no reply at all (e.g. the worker was restarted mid-call). */
  | 'no_answer';

/** One line an import could not use: `message` is English; `name` (an export's account) and `reason` are for the popup's words. */
export interface ImportFailure { line: number; message: string; name?: string; reason?: ErrorReason }

/** `reason`: why, as data for the popup's words (weak_password, invalid_account, invalid_backup); `message` is English. */
export interface ErrorInfo { code: ErrorCode | string; message: string; reason?: ErrorReason }
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Who sent a message, as the background establishes it from the browser (never from the payload). */
export type SenderKind = 'extension-page' | 'content-script';

export interface Envelope { keyfob: 1; method: string; params: unknown }

export function isEnvelope(raw: unknown): raw is Envelope {
  return typeof raw === 'object' && raw !== null && (raw as { keyfob?: unknown }).keyfob === 1
    && typeof (raw as { method?: unknown }).method === 'string';
}

/**
 * A failed call, carrying the background's error code for the UI to turn into words. The code is a string, not
 * ErrorCode: it is received, and a newer background may send one this popup has no words for (errorUnknown).
 */
export class BackgroundError extends CodedError {
  override name = 'BackgroundError';
  /** The reply's reason as received: unchecked here (content scripts stay tiny), checked by the popup before use. */
  constructor(code: string, message: string, readonly reason?: unknown) {
    super(code, message);
  }
}

interface RuntimeLike { runtime: { sendMessage(message: unknown): Promise<unknown>; getURL(path: string): string } }

/**
 * The browser's own extension API object named `name`, or undefined. Only an own property of the global counts: in a
 * content script a page can plant `<form id="browser"><input name="runtime">`, and a missing `browser` global then
 * resolves to that form through the window's named properties, which live on its prototype chain, not on it.
 */
function ownApi(name: 'browser' | 'chrome'): RuntimeLike | undefined {
  if (!Object.prototype.hasOwnProperty.call(globalThis, name)) return undefined;
  const api = (globalThis as unknown as Record<string, RuntimeLike | undefined>)[name];
  return typeof api?.runtime?.sendMessage === 'function' ? api : undefined;
}

// Content scripts must stay tiny, so this uses the promise-returning runtime both browsers expose
// instead of importing webextension-polyfill.
function runtime(): RuntimeLike['runtime'] {
  const api = ownApi('browser') ?? ownApi('chrome');
  if (!api) throw new BackgroundError('internal', 'Not running inside the extension');
  return api.runtime;
}

/** The URL of one of the extension's own files, from the browser's own API object (never a page-reachable global). */
export function extensionUrl(path: string): string {
  return runtime().getURL(path);
}

/** Calls one background method and unwraps its Reply. */
export async function callBackground<M extends Method>(method: M, params: RequestOf<M>): Promise<ResponseOf<M>> {
  const envelope: Envelope = { keyfob: 1, method, params };
  const reply = (await runtime().sendMessage(envelope)) as Reply<ResponseOf<M>> | undefined;
  if (!reply) throw new BackgroundError('no_answer', 'Keyfob did not answer; try again');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message, reply.error.reason);
  return reply.value;
}
