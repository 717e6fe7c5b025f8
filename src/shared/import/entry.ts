// Turns one entry as a file holds it into an ImportedAccount, or a coded reason why it cannot be imported.
import { cleanGroups } from '../account-groups.ts';
import { OtpauthError, parseOtpauthUri, validateOtpAccount } from '../otpauth.ts';
import type { OtpAlgorithm } from '../types.ts';
import type { EntrySkipReason, ImportedAccount, ImportedType, SkippedEntry } from './types.ts';

/** An entry's fields as read from a file, before any check: the parsers only rename, they do not judge. */
export interface EntryDraft {
  /** The type as the file names it ("totp", "STEAM", "motp"…); compared without case. Not text: malformed. */
  type: unknown;
  issuer?: unknown;
  account?: unknown;
  /** Base32 text. */
  secret?: unknown;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  groups?: readonly unknown[];
  favorite?: unknown;
  note?: unknown;
  url?: unknown;
}

const MAX_NOTE = 4096;
const ALGORITHMS: Record<string, OtpAlgorithm> = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512' };
/** Steam Guard: 5 characters, 30 s, HMAC-SHA1, whatever else a file says. */
const STEAM = { algorithm: 'SHA1', digits: 5, period: 30 } as const;

/** Collects the accounts and the skipped entries of one file, numbering entries in file order. */
export class EntrySink {
  readonly accounts: ImportedAccount[] = [];
  readonly skipped: SkippedEntry[] = [];
  private next = 0;

  /** Checks one draft and files it as imported or skipped. */
  add(draft: EntryDraft): void {
    const index = this.next++;
    const result = buildEntry(draft);
    if ('reason' in result) this.skipped.push({ index, name: entryName(draft, index), reason: result.reason, message: result.message });
    else this.accounts.push(result);
  }

  /** One otpauth:// or steam:// link, with what the file keeps beside it (groups, note…). */
  addUri(uri: string, extras: Omit<EntryDraft, 'type'> = {}): void {
    const draft = draftFromUri(uri);
    if ('reason' in draft) this.skip(labelOfUri(uri), draft.reason, draft.message);
    else this.add({ ...draft, ...extras });
  }

  /** A link left out on purpose (in the old app's trash): named as the link names it. */
  skipUri(uri: string, reason: EntrySkipReason, message: string): void {
    const draft = draftFromUri(uri);
    this.skip('reason' in draft ? labelOfUri(uri) : entryName(draft, -1), reason, message);
  }

  /** An entry that could not even be read as a draft (not an object, undecryptable…). */
  skip(name: string | null, reason: EntrySkipReason, message: string): void {
    const index = this.next++;
    this.skipped.push({ index, name: name || `entry ${index + 1}`, reason, message });
  }
}

/** How a person would recognise the entry in the old app: "Issuer (account)"; with index < 0, "" when it names nothing. */
export function entryName(draft: Pick<EntryDraft, 'issuer' | 'account'>, index: number): string {
  const issuer = typeof draft.issuer === 'string' ? draft.issuer.trim().slice(0, 80) : '';
  const account = typeof draft.account === 'string' ? draft.account.trim().slice(0, 80) : '';
  if (issuer && account) return `${issuer} (${account})`;
  return issuer || account || (index < 0 ? '' : `entry ${index + 1}`);
}

/** The label of a link that could not be read, for the skipped line ("GitHub:ada"). */
function labelOfUri(uri: string): string | null {
  const raw = /^[a-z-]+:\/\/[^/]*\/([^?#]*)/i.exec(uri.trim())?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw).slice(0, 80);
  } catch {
    return raw.slice(0, 80);
  }
}

type Built = ImportedAccount | { reason: EntrySkipReason; message: string };

function malformed(field: string): Built {
  return { reason: { code: 'malformed-entry', field }, message: `The entry's ${field} is missing or of the wrong kind.` };
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A whole number from a number or numeric text; `fallback` when absent; null when present but not a number. */
function integer(value: unknown, fallback: number): number | null {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*\d{1,16}\s*$/.test(value)) return Number(value.trim());
  return null;
}

function normaliseType(type: string): ImportedType | null {
  const t = type.trim().toLowerCase();
  return t === 'totp' || t === 'hotp' || t === 'steam' ? t : null;
}

function buildEntry(d: EntryDraft): Built {
  if (typeof d.type !== 'string') return malformed('type');
  const type = normaliseType(d.type);
  if (!type) {
    return { reason: { code: 'unsupported-type', type: d.type.slice(0, 40) }, message: `"${d.type.slice(0, 40)}" codes are not supported.` };
  }
  const issuer = text(d.issuer);
  if (issuer === null) return malformed('issuer');
  const account = text(d.account);
  if (account === null) return malformed('name');
  if (d.secret !== undefined && d.secret !== null && typeof d.secret !== 'string') return malformed('secret');
  let algorithm: OtpAlgorithm = 'SHA1';
  if (d.algorithm !== undefined && d.algorithm !== null && d.algorithm !== '') {
    if (typeof d.algorithm !== 'string') return malformed('algorithm');
    const found = ALGORITHMS[d.algorithm.toUpperCase().replace(/[-_\s]/g, '').replace(/^HMAC/, '')];
    if (!found) {
      return { reason: { code: 'unsupported-algorithm', algorithm: d.algorithm.slice(0, 40) }, message: `The ${d.algorithm.slice(0, 40)} algorithm is not supported.` };
    }
    algorithm = found;
  }
  const digits = integer(d.digits, 6);
  if (digits === null) return malformed('digits');
  const period = integer(d.period, 30);
  if (period === null) return malformed('period');
  const counter = integer(d.counter, 0);
  if (counter === null) return malformed('counter');
  try {
    // Steam's own parameters are fixed; it is checked as the TOTP it is underneath.
    const checked = validateOtpAccount({
      type: type === 'hotp' ? 'hotp' : 'totp',
      issuer,
      account,
      secret: (d.secret ?? '') as string,
      algorithm: type === 'steam' ? STEAM.algorithm : algorithm,
      digits: type === 'steam' ? 6 : digits,
      period: type === 'steam' ? STEAM.period : period,
      counter: type === 'hotp' ? counter : 0,
    });
    return {
      ...checked,
      type,
      digits: type === 'steam' ? STEAM.digits : checked.digits,
      groups: cleanGroups(d.groups),
      favorite: d.favorite === true || d.favorite === 1 || d.favorite === 'true',
      note: typeof d.note === 'string' ? d.note.slice(0, MAX_NOTE) : '',
      url: cleanUrl(d.url),
    };
  } catch (e) {
    if (e instanceof OtpauthError && e.reason) return { reason: { code: 'invalid-entry', otpauth: e.reason }, message: e.message };
    throw e;
  }
}

/** Only a web address is kept: anything else (javascript:, androidapp://…) is not a site to bind. */
function cleanUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    return new URL(trimmed).href;
  } catch {
    return null;
  }
}

/**
 * Reads one otpauth:// (totp, hotp, steam), steam:// link into a draft, or the reason it cannot be. Steam is recognised
 * as otpauth://steam/…, steam://SECRET, or a TOTP link with encoder=steam (or issuer Steam and 5 digits).
 */
export function draftFromUri(uri: string): EntryDraft | { reason: EntrySkipReason; message: string } {
  const trimmed = uri.trim();
  const steamBare = /^steam:\/\/([A-Za-z2-7=\s-]+)$/i.exec(trimmed);
  if (steamBare) return { type: 'steam', issuer: 'Steam', account: '', secret: steamBare[1] };
  const typeMatch = /^otpauth:\/\/([^/?#]*)\//i.exec(trimmed);
  if (!typeMatch) return { reason: { code: 'invalid-entry', otpauth: { code: 'not-otpauth' } }, message: 'Not an otpauth:// link.' };
  const rawType = (typeMatch[1] ?? '').toLowerCase();
  if (rawType !== 'totp' && rawType !== 'hotp' && rawType !== 'steam') {
    return { reason: { code: 'unsupported-type', type: rawType.slice(0, 40) }, message: `"${rawType.slice(0, 40)}" codes are not supported.` };
  }
  const query = /\?([^#]*)/.exec(trimmed)?.[1] ?? '';
  const param = (name: string) => {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      if (eq > 0 && pair.slice(0, eq).toLowerCase() === name) {
        try { return decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' ')); } catch { return null; }
      }
    }
    return null;
  };
  const encoderSteam = param('encoder')?.toLowerCase() === 'steam';
  const steam = rawType === 'steam' || encoderSteam;
  // Parsed as TOTP underneath (digits=5 would be refused there); the link's own checks still apply.
  const asTotp = steam ? trimmed.replace(/^otpauth:\/\/steam\//i, 'otpauth://totp/').replace(/([?&])digits=\d*/i, '$1digits=6') : trimmed;
  try {
    const a = parseOtpauthUri(asTotp);
    return {
      type: steam ? 'steam' : a.type,
      issuer: a.issuer || (steam ? 'Steam' : ''),
      account: a.account,
      secret: a.secret,
      algorithm: a.algorithm,
      digits: a.digits,
      period: a.period,
      counter: a.counter,
    };
  } catch (e) {
    if (e instanceof OtpauthError && e.reason) return { reason: { code: 'invalid-entry', otpauth: e.reason }, message: e.message };
    throw e;
  }
}
