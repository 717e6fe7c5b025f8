// Changes to several accounts at once from the popup's Select mode: move them to a group, delete them, and undo a
// delete. Each is one transaction with the index. A delete keeps the rows' sealed bytes (never an opened secret) in
// the worker's memory for a while, so Undo puts back exactly what was there, under the same ids and positions.
import { MAX_GROUPS } from '../../../src/shared/account-groups.ts';
import type { StoredAccount } from './account-record.ts';
import { commitRows } from './account-index.ts';
import { getAccounts } from './accounts.ts';
import { openVaultDb, SCHEMA_VERSION, type AccountRow } from './db.ts';
import { VaultError } from './errors.ts';
import { openAccountRow, sealAccountRow } from './record-seal.ts';
import { requireDataKey } from './session-key.ts';
import { serialised } from './write-queue.ts';

/** How long a delete can be undone: the popup offers Undo while it is open, and a popup is not open for longer. */
export const UNDO_MS = 10 * 60_000;

const trash = new Map<string, { rows: AccountRow[]; until: number }>();

function dropExpired(now: number): void {
  for (const [token, t] of trash) if (t.until <= now) trash.delete(token);
}

/**
 * Moves the accounts into `group` (names in normal form): `from` is taken away (the group the user was looking at;
 * null from "All") and `group` added. Returns how many changed; an account over the group limit refuses the lot.
 */
export function moveToGroup(ids: readonly string[], group: string, from: string | null): Promise<number> {
  return serialised(async () => {
    const key = await requireDataKey();
    const current = await getAccounts([...new Set(ids)], key);
    const changed: StoredAccount[] = current
      .map((a) => ({ a, groups: [...a.record.groups.filter((g) => g !== from && g !== group), group] }))
      .filter(({ a, groups }) => groups.join('\n') !== a.record.groups.join('\n'))
      .map(({ a, groups }) => ({ ...a, record: { ...a.record, groups } }));
    if (changed.some((a) => a.record.groups.length > MAX_GROUPS)) throw new VaultError('invalid_request', `An account can be in at most ${MAX_GROUPS} groups`);
    const rows = await Promise.all(changed.map((a) => sealAccountRow(key, a.id, a.position, a.record, SCHEMA_VERSION)));
    await commitRows(key, rows.map((row, i) => ({ row, account: changed[i]! })), []);
    return changed.length;
  });
}

/** Deletes the accounts (corrupt rows too); returns the token that undoes it until UNDO_MS from `now`. */
export function deleteAccounts(ids: readonly string[], now: number): Promise<{ deleted: number; undoToken: string }> {
  return serialised(async () => {
    const key = await requireDataKey();
    dropExpired(now);
    const tx = (await openVaultDb()).transaction('accounts');
    const rows = (await Promise.all([...new Set(ids)].map((id) => tx.store.get(id)))).filter((r): r is AccountRow => r !== undefined);
    await commitRows(key, [], rows.map((r) => r.id));
    const undoToken = crypto.randomUUID();
    trash.set(undoToken, { rows, until: now + UNDO_MS });
    return { deleted: rows.length, undoToken };
  });
}

/** Puts back what the delete of `token` removed, skipping an id that exists again; the token is then spent. */
export function restoreAccounts(token: string, now: number): Promise<number> {
  return serialised(async () => {
    const key = await requireDataKey();
    dropExpired(now);
    const held = trash.get(token);
    if (!held) throw new VaultError('not_found', 'Nothing to undo');
    trash.delete(token);
    const db = await openVaultDb();
    const rows = [];
    for (const row of held.rows) if ((await db.count('accounts', row.id)) === 0) rows.push(row);
    const opened = await Promise.all(rows.map(async (row) => ({ row, account: await openAccountRow(key, row, SCHEMA_VERSION) })));
    await commitRows(key, opened, []);
    return rows.length;
  });
}

/** Lock forgets every pending undo: nothing of the vault outlives the unlocked session in memory. */
export function forgetUndo(): void {
  trash.clear();
}
