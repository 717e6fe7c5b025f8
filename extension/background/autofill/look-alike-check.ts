// Whether an origin imitates a site one of the user's accounts is bound to (src/shared/look-alike.ts), asked when the
// user uses Keyfob on a page (the key button, the popup) and before a new binding is saved. Read from the account
// index, so no row is opened; nothing is answered while the vault is locked.
import { lookAlikeIndex } from '../../../src/shared/look-alike.ts';
import type { SuffixTable } from '../../../src/shared/index.ts';
import type { AccountIndex } from '../vault/index-record.ts';
import { readAccountIndex } from '../vault/account-index.ts';
import { isUnlocked } from '../vault/lifecycle.ts';
import { requireDataKey } from '../vault/session-key.ts';
import { suffixTable } from '../public-suffixes.ts';

type Check = ReturnType<typeof lookAlikeIndex>;
type AccountCheck = { id: string; check: Check };
// Built once per state of the account index (a new object after every write), since building it at 1,000 accounts
// costs about 30 ms and asking it about 15 µs (scripts/bench/look-alike.ts).
const checks = new WeakMap<AccountIndex, Check>();
/** Each account's own check, for the accounts bound to any site (about 140 ms to build at 1,000 accounts). */
const perAccount = new WeakMap<AccountIndex, AccountCheck[]>();

/** `cache`'s entry for `index`, built on first use. */
async function builtFor<T>(cache: WeakMap<AccountIndex, T>, index: AccountIndex, build: (suffixes: SuffixTable) => T): Promise<T> {
  const suffixes = await suffixTable();
  // Looked up after the wait: the warm-up and a popup's question may both have been waiting for the table. The build
  // is synchronous, so the second caller finds the first one's result.
  const known = cache.get(index);
  if (known) return known;
  const built = build(suffixes);
  cache.set(index, built);
  return built;
}

function checkFor(index: AccountIndex): Promise<Check> {
  return builtFor(checks, index, (suffixes) => lookAlikeIndex(index.entries.flatMap((e) => e.view.origins), suffixes));
}

function accountChecksFor(index: AccountIndex): Promise<AccountCheck[]> {
  return builtFor(perAccount, index, (suffixes) => index.entries.filter((e) => e.view.origins.length > 0)
    .map((e) => ({ id: e.view.id, check: lookAlikeIndex(e.view.origins, suffixes) })));
}

/**
 * Builds the check for the account index as it is now, off any caller's clock: called when a page at `origin` reports
 * a code field, the moment a popup or key button over that page may soon ask, so that the popup, which draws no code
 * before the answer, is not held back by the suffix table's load or the build. On a page that imitates a bound site,
 * each account's own check is built too (about 140 ms at 1,000 accounts), for the popup's question of which to hide.
 */
export function warmLookAlikeCheck(origin: string | null): void {
  void (async () => {
    if (!(await isUnlocked())) return;
    const index = await readAccountIndex(await requireDataKey());
    const check = await checkFor(index);
    if (origin !== null && check(origin) !== null) await accountChecksFor(index);
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
  const checks = await accountChecksFor(await readAccountIndex(await requireDataKey()));
  return checks.filter((c) => c.check(origin) !== null).map((c) => c.id);
}
