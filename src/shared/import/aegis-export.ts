// Writes accounts as an Aegis plain vault (docs/vault.md), the file Aegis, 2FAS, Ente, Proton and others import.
import type { OtpAccount } from '../types.ts';

export interface AegisExportAccount {
  account: OtpAccount;
  notes: string;
  groups: readonly string[];
  favourite: boolean;
}

/**
 * The plain (unencrypted) Aegis vault JSON for `accounts`. `uuid` makes each entry's and each group's id
 * (crypto.randomUUID at the edge), so the function stays pure and testable. Groups are written as Aegis's database
 * version 3 keeps them: each name once in `db.groups` with its uuid, and each entry listing the uuids of its groups.
 */
export function formatAegisExport(accounts: readonly AegisExportAccount[], uuid: () => string): string {
  const groupIds = new Map<string, string>();
  for (const { groups } of accounts) for (const name of groups) if (!groupIds.has(name)) groupIds.set(name, uuid());
  const entries = accounts.map(({ account: a, notes, groups, favourite }) => ({
    type: a.type,
    uuid: uuid(),
    name: a.account,
    issuer: a.issuer,
    note: notes,
    favorite: favourite,
    icon: null,
    icon_mime: null,
    icon_hash: null,
    info: { secret: a.secret, algo: a.algorithm, digits: a.digits, ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }) },
    groups: groups.map((name) => groupIds.get(name)!),
  }));
  const groups = [...groupIds].map(([name, id]) => ({ uuid: id, name }));
  return `${JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups, icons_optimized: true } }, null, 4)}\n`;
}
