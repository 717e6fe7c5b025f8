// An in-memory vault for the sync engine (sync-vault.ts): account rows and sync rows in Maps, no IndexedDB, with the
// same rule as the real one for merged writes (a row changed since sync read it is skipped).
import type { SyncVault } from '../../../../extension/background/sync/sync-vault.ts';
import type { AccountRecord, StoredAccount } from '../../../../extension/background/vault/account-record.ts';
import type { AccountList } from '../../../../extension/background/vault/accounts.ts';
import type { SyncRow } from '../../../../extension/background/vault/db.ts';
import type { SyncedChange } from '../../../../extension/background/sync/vault-side/sync-apply.ts';
import type { OtpAccount } from '../../../../src/shared/index.ts';
import { canonical } from '../../../../src/shared/sync/sync-record.ts';

export class MemorySyncVault implements SyncVault {
  readonly accounts = new Map<string, StoredAccount>();
  /** Rows that do not open (tampered, damaged): listed as corrupt, never as accounts. */
  readonly corrupt = new Map<string, number>();
  readonly syncRows = new Map<string, SyncRow>();
  /** Runs inside applySyncedChanges before the rows are compared: the user editing while a sync runs. */
  beforeApply: (() => void) | null = null;

  async listAccounts(): Promise<AccountList> {
    return {
      accounts: [...this.accounts.values()].sort((a, b) => a.position - b.position).map(copy),
      corrupt: [...this.corrupt].map(([id, position]) => ({ id, position })),
    };
  }

  async applySyncedChanges(changes: readonly SyncedChange[]): Promise<{ applied: number; skipped: string[] }> {
    this.beforeApply?.();
    let applied = 0;
    const skipped: string[] = [];
    for (const change of changes) {
      const current = this.accounts.get(change.id);
      const held = current ? { position: current.position, record: current.record } : null;
      if (canonical(held) !== canonical(change.expected)) {
        skipped.push(change.id);
        continue;
      }
      if (change.next) this.accounts.set(change.id, copy({ id: change.id, ...change.next }));
      else this.accounts.delete(change.id);
      applied += 1;
    }
    return { applied, skipped };
  }

  async readSyncRows(): Promise<Map<string, SyncRow>> {
    return new Map([...this.syncRows].map(([name, row]) => [name, { ...row }]));
  }

  async commitSyncRows(written: readonly SyncRow[], deleted: readonly string[]): Promise<void> {
    for (const row of written) this.syncRows.set(row.name, { ...row });
    for (const name of deleted) this.syncRows.delete(name);
  }

  /** Adds an account as the popup would: a new row at the end. */
  add(id: string, issuer: string, extra: Partial<AccountRecord> = {}): StoredAccount {
    const position = Math.max(-1, ...[...this.accounts.values()].map((a) => a.position)) + 1;
    const account: StoredAccount = { id, position, record: { ...accountRecord(issuer), ...extra } };
    this.accounts.set(id, copy(account));
    return account;
  }

  edit(id: string, change: Partial<AccountRecord>): void {
    const a = this.accounts.get(id);
    if (!a) throw new Error(`no account ${id}`);
    this.accounts.set(id, copy({ ...a, record: { ...a.record, ...change } }));
  }

  /** The accounts as the popup would list them: issuer → notes, for comparing two vaults. */
  view(): Record<string, string> {
    return Object.fromEntries([...this.accounts.values()].map((a) => [a.record.account.issuer, a.record.notes]));
  }
}

/** A distinct secret per issuer, so two accounts are twins only when a test makes them so. */
export function otpAccount(issuer: string, secret = secretFor(issuer)): OtpAccount {
  return { type: 'totp', issuer, account: `${issuer.toLowerCase()}@example.com`, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
}

export function accountRecord(issuer: string, secret?: string): AccountRecord {
  return { account: otpAccount(issuer, secret), origins: [], notes: '', recoveryCodes: [], createdAt: 1_000, groups: [], favourite: false };
}

function secretFor(issuer: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const seed = [...issuer].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1_000_003, 7);
  return Array.from({ length: 32 }, (_, i) => alphabet[(seed * (i + 3) + i * 11) % 32]).join('');
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
