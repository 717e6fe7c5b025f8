// Whether an origin imitates a site one of the user's accounts is bound to (src/shared/look-alike.ts), asked when the
// user uses Keyfob on a page (the key button, the popup) and before a new binding is saved. Read from the account
// index, so no row is opened; nothing is answered while the vault is locked.
import { lookAlikeIndex } from '../../../src/shared/look-alike.ts';
import type { AccountIndex } from '../vault/index-record.ts';
import { readAccountIndex } from '../vault/account-index.ts';
import { isUnlocked } from '../vault/lifecycle.ts';
import { requireDataKey } from '../vault/session-key.ts';
import { suffixTable } from '../public-suffixes.ts';

type Check = ReturnType<typeof lookAlikeIndex>;
// Built once per state of the account index (a new object after every write), since building it at 1,000 accounts
// costs about 30 ms and asking it about 15 µs (scripts/bench/look-alike.ts).
const checks = new WeakMap<AccountIndex, Check>();

async function checkFor(index: AccountIndex): Promise<Check> {
  const known = checks.get(index);
  if (known) return known;
  const check = lookAlikeIndex(index.entries.flatMap((e) => e.view.origins), await suffixTable());
  checks.set(index, check);
  return check;
}

/**
 * Builds the check for the account index as it is now, off any caller's clock: called when a page reports a code
 * field, the moment a popup or key button over that page may soon ask, so that the popup, which draws no code before
 * the answer, is not held back by the suffix table's load or the build.
 */
export function warmLookAlikeCheck(): void {
  void (async () => {
    if (!(await isUnlocked())) return;
    await checkFor(await readAccountIndex(await requireDataKey()));
  })().catch(() => undefined);
}

/** The bound host (Unicode) that `origin` imitates, or null: not a look-alike, locked, or no origin at all. */
export async function lookAlikeFor(origin: string | null): Promise<string | null> {
  if (origin === null || !(await isUnlocked())) return null;
  const check = await checkFor(await readAccountIndex(await requireDataKey()));
  return check(origin)?.boundHost ?? null;
}

/** The accounts whose own bound sites `origin` imitates: their codes stay hidden while that page is in front. */
export async function imitatedAccounts(origin: string): Promise<string[]> {
  const [index, suffixes] = await Promise.all([readAccountIndex(await requireDataKey()), suffixTable()]);
  return index.entries.filter((e) => lookAlikeIndex(e.view.origins, suffixes)(origin) !== null).map((e) => e.view.id);
}
