// Puts an account at a place in the by-hand order (list-order.ts), the popup's drag and drop: the moved row and the
// fewest others it must push aside are rewritten in one transaction with the index, sealed like any edit, so it syncs.
import { orderAccounts, placedPositions, placeRange } from '../../list-order.ts';
import { commitRows, loadAccountIndex } from './account-index.ts';
import { getAccounts } from './accounts.ts';
import { SCHEMA_VERSION } from './db.ts';
import { VaultError } from './errors.ts';
import type { MoveResult } from './move-account.ts';
import { sealAccountRow } from './record-seal.ts';
import { requireDataKey } from './session-key.ts';
import { serialised } from './write-queue.ts';

/** `place` counts from 1 over the whole by-hand order (favourites first), as MoveResult's does. */
export function placeAccount(id: string, place: number): Promise<MoveResult> {
  return serialised(async () => {
    const key = await requireDataKey();
    const sorted = orderAccounts((await loadAccountIndex(key)).entries.map((e) => e.view), 'hand', {});
    const range = placeRange(sorted, id);
    if (!range) throw new VaultError('not_found', 'No such account');
    const total = sorted.length;
    const to = place - 1;
    // Checked here against the vault as it is, not as the popup last saw it: never across the favourites' line.
    if (to < range.first || to > range.last) throw new VaultError('invalid_request', 'That place is outside the account\'s part of the list');
    if (to === range.from) return { moved: false, place, total };
    const changed = placedPositions(sorted, range.from, to);
    const ids = [...changed.keys()];
    // The rows themselves are opened (not the index's copies): their records are what gets resealed.
    const rows = await getAccounts(ids, key);
    if (rows.length !== ids.length || rows.some((r, i) => r.id !== ids[i])) throw new VaultError('corrupt_record', 'This account\'s data is damaged and cannot be read');
    const written = rows.map((a) => ({ ...a, position: changed.get(a.id)! }));
    const sealed = await Promise.all(written.map((a) => sealAccountRow(key, a.id, a.position, a.record, SCHEMA_VERSION)));
    await commitRows(key, sealed.map((row, i) => ({ row, account: written[i]! })), []);
    return { moved: true, place, total };
  });
}
