// Checks the shape of vault, account and backup requests before any handler sees them (the sender may be compromised).
import {
  checkAccountIcon, checkGroups, MAX_GROUP_LENGTH, MAX_GROUPS, MAX_ICON_BYTES, MAX_ICON_PIXELS, normaliseOriginInput, type AccountIcon, type OtpAccount,
} from '../../../src/shared/index.ts';
import type { AccountDraft, AccountPatch, ExportRequest, Settings } from '../../messages.ts';
import { HandlerError, expectObject, expectString } from '../handler-types.ts';

export const MAX_ORIGINS = 100;
export const MAX_NOTES = 20_000;
export const MAX_DRAFTS = 5_000;
export const MAX_IMPORT_TEXT = 5_000_000;
const MAX_PASSWORD = 1024;

function invalid(message: string): HandlerError {
  return new HandlerError('invalid_request', message);
}

export function expectEmpty(raw: unknown): Record<string, never> {
  expectObject(raw ?? {});
  return {};
}

export function expectPassword(obj: Record<string, unknown>, key: string): string {
  return expectString(obj, key, MAX_PASSWORD);
}

/** A closed shape: a field the contract does not name is refused, not carried along unread. */
function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], what: string): Record<string, unknown> {
  const extra = Object.keys(obj).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw invalid(`${what} has no field "${extra.slice(0, 40)}"`);
  return obj;
}

const DRAFT_KEYS = ['account', 'origins', 'notes', 'groups', 'favourite', 'icon'] as const;
const PATCH_KEYS = ['issuer', 'account', 'origins', 'notes', 'groups', 'favourite', 'icon'] as const;

function optionalString(obj: Record<string, unknown>, key: string, max: number): string | undefined {
  return obj[key] === undefined ? undefined : expectString(obj, key, max);
}

function expectNumber(obj: Record<string, unknown>, key: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`Field "${key}" must be a number`);
  return v;
}

function expectArray(obj: Record<string, unknown>, key: string, max: number): unknown[] {
  const v = obj[key];
  if (!Array.isArray(v) || v.length > max) throw invalid(`Field "${key}" must be a list of at most ${max} items`);
  return v;
}

/** Bound origins, normalised (scheme://host[:port]); anything that is not an http(s) origin is refused. */
export function expectOrigins(obj: Record<string, unknown>, key: string): string[] | undefined {
  if (obj[key] === undefined) return undefined;
  return expectArray(obj, key, MAX_ORIGINS).map((s) => {
    const origin = typeof s === 'string' ? normaliseOriginInput(s) : null;
    if (!origin) throw invalid(`"${String(s).slice(0, 80)}" is not a web origin`);
    return origin;
  });
}

/** Group names: a list of text within the bounds of src/shared/account-groups.ts, returned in normal form. */
export function expectGroups(obj: Record<string, unknown>, key: string): string[] | undefined {
  if (obj[key] === undefined) return undefined;
  const groups = checkGroups(obj[key]);
  if (!groups) throw invalid(`Field "${key}" must be a list of at most ${MAX_GROUPS} names of at most ${MAX_GROUP_LENGTH} characters`);
  return groups;
}

/**
 * An icon (src/shared/account-icon.ts): a site icon must be a base64 PNG or WebP data URL of at most MAX_ICON_BYTES
 * and MAX_ICON_PIXELS square, whatever the popup claims to have drawn. null only where `clearable` (a patch).
 */
export function expectIcon(obj: Record<string, unknown>, key: string, clearable: boolean): AccountIcon | null | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (v === null && clearable) return null;
  const icon = checkAccountIcon(v);
  if (!icon) throw invalid(`Field "${key}" must be a brand, none, or a PNG or WebP of at most ${MAX_ICON_BYTES} bytes and ${MAX_ICON_PIXELS} pixels square`);
  return icon;
}

function optionalBoolean(obj: Record<string, unknown>, key: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw invalid(`Field "${key}" must be true or false`);
  return v;
}

/** Only the types are checked here; validateOtpAccount in the vault judges the values with its own messages. */
export function expectOtpAccount(raw: unknown): OtpAccount {
  const o = expectObject(raw);
  return {
    type: expectString(o, 'type', 8) as OtpAccount['type'],
    issuer: expectString(o, 'issuer', 1024),
    account: expectString(o, 'account', 1024),
    secret: expectString(o, 'secret', 4096),
    algorithm: expectString(o, 'algorithm', 16) as OtpAccount['algorithm'],
    digits: expectNumber(o, 'digits'),
    period: expectNumber(o, 'period'),
    counter: expectNumber(o, 'counter'),
  };
}

export function expectDraft(raw: unknown): AccountDraft {
  const o = onlyKeys(expectObject(raw), DRAFT_KEYS, 'An account draft');
  return {
    account: expectOtpAccount(o.account),
    origins: expectOrigins(o, 'origins'),
    notes: optionalString(o, 'notes', MAX_NOTES),
    groups: expectGroups(o, 'groups'),
    favourite: optionalBoolean(o, 'favourite'),
    icon: expectIcon(o, 'icon', false) ?? undefined,
  };
}

export function expectDrafts(raw: unknown): { drafts: AccountDraft[] } {
  return { drafts: expectArray(expectObject(raw), 'drafts', MAX_DRAFTS).map(expectDraft) };
}

export function expectPatch(raw: unknown): AccountPatch {
  const o = onlyKeys(expectObject(raw), PATCH_KEYS, 'An account change');
  return {
    issuer: optionalString(o, 'issuer', 1024),
    account: optionalString(o, 'account', 1024),
    origins: expectOrigins(o, 'origins'),
    notes: optionalString(o, 'notes', MAX_NOTES),
    groups: expectGroups(o, 'groups'),
    favourite: optionalBoolean(o, 'favourite'),
    icon: expectIcon(o, 'icon', true),
  };
}

export function expectIds(obj: Record<string, unknown>, key: string): string[] | undefined {
  if (obj[key] === undefined) return undefined;
  return expectArray(obj, key, MAX_DRAFTS).map((id) => {
    if (typeof id !== 'string' || id.length > 64) throw invalid('Account ids must be short strings');
    return id;
  });
}

export function expectId(obj: Record<string, unknown>): string {
  return expectString(obj, 'id', 64);
}

export function expectSettingsPatch(raw: unknown): Partial<Settings> {
  const o = expectObject(expectObject(raw).patch);
  const patch: Partial<Settings> = {};
  if (o.autoLockMinutes !== undefined) patch.autoLockMinutes = expectNumber(o, 'autoLockMinutes');
  if (o.autofillMode !== undefined) patch.autofillMode = expectString(o, 'autofillMode', 16) as Settings['autofillMode'];
  if (o.submitAfterFill !== undefined) {
    if (typeof o.submitAfterFill !== 'boolean') throw invalid('Field "submitAfterFill" must be true or false');
    patch.submitAfterFill = o.submitAfterFill;
  }
  if (o.useCorrectedTime !== undefined) {
    if (typeof o.useCorrectedTime !== 'boolean') throw invalid('Field "useCorrectedTime" must be true or false');
    patch.useCorrectedTime = o.useCorrectedTime;
  }
  return patch;
}

export function expectExportRequest(raw: unknown): ExportRequest {
  const o = expectObject(raw);
  if (o.format === 'encrypted') {
    return { format: 'encrypted', masterPassword: expectPassword(o, 'masterPassword'), backupPassword: expectPassword(o, 'backupPassword') };
  }
  if (o.format === 'otpauth' || o.format === 'aegis') return { format: o.format, masterPassword: expectPassword(o, 'masterPassword') };
  throw invalid('Field "format" must be "encrypted", "otpauth" or "aegis"');
}

export function expectImportRequest(raw: unknown): { text: string; backupPassword?: string } {
  const o = expectObject(raw);
  const text = expectString(o, 'text', MAX_IMPORT_TEXT);
  const backupPassword = o.backupPassword === undefined ? undefined : expectPassword(o, 'backupPassword');
  return backupPassword === undefined ? { text } : { text, backupPassword };
}
