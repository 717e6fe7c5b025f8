// What one sealed account holds, how it is encoded before sealing, and what the popup may see of it.
import { checkAccountIcon, cleanGroups, originOfUrl, originsForLegacySite, validateOtpAccount, type AccountIcon, type OtpAccount } from '../../../src/shared/index.ts';
import type { AccountView } from '../../messages.ts';

export interface RecoveryCode {
  code: string;
  used: boolean;
}

/** The plaintext inside one account row's seal. */
export interface AccountRecord {
  account: OtpAccount;
  /** Origins (scheme://host[:port]) where this account's codes may be filled. */
  origins: string[];
  notes: string;
  recoveryCodes: RecoveryCode[];
  createdAt: number;
  /** Group names in normal form (src/shared/account-groups.ts); records written before groups had none. */
  groups: string[];
  favourite: boolean;
  /** The chosen icon (src/shared/account-icon.ts); absent: automatic, as in every record sealed before icons. */
  icon?: AccountIcon;
}

/** An opened account: its plain row fields and its record. */
export interface StoredAccount {
  id: string;
  position: number;
  record: AccountRecord;
}

export function encodeRecord(record: AccountRecord): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(record));
}

/** Decodes an opened seal; returns null when the plaintext is not a well-formed record. */
/** The bound origins of a stored record; a record from before origin binding has registrable-domain `sites`. */
export function originsOf(raw: { origins?: unknown; sites?: unknown }): string[] {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  const origins = Array.isArray(raw.origins)
    ? strings(raw.origins).map(originOfUrl)
    : strings(raw.sites).flatMap(originsForLegacySite);
  return [...new Set(origins.filter((o): o is string => o !== null))];
}

export function decodeRecord(bytes: Uint8Array): AccountRecord | null {
  try {
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Partial<AccountRecord> & { sites?: unknown };
    if (!raw || typeof raw !== 'object' || !raw.account) return null;
    return {
      account: validateOtpAccount(raw.account),
      origins: originsOf(raw),
      notes: typeof raw.notes === 'string' ? raw.notes : '',
      recoveryCodes: Array.isArray(raw.recoveryCodes)
        ? raw.recoveryCodes.filter((c) => c && typeof c.code === 'string').map((c) => ({ code: c.code, used: c.used === true }))
        : [],
      createdAt: typeof raw.createdAt === 'number' ? raw.createdAt : 0,
      // Absent in records sealed before groups and favourites: they read as none, with no migration step.
      groups: cleanGroups(raw.groups),
      favourite: raw.favourite === true,
      // Last, and only when present: an account without one encodes to the same bytes as before icons existed.
      ...iconOf(raw.icon),
    };
  } catch {
    return null;
  }
}

/** A stored icon that no longer passes the check (only a forged or damaged record holds one) reads as automatic. */
function iconOf(raw: unknown): { icon?: AccountIcon } {
  const icon = checkAccountIcon(raw);
  return icon ? { icon } : {};
}

/** Everything about an account except its secret and the recovery codes themselves. */
export function toAccountView({ id, position, record }: StoredAccount): AccountView {
  const { account: a } = record;
  return {
    id,
    position,
    type: a.type,
    issuer: a.issuer,
    account: a.account,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter,
    origins: [...record.origins],
    notes: record.notes,
    recoveryCodes: { total: record.recoveryCodes.length, unused: record.recoveryCodes.filter((c) => !c.used).length },
    groups: [...record.groups],
    favourite: record.favourite,
    ...(record.icon ? { icon: record.icon } : {}),
  };
}
