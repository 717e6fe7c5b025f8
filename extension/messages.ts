// The one typed request/response contract between the extension's parts; validated where received.
import type { OtpAccount, OtpAlgorithm, OtpType } from '../src/shared/types.ts';

export type VaultState = 'none' | 'locked' | 'unlocked';
export type AutofillMode = 'automatic' | 'on-click' | 'off';

export interface Settings {
  /** Minutes of browser idleness before the vault locks itself. */
  autoLockMinutes: number;
  autofillMode: AutofillMode;
  submitAfterFill: boolean;
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
  /** Registrable domains (see siteOf) where this account's codes may be filled. */
  sites: string[];
  notes: string;
  recoveryCodes: { total: number; unused: number };
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
  sites?: string[];
  notes?: string;
}

export interface AccountPatch {
  issuer?: string;
  account?: string;
  sites?: string[];
  notes?: string;
}

export type ExportRequest =
  /** The master password too: an unlocked popup alone must not be enough to take every secret away. */
  | { format: 'encrypted'; masterPassword: string; backupPassword: string }
  | { format: 'otpauth'; masterPassword: string };

export type FieldKind = 'totp' | 'recovery';
/**
 * What started a fill: found on load, the key button in the field, the shortcut / context menu, an unlock, or an
 * account for the page's site just added (e.g. scanned from this very page).
 */
export type FillTrigger = 'auto' | 'click' | 'command' | 'unlocked' | 'added';

export interface AutofillConfig {
  mode: AutofillMode;
  submitAfterFill: boolean;
}

export type FieldCodeReply =
  /** A code with under 3 s left is never given: the background waits for the next one. */
  | { status: 'code'; code: string; validUntil: number }
  | { status: 'locked' }
  /** Several eligible accounts, or none and the user asked: the popup asks which (names never reach the page). */
  | { status: 'choose' }
  | { status: 'none' };

export interface PendingFillView {
  site: string;
  fieldKind: FieldKind;
  /** Accounts already bound to the site first; choosing an unbound one asks to link the site. */
  accounts: { id: string; issuer: string; account: string; bound: boolean }[];
}

/** Background → content script commands (sent with chrome.tabs.sendMessage to one frame). */
export interface ContentApi {
  contentPing: { req: Record<string, never>; res: { href: string; frame: 'top' | 'sub' } };
  /** Fill the focused (or the only) one-time-code field of this frame now. */
  fillNow: { req: { trigger: FillTrigger; code?: string; validUntil?: number }; res: { filled: boolean } };
}

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
  /** Current (and next) codes; `ids` limits the work to the visible rows. HOTP accounts are absent (use nextHotpCode). */
  getCodes: { req: { ids?: string[] }; res: { at: number; codes: CodeView[] } };
  /** Adds accounts, skipping any whose secret is already in the vault. */
  addAccounts: { req: { drafts: AccountDraft[] }; res: { added: AccountView[]; duplicates: { issuer: string; account: string }[] } };
  updateAccount: { req: { id: string; patch: AccountPatch }; res: { account: AccountView } };
  deleteAccount: { req: { id: string }; res: { deleted: true } };
  /** HOTP: returns the code for the stored counter and advances it. */
  nextHotpCode: { req: { id: string }; res: { code: string; counter: number } };
  updateSettings: { req: { patch: Partial<Settings> }; res: { settings: Settings } };
  exportVault: { req: ExportRequest; res: { fileName: string; mimeType: string; text: string } };
  /** Imports a Keyfob backup, an otpauth:// list or otpauth-migration:// URIs; never overwrites. */
  importData: { req: { text: string; backupPassword?: string }; res: { added: number; duplicates: number; failed: { line: number; message: string }[] } };
  // ── autofill (issue 5) ── content-script methods: the site always comes from the sender, never the payload.
  /** How the content script should behave in the sending frame. */
  autofillConfig: { req: Record<string, never>; res: AutofillConfig };
  /** One code for one field on the sender's site (a TOTP code, or the next unused recovery code). */
  codeForField: { req: { fieldKind: FieldKind; trigger: FillTrigger }; res: FieldCodeReply };
  /** The inline hint was clicked: opens Keyfob so the user can unlock (or choose); the field is filled afterwards. */
  requestFillHelp: { req: { fieldKind: FieldKind }; res: { opened: boolean } };
  /** A page shows freshly issued recovery codes: seal them into the account bound to the sender's site. */
  saveRecoveryCodes: { req: { codes: string[] }; res: { saved: number } };
  /** Extension pages: fills waiting for a choice in a tab ("Fill from Keyfob…"), with the eligible or all accounts. */
  pendingFill: { req: { tabId: number }; res: PendingFillView | null };
  /** Extension pages: the user chose an account for a pending fill; `linkSite` after "Link this site to …?". */
  choosePendingFill: { req: { tabId: number; accountId: string; linkSite: boolean }; res: { filled: boolean } };
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
  | 'corrupt_record';

export interface ErrorInfo { code: ErrorCode | string; message: string }
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Who sent a message, as the background establishes it from the browser (never from the payload). */
export type SenderKind = 'extension-page' | 'content-script';

export interface Envelope { keyfob: 1; method: string; params: unknown }

export function isEnvelope(raw: unknown): raw is Envelope {
  return typeof raw === 'object' && raw !== null && (raw as { keyfob?: unknown }).keyfob === 1
    && typeof (raw as { method?: unknown }).method === 'string';
}

/** A failed call, carrying the background's error code for the UI to turn into words. */
export class BackgroundError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'BackgroundError';
  }
}

interface RuntimeLike { runtime: { sendMessage(message: unknown): Promise<unknown> } }

// Content scripts must stay tiny, so this uses the promise-returning runtime both browsers expose
// instead of importing webextension-polyfill.
function runtime(): RuntimeLike['runtime'] {
  const g = globalThis as unknown as { browser?: RuntimeLike; chrome?: RuntimeLike };
  const api = g.browser ?? g.chrome;
  if (!api) throw new BackgroundError('internal', 'Not running inside the extension');
  return api.runtime;
}

/** Calls one background method and unwraps its Reply. */
export async function callBackground<M extends Method>(method: M, params: RequestOf<M>): Promise<ResponseOf<M>> {
  const envelope: Envelope = { keyfob: 1, method, params };
  const reply = (await runtime().sendMessage(envelope)) as Reply<ResponseOf<M>> | undefined;
  if (!reply) throw new BackgroundError('internal', 'Keyfob did not answer; try again');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
  return reply.value;
}
