// Organising the popup's list (issue 24): its order, moving an account by hand, and counting uses for "most used".
import type { HandlerTable } from '../handler-types.ts';
import { expectObject, HandlerError } from '../handler-types.ts';
import { isListOrder } from '../../list-order.ts';
import { readAccountIndex } from '../vault/account-index.ts';
import { countUse, readListPrefs, setListOrder } from '../vault/list-prefs.ts';
import { moveAccount } from '../vault/move-account.ts';
import { requireDataKey } from '../vault/session-key.ts';
import { expectEmpty, expectId } from './vault-validators.ts';

type OrganiseMethods = 'listPrefs' | 'setListOrder' | 'moveAccount' | 'countUse';

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
};
