// What the popup's list is served from: the account index (no row opened), and codes for the rows on screen only,
// whose secrets are the only ones opened.
import type { AccountView, CodeView } from '../../messages.ts';
import { orderAccounts } from '../../list-order.ts';
import { peekAccountIndex, readAccountIndex } from './account-index.ts';
import { toAccountView, type StoredAccount } from './account-record.ts';
import { codeForAccount, getAccounts } from './accounts.ts';
import { readListPrefs } from './list-prefs.ts';
import { requireDataKey } from './session-key.ts';

export interface AccountViews {
  accounts: AccountView[];
  corrupt: { id: string; position: number }[];
}

export interface FirstScreen {
  /** The moment the codes were made (epoch ms). */
  at: number;
  /** How many accounts the list holds (the first `accounts` are on screen; the rest come with listAccountViews). */
  total: number;
  accounts: AccountView[];
  codes: CodeView[];
}

/** Every account as the popup shows it, in list order, from the index. */
export async function listAccountViews(): Promise<AccountViews> {
  const index = await readAccountIndex(await requireDataKey());
  return {
    accounts: index.entries.map((e) => e.view),
    corrupt: index.corrupt.map(({ id, position }) => ({ id, position })),
  };
}

/** The first `rows` accounts of the list with their current codes: all the popup needs to paint. */
export async function firstScreen(rows: number, now: number): Promise<FirstScreen> {
  const key = await requireDataKey();
  const [index, prefs] = await Promise.all([peekAccountIndex(key), readListPrefs()]);
  // The rows the popup will show on top: favourites first, in the order the user chose (the popup sorts alike).
  const top = orderAccounts(index.entries.map((e) => e.view), prefs.order, prefs.uses).slice(0, rows);
  // What is shown comes from the rows themselves (opened for their codes anyway); a row that does not open is left
  // for the checked list that follows.
  const opened = await getAccounts(top.map((v) => v.id), key);
  return { at: now, total: index.entries.length, accounts: opened.map(toAccountView), codes: await codesFor(opened, now) };
}

/** Current and next codes of the time-based (TOTP, Steam) accounts among `accounts` (HOTP codes are made one at a time, on request). */
export function codesFor(accounts: readonly StoredAccount[], now: number): Promise<CodeView[]> {
  return Promise.all(accounts.filter((a) => a.record.account.type !== 'hotp')
    .map(async (a) => ({ id: a.id, period: a.record.account.period, ...(await codeForAccount(a, now)) })));
}
