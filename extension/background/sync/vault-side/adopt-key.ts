// Joining a synced vault: this browser takes the synced data key. With no vault yet, it gets a header wrapping that
// key under the master password; with an unlocked vault, every row is resealed under the synced key in the same
// transaction as the new header and index, so the vault is never half under one key and half under the other.
import { forgetKeys, openWithKey, sealWithKey, wrapKey } from '../../../../src/shared/index.ts';
import type { StoredAccount } from '../../vault/account-record.ts';
import { forgetAccountIndex } from '../../vault/account-index.ts';
import { listAccounts } from '../../vault/accounts.ts';
import { openVaultDb, SCHEMA_VERSION, type VaultHeader } from '../../vault/db.ts';
import { buildIndex } from '../../vault/index-record.ts';
import { sealAccountRow, sealIndexRow } from '../../vault/record-seal.ts';
import { requireDataKey } from '../../vault/session-key.ts';
import { startSession, vaultState } from '../../vault/lifecycle.ts';
import { VaultError } from '../../vault/errors.ts';
import { serialised } from '../../vault/write-queue.ts';

/** Whether two AES keys are the same key, without exporting either: one seals a probe, the other must open it. */
async function sameKey(a: CryptoKey, b: CryptoKey): Promise<boolean> {
  const probe = await sealWithKey(a, new Uint8Array(1), 'keyfob/probe');
  try {
    await openWithKey(b, probe, 'keyfob/probe');
    return true;
  } catch {
    return false;
  }
}

/** `syncedKey` must be extractable (it is wrapped and kept in session storage). */
export function adoptDataKey(syncedKey: CryptoKey, masterPassword: string, now: number): Promise<void> {
  return serialised(async () => {
    const state = await vaultState();
    if (state === 'locked') throw new VaultError('locked', 'Keyfob is locked; unlock it first');
    const db = await openVaultDb();
    const header: VaultHeader = { schemaVersion: SCHEMA_VERSION, wrappedKey: await wrapKey(syncedKey, masterPassword), createdAt: now };
    if (state === 'none') {
      const tx = db.transaction('header', 'readwrite');
      await Promise.all([tx.store.add(header, 'vault'), tx.done]);
    } else if (!(await sameKey(await requireDataKey(), syncedKey))) {
      const { accounts, corrupt } = await listAccounts();
      if (corrupt.length > 0) throw new VaultError('corrupt_record', 'Some accounts cannot be read; delete them before joining a synced vault');
      const rows = await Promise.all(accounts.map((a: StoredAccount) => sealAccountRow(syncedKey, a.id, a.position, a.record, SCHEMA_VERSION)));
      const index = await sealIndexRow(syncedKey, buildIndex(rows.map((row, i) => ({ row, account: accounts[i]! }))), SCHEMA_VERSION);
      const tx = db.transaction(['header', 'accounts', 'index'], 'readwrite');
      const old = (await tx.objectStore('header').get('vault'))!;
      await Promise.all([
        tx.objectStore('header').put({ ...header, createdAt: old.createdAt }, 'vault'),
        ...rows.map((row) => tx.objectStore('accounts').put(row)),
        tx.objectStore('index').put(index),
        tx.done,
      ]);
    } else {
      const tx = db.transaction('header', 'readwrite');
      const old = (await tx.store.get('vault'))!;
      await Promise.all([tx.store.put({ ...header, createdAt: old.createdAt }, 'vault'), tx.done]);
    }
    forgetAccountIndex();
    forgetKeys();
    await startSession(syncedKey);
  });
}
