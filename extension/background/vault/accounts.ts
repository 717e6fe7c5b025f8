// Account rows: listing (with corrupt rows reported, not fatal), adding without duplicates, editing,
// deleting, and making codes. Every write is one IndexedDB transaction, rows and index together, so no half
// account is ever stored and the index never disagrees with the rows.
import { codeValidUntil, generateCode, sameCodesKey, validateOtpAccount, OtpauthError, type AccountIcon, type OtpAccount } from '../../../src/shared/index.ts';
import type { AccountRecord, RecoveryCode, StoredAccount } from './account-record.ts';
import { commitRows, forgetAccountIndex } from './account-index.ts';
import { openVaultDb, SCHEMA_VERSION, type AccountRow } from './db.ts';
import { VaultError } from './errors.ts';
import { openAccountRow, rowSchema, sealAccountRow } from './record-seal.ts';
import { requireDataKey } from './session-key.ts';
import { serialised } from './write-queue.ts';

export interface NewAccount {
  account: OtpAccount;
  origins?: string[];
  notes?: string;
  recoveryCodes?: string[];
  /** In normal form (checkGroups or cleanGroups). */
  groups?: string[];
  favourite?: boolean;
  /** Checked by checkAccountIcon. */
  icon?: AccountIcon;
}

/** Fields that may change after an account is saved; the secret never does. */
export interface AccountUpdate {
  issuer?: string;
  account?: string;
  origins?: string[];
  notes?: string;
  counter?: number;
  recoveryCodes?: RecoveryCode[];
  /** In normal form (checkGroups or cleanGroups). */
  groups?: string[];
  favourite?: boolean;
  /** Checked by checkAccountIcon; null: back to automatic. */
  icon?: AccountIcon | null;
}

export interface AccountList {
  accounts: StoredAccount[];
  /** Rows that failed to open (tampered, swapped between ids, damaged): shown, never silently dropped. */
  corrupt: { id: string; position: number }[];
}

export async function listAccounts(): Promise<AccountList> {
  const key = await requireDataKey();
  const rows = await (await openVaultDb()).getAllFromIndex('accounts', 'position');
  const opened = await Promise.all(rows.map((row) => openAccountRow(key, row, SCHEMA_VERSION)));
  const list: AccountList = { accounts: [], corrupt: [] };
  opened.forEach((account, i) => {
    if (account) list.accounts.push(account);
    else list.corrupt.push({ id: rows[i]!.id, position: rows[i]!.position });
  });
  return list;
}

export async function getAccount(id: string): Promise<StoredAccount> {
  const key = await requireDataKey();
  const row = await (await openVaultDb()).get('accounts', id);
  if (!row) throw new VaultError('not_found', 'No such account');
  const account = await openAccountRow(key, row, SCHEMA_VERSION);
  if (!account) throw new VaultError('corrupt_record', 'This account\'s data is damaged and cannot be read');
  return account;
}

/** The readable accounts among `ids`, in the order asked; unknown and corrupt ids are left out. */
export async function getAccounts(ids: string[], dataKey?: CryptoKey): Promise<StoredAccount[]> {
  const key = dataKey ?? await requireDataKey();
  const tx = (await openVaultDb()).transaction('accounts');
  const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
  const opened = await Promise.all(rows.map((row) => (row ? openAccountRow(key, row, SCHEMA_VERSION) : null)));
  return opened.filter((a): a is StoredAccount => a !== null);
}


/** Validates an account, turning the parser's error into a vault error with its message. */
export function checkAccount(account: OtpAccount): OtpAccount {
  try {
    return validateOtpAccount(account);
  } catch (err) {
    if (err instanceof OtpauthError) throw new VaultError('invalid_account', err.message, err.reason);
    throw err;
  }
}

/**
 * Adds accounts in one transaction, skipping any that makes the same codes as one already in the vault (or earlier in
 * the same batch): same type, secret and parameters (sameCodesKey). All drafts are validated first: one invalid draft
 * saves nothing.
 */
export function addAccounts(drafts: NewAccount[], now: number): Promise<{ added: StoredAccount[]; duplicates: OtpAccount[] }> {
  const checked = drafts.map((d) => ({ ...d, account: checkAccount(d.account) }));
  return serialised(async () => {
    const key = await requireDataKey();
    const existing = await listAccounts();
    const known = new Set(existing.accounts.map((a) => sameCodesKey(a.record.account)));
    let position = Math.max(-1, ...existing.accounts.map((a) => a.position), ...existing.corrupt.map((c) => c.position));
    const added: StoredAccount[] = [];
    const duplicates: OtpAccount[] = [];
    for (const draft of checked) {
      // validateOtpAccount normalises secrets (upper case, no padding), so equal secrets compare equal.
      const key = sameCodesKey(draft.account);
      if (known.has(key)) {
        duplicates.push(draft.account);
        continue;
      }
      known.add(key);
      const record: AccountRecord = {
        account: draft.account,
        origins: [...new Set(draft.origins ?? [])],
        notes: draft.notes ?? '',
        recoveryCodes: (draft.recoveryCodes ?? []).map((code) => ({ code, used: false })),
        createdAt: now,
        groups: [...(draft.groups ?? [])],
        favourite: draft.favourite ?? false,
        ...(draft.icon ? { icon: draft.icon } : {}),
      };
      added.push({ id: crypto.randomUUID(), position: ++position, record });
    }
    await commitAccounts(key, added);
    return { added, duplicates };
  });
}

export function updateAccount(id: string, update: AccountUpdate): Promise<StoredAccount> {
  return serialised(async () => {
    const key = await requireDataKey();
    const current = await getAccount(id);
    const { icon: currentIcon, ...rest } = current.record;
    const icon = update.icon === undefined ? currentIcon : update.icon;
    const record: AccountRecord = {
      ...rest,
      account: checkAccount({
        ...current.record.account,
        issuer: update.issuer ?? current.record.account.issuer,
        account: update.account ?? current.record.account.account,
        counter: update.counter ?? current.record.account.counter,
      }),
      origins: update.origins ? [...new Set(update.origins)] : current.record.origins,
      notes: update.notes ?? current.record.notes,
      recoveryCodes: update.recoveryCodes ?? current.record.recoveryCodes,
      groups: update.groups ? [...update.groups] : current.record.groups,
      favourite: update.favourite ?? current.record.favourite,
      // Last, as decodeRecord reads it: sync compares records by their encoded bytes.
      ...(icon ? { icon } : {}),
    };
    const updated = { id, position: current.position, record };
    await commitAccounts(key, [updated]);
    return updated;
  });
}

export function deleteAccount(id: string): Promise<void> {
  return serialised(async () => {
    const key = await requireDataKey();
    // Within the write queue, nothing else deletes or adds between this check and the commit.
    if ((await (await openVaultDb()).count('accounts', id)) === 0) throw new VaultError('not_found', 'No such account');
    await commitRows(key, [], [id]);
  });
}

/**
 * Reseals rows written by an older schema (for version 1: site bindings become origins) under today's AAD. Runs at
 * unlock, the first moment the key is at hand after an upgrade; a row that does not open is left for the user to see.
 */
export function upgradeRows(key: CryptoKey): Promise<number> {
  return serialised(async () => {
    const rows = (await (await openVaultDb()).getAll('accounts')).filter((row) => rowSchema(row) < SCHEMA_VERSION);
    const opened = await Promise.all(rows.map((row) => openAccountRow(key, row, SCHEMA_VERSION)));
    const resealed = await Promise.all(opened.filter((a): a is StoredAccount => a !== null)
      .map((a) => sealAccountRow(key, a.id, a.position, a.record, SCHEMA_VERSION)));
    await putRows(resealed);
    // Resealed rows have new fingerprints, so a stored index would be rebuilt anyway; one held in memory must go now.
    if (resealed.length > 0) forgetAccountIndex();
    return resealed.length;
  });
}

/** Seals accounts and commits them with the index. For work in the write queue. */
async function commitAccounts(key: CryptoKey, accounts: StoredAccount[]): Promise<void> {
  if (accounts.length === 0) return;
  const rows = await Promise.all(accounts.map((a) => sealAccountRow(key, a.id, a.position, a.record, SCHEMA_VERSION)));
  await commitRows(key, rows.map((row, i) => ({ row, account: accounts[i]! })), []);
}

async function putRows(rows: AccountRow[]): Promise<void> {
  if (rows.length === 0) return;
  const db = await openVaultDb();
  const tx = db.transaction('accounts', 'readwrite');
  await Promise.all([...rows.map((row) => tx.store.put(row)), tx.done]);
}

export interface CodeAt {
  code: string;
  nextCode: string | null;
  validUntil: number;
}

/** The TOTP (or Steam) code of an account at `now`, and the next period's. HOTP codes are only made by advanceHotp. */
export async function codeForAccount(account: StoredAccount, now: number): Promise<CodeAt> {
  const a = account.record.account;
  if (a.type === 'hotp') throw new VaultError('invalid_request', 'Counter-based (HOTP) codes are made one at a time');
  const validUntil = codeValidUntil(a, now);
  const [code, nextCode] = await Promise.all([generateCode(a, now), generateCode(a, validUntil)]);
  return { code, nextCode, validUntil };
}

/** Makes the HOTP code for the stored counter and stores the advanced counter before returning it. */
export function advanceHotp(id: string): Promise<{ code: string; counter: number }> {
  return serialised(async () => {
    const key = await requireDataKey();
    const current = await getAccount(id);
    const a = current.record.account;
    if (a.type !== 'hotp') throw new VaultError('invalid_request', 'Only counter-based (HOTP) accounts have a next code');
    const code = await generateCode(a);
    const record = { ...current.record, account: { ...a, counter: a.counter + 1 } };
    // The counter is saved before the code is shown, so a code is never handed out twice.
    await commitAccounts(key, [{ id, position: current.position, record }]);
    return { code, counter: a.counter };
  });
}

/** Replaces an account's recovery codes (e.g. freshly issued by the site). */
export async function saveRecoveryCodes(id: string, codes: string[]): Promise<StoredAccount> {
  return updateAccount(id, { recoveryCodes: [...new Set(codes)].map((code) => ({ code, used: false })) });
}

/** Hands out the next unused recovery code and marks it used; null when none are left. */
export function takeRecoveryCode(id: string): Promise<string | null> {
  return serialised(async () => {
    const key = await requireDataKey();
    const current = await getAccount(id);
    const next = current.record.recoveryCodes.find((c) => !c.used);
    if (!next) return null;
    const recoveryCodes = current.record.recoveryCodes.map((c) => (c === next ? { ...c, used: true } : c));
    await commitAccounts(key, [{ id, position: current.position, record: { ...current.record, recoveryCodes } }]);
    return next.code;
  });
}
