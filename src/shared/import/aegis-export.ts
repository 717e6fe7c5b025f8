// Writes accounts as an Aegis plain vault (docs/vault.md), the file Aegis, 2FAS, Ente, Proton and others import.
import type { OtpAccount } from '../types.ts';

export interface AegisExportAccount {
  account: OtpAccount;
  notes: string;
}

/**
 * The plain (unencrypted) Aegis vault JSON for `accounts`. `uuid` makes each entry's id (crypto.randomUUID at the
 * edge), so the function stays pure and testable.
 */
export function formatAegisExport(accounts: readonly AegisExportAccount[], uuid: () => string): string {
  const entries = accounts.map(({ account: a, notes }) => ({
    type: a.type,
    uuid: uuid(),
    name: a.account,
    issuer: a.issuer,
    note: notes,
    favorite: false,
    icon: null,
    icon_mime: null,
    icon_hash: null,
    info: { secret: a.secret, algo: a.algorithm, digits: a.digits, ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }) },
    groups: [],
  }));
  return `${JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups: [], icons_optimized: true } }, null, 4)}\n`;
}
