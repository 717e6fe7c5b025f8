// Moves an account one step up or down in the by-hand order (list-order.ts): the two rows trade stored positions in
// one transaction with the index, so the order is sealed in the vault, survives restarts and syncs like any edit.
import { moveNeighbour, swappedPositions } from '../../list-order.ts';
import { commitRows, loadAccountIndex } from './account-index.ts';
import { getAccounts } from './accounts.ts';
import { SCHEMA_VERSION } from './db.ts';
import { VaultError } from './errors.ts';
import { sealAccountRow } from './record-seal.ts';
import { requireDataKey } from './session-key.ts';
import { serialised } from './write-queue.ts';

export interface MoveResult {
  moved: boolean;
  /** The account's place in the by-hand order after the move, from 1 (favourites first). */
  place: number;
  total: number;
}

export function moveAccount(id: string, direction: 'up' | 'down'): Promise<MoveResult> {
  return serialised(async () => {
    const key = await requireDataKey();
    const views = (await loadAccountIndex(key)).entries.map((e) => e.view);
    const step = moveNeighbour(views, id, direction);
    if (!step) throw new VaultError('not_found', 'No such account');
    const total = views.length;
    if (!step.other) return { moved: false, place: step.place + 1, total };
    // The rows themselves are opened (not the index's copies): their records are what gets resealed.
    const [moved, other] = await getAccounts([id, step.other.id], key);
    if (moved?.id !== id || other?.id !== step.other.id) throw new VaultError('corrupt_record', 'This account\'s data is damaged and cannot be read');
    const positions = swappedPositions(moved.position, other.position, direction);
    const written = [{ ...moved, position: positions.moved }, { ...other, position: positions.other }];
    const rows = await Promise.all(written.map((a) => sealAccountRow(key, a.id, a.position, a.record, SCHEMA_VERSION)));
    await commitRows(key, rows.map((row, i) => ({ row, account: written[i]! })), []);
    return { moved: true, place: step.place + (direction === 'up' ? 0 : 2), total };
  });
}
