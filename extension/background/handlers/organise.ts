// Organising the popup's list (issue 24): its order, moving an account by hand (a step, or a drag to a place),
// counting uses for "most used", and Select mode's changes to several accounts: move to a group, delete, undo.
import type { HandlerTable } from '../handler-types.ts';
import { expectObject, expectString, HandlerError } from '../handler-types.ts';
import { isListOrder } from '../../list-order.ts';
import { checkGroups } from '../../../src/shared/account-groups.ts';
import { deleteAccounts, moveToGroup, restoreAccounts } from '../vault/bulk.ts';
import { readAccountIndex } from '../vault/account-index.ts';
import { countUse, readListPrefs, setListOrder } from '../vault/list-prefs.ts';
import { moveAccount } from '../vault/move-account.ts';
import { placeAccount } from '../vault/place-account.ts';
import { requireDataKey } from '../vault/session-key.ts';
import { expectEmpty, expectId, expectIds } from './vault-validators.ts';

type OrganiseMethods = 'listPrefs' | 'setListOrder' | 'moveAccount' | 'placeAccount' | 'countUse' | 'moveToGroup' | 'deleteAccounts' | 'restoreAccounts';

/** The ids of a bulk change: at least one. */
function expectSomeIds(o: Record<string, unknown>): string[] {
  const ids = expectIds(o, 'ids');
  if (!ids || ids.length === 0) throw new HandlerError('invalid_request', 'Field "ids" must list at least one account');
  return ids;
}

export const organiseHandlers: HandlerTable<OrganiseMethods> = {
  listPrefs: {
    allow: ['extension-page'],
    parse: expectEmpty,
    run: async () => readListPrefs(),
  },
  setListOrder: {
    allow: ['extension-page'],
    parse: (raw) => {
      const { order } = expectObject(raw);
      if (!isListOrder(order)) throw new HandlerError('invalid_request', 'Field "order" must be "hand", "used" or "name"');
      return { order };
    },
    run: async ({ order }) => ({ order: await setListOrder(order) }),
  },
  moveAccount: {
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      if (o.direction !== 'up' && o.direction !== 'down') throw new HandlerError('invalid_request', 'Field "direction" must be "up" or "down"');
      return { id: expectId(o), direction: o.direction };
    },
    run: async ({ id, direction }) => moveAccount(id, direction),
  },
  placeAccount: {
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      // A whole place from 1; whether it lies in the account's part of the list is the vault's check (placeAccount).
      if (typeof o.place !== 'number' || !Number.isSafeInteger(o.place) || o.place < 1) {
        throw new HandlerError('invalid_request', 'Field "place" must be a whole number from 1');
      }
      return { id: expectId(o), place: o.place };
    },
    run: async ({ id, place }) => placeAccount(id, place),
  },
  countUse: {
    allow: ['extension-page'],
    parse: (raw) => ({ id: expectId(expectObject(raw)) }),
    run: async ({ id }) => {
      // Only an account of the vault is counted (unlocked: the index is at hand), and the deleted ones' counts go.
      const known = new Set((await readAccountIndex(await requireDataKey())).entries.map((e) => e.view.id));
      if (!known.has(id)) throw new HandlerError('not_found', 'No such account');
      return { count: await countUse(id, known) };
    },
  },
  moveToGroup: {
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      const group = checkGroups([o.group]);
      if (!group || group.length !== 1) throw new HandlerError('invalid_request', 'Field "group" must be one group name');
      const from = o.from === null || o.from === undefined ? null : checkGroups([o.from])?.[0];
      if (from === undefined) throw new HandlerError('invalid_request', 'Field "from" must be a group name or null');
      return { ids: expectSomeIds(o), group: group[0]!, from };
    },
    run: async ({ ids, group, from }) => ({ changed: await moveToGroup(ids, group, from) }),
  },
  deleteAccounts: {
    allow: ['extension-page'],
    parse: (raw) => ({ ids: expectSomeIds(expectObject(raw)) }),
    run: async ({ ids }) => deleteAccounts(ids, Date.now()),
  },
  restoreAccounts: {
    allow: ['extension-page'],
    parse: (raw) => ({ undoToken: expectString(expectObject(raw), 'undoToken', 64) }),
    run: async ({ undoToken }) => ({ restored: await restoreAccounts(undoToken, Date.now()) }),
  },
};
