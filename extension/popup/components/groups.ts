// Groups in the popup: the details screen's text field read into a list the vault accepts (the same bounds as
// src/shared/account-groups.ts, told to the user before the background would refuse), and the list filter's counts.
import { checkGroups, MAX_GROUP_LENGTH, MAX_GROUPS } from '../../../src/shared/account-groups.ts';
import type { AccountView } from '../../messages.ts';

export type GroupsInput =
  | { ok: true; groups: string[] }
  | { ok: false; error: 'too_many'; max: number }
  | { ok: false; error: 'too_long'; name: string; max: number };

/** Names one per line or separated by commas; blank ones skipped, repeats kept once, in the order typed. */
export function parseGroupsInput(text: string): GroupsInput {
  const names = text.split(/[\n,]/).map((n) => n.trim()).filter(Boolean);
  const long = names.find((n) => [...n].length > MAX_GROUP_LENGTH);
  if (long !== undefined) return { ok: false, error: 'too_long', name: long, max: MAX_GROUP_LENGTH };
  const groups = checkGroups([...new Set(names)]);
  if (!groups) return { ok: false, error: 'too_many', max: MAX_GROUPS };
  return { ok: true, groups };
}

/** The text the field starts with: one group per line (a name may hold a comma only if it came from an import). */
export function groupsText(groups: readonly string[]): string {
  return groups.join('\n');
}

export interface GroupCount {
  name: string;
  count: number;
}

let collator: Intl.Collator | null = null;

/** Every group name in use with how many accounts are in it, sorted by name as people read it. */
export function groupCounts(accounts: readonly Pick<AccountView, 'groups'>[]): GroupCount[] {
  const counts = new Map<string, number>();
  for (const a of accounts) for (const g of a.groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const c = collator;
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => c.compare(a.name, b.name) || (a.name < b.name ? -1 : 1));
}

/** The accounts in `group`, or all of them for '' (the "All" choice). Order is kept. */
export function inGroup<T extends Pick<AccountView, 'groups'>>(accounts: readonly T[], group: string): readonly T[] {
  return group === '' ? accounts : accounts.filter((a) => a.groups.includes(group));
}
