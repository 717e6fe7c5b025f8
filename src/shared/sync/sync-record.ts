// One account as it syncs: every field carries the clock of its last edit, so concurrent edits merge field by field.
//
// How two versions of a record merge (mergeRecords; also in docs/sync.md, "How concurrent edits merge"):
// - Each field is last-writer-wins by its HLC. Clocks are totally ordered (device id breaks the last tie), so two
//   devices never disagree on the winner; equal clocks mean the same event, and a value comparison keeps even a
//   forged duplicate deterministic.
// - issuer, account name, the OTP parameters (type, secret, algorithm, digits, period: ONE field, as they only make
//   sense together), origins, notes, position, the recovery-code list, the group list and the favourite flag are
//   plain LWW fields. (The group list is one field like origins: renaming or removing a group is an edit of the list,
//   which a union could never undo.)
// - groups and favourite came after the first sync format: a record written before them reads as no groups, not a
//   favourite, stamped with its creation clock (withLaterFields), so any edit made since wins over that default.
//   icon came later still, alike: absent reads as null (automatic: a brand matched by issuer, else the letter).
// - counter (HOTP) takes the max: a counter never goes back, because reusing a code is worse than skipping one.
// - recovery codes: the LIST of codes is LWW; which codes are used is a grow-only set (usedCodes) merged by union,
//   so when both sides hold the same codes a code is used if either side used it, whatever the list clocks say.
//   Used is one-way. (Keeping "used" inside the LWW list would not be associative: a third device's list could make
//   the order of syncs decide whether a use survives.) Marking a code used stamps no clock, so it revives nothing.
// - createdAt takes the min (the account is as old as its first copy).
// - delete vs edit: the record is deleted iff its delete clock is greater than every field clock. An edit made after
//   the delete, or concurrently with a higher clock, brings the account back: losing a secret locks its owner out of
//   a site, keeping a deleted account costs one more delete.
// Each rule is a join (max, min, union or max-by-total-order), so mergeRecords is commutative, associative and
// idempotent, and devices that have seen the same edits hold the same record whatever order they synced in.
import { checkGroups } from '../account-groups.ts';
import { checkAccountIcon, type AccountIcon } from '../account-icon.ts';
import type { OtpAccount, OtpAlgorithm, OtpType } from '../types.ts';
import { compareHlc, maxHlc, type Hlc } from './hlc.ts';
import { SyncError } from './sync-error.ts';

export interface SyncedRecoveryCode {
  code: string;
  used: boolean;
}

/** The synced form of one account, independent of the extension's own types. */
export interface SyncedAccount {
  account: OtpAccount;
  origins: string[];
  notes: string;
  recoveryCodes: SyncedRecoveryCode[];
  createdAt: number;
  position: number;
  /** Group names in normal form (src/shared/account-groups.ts). */
  groups: string[];
  favourite: boolean;
  /** The chosen icon (src/shared/account-icon.ts); null or absent: automatic. */
  icon?: AccountIcon | null;
}

/** The parameters that make the codes: meaningless apart, so they change and merge as one field. */
export interface OtpParams {
  type: OtpType;
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
}

export interface Stamped<T> {
  value: T;
  clock: Hlc;
}

export interface SyncFields {
  issuer: Stamped<string>;
  account: Stamped<string>;
  otp: Stamped<OtpParams>;
  counter: Stamped<number>;
  origins: Stamped<string[]>;
  notes: Stamped<string>;
  /** The codes themselves, in order; whether each is used lives in SyncRecord.usedCodes. */
  recoveryCodes: Stamped<string[]>;
  position: Stamped<number>;
  createdAt: Stamped<number>;
  groups: Stamped<string[]>;
  favourite: Stamped<boolean>;
  /** null: automatic. One LWW field: a site icon, a brand or "none" replace each other whole. */
  icon: Stamped<AccountIcon | null>;
}

export type SyncFieldName = keyof SyncFields;

export const SYNC_FIELD_NAMES: readonly SyncFieldName[] = [
  'issuer', 'account', 'otp', 'counter', 'origins', 'notes', 'recoveryCodes', 'position', 'createdAt', 'groups', 'favourite', 'icon',
];

/** The fields a record written by the first sync format may lack. */
export type LaterFieldName = 'groups' | 'favourite' | 'icon';

/**
 * A record's fields with those added after the first format filled in where absent: their empty value, stamped with
 * the creation clock. Every device reads the same file to the same record, and any edit made on a device that knows
 * the field carries a later clock, so it wins the merge.
 */
export function withLaterFields(fields: Omit<SyncFields, LaterFieldName> & Partial<Pick<SyncFields, LaterFieldName>>): SyncFields {
  const clock = fields.createdAt.clock;
  return {
    ...fields,
    groups: fields.groups ?? { value: [], clock },
    favourite: fields.favourite ?? { value: false, clock },
    icon: fields.icon ?? { value: null, clock },
  };
}

/**
 * Reads the later fields of a sealed record's plaintext where present (absent: withLaterFields fills them in).
 * `field` reads one stamped field ([value, clock…]) with the given value reader, as sync-seal.ts does for the rest.
 * A value out of its bounds or not in normal form is refused: only a forger writes one.
 */
export function readLaterFields(
  raw: Record<string, unknown>,
  field: <T>(name: string, read: (v: unknown) => T) => Stamped<T>,
): Partial<Pick<SyncFields, LaterFieldName>> {
  const out: Partial<Pick<SyncFields, LaterFieldName>> = {};
  if (raw.groups !== undefined) {
    out.groups = field('groups', (v) => {
      const groups = checkGroups(v);
      if (!groups || canonical(groups) !== canonical(v)) throw new SyncError('malformed', 'The groups are not distinct, trimmed, short names.');
      return groups;
    });
  }
  if (raw.favourite !== undefined) {
    out.favourite = field('favourite', (v) => {
      if (typeof v !== 'boolean') throw new SyncError('malformed', 'The favourite flag is not true or false.');
      return v;
    });
  }
  if (raw.icon !== undefined) {
    out.icon = field('icon', (v) => {
      if (v === null) return null;
      const icon = checkAccountIcon(v);
      if (!icon || canonical(icon) !== canonical(v)) throw new SyncError('malformed', 'The icon is not a small PNG or WebP, a brand or none.');
      return icon;
    });
  }
  return out;
}

export interface SyncRecord {
  id: string;
  fields: SyncFields;
  /** Recovery codes ever marked used, sorted: a grow-only set. */
  usedCodes: string[];
  /** When the account was deleted; it counts only while later than every field's clock. */
  deleted: Hlc | null;
}

const RECORD_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID.test(value);
}

export function recordFromAccount(id: string, synced: SyncedAccount, clock: Hlc): SyncRecord {
  if (!isRecordId(id)) throw new SyncError('bad-id', 'A record id is 1 to 128 letters, digits, - or _.');
  const a = synced.account;
  const at = <T>(value: T): Stamped<T> => ({ value, clock });
  return {
    id,
    fields: {
      issuer: at(a.issuer),
      account: at(a.account),
      otp: at(otpParamsOf(a)),
      counter: at(a.counter),
      origins: at([...synced.origins]),
      notes: at(synced.notes),
      recoveryCodes: at(synced.recoveryCodes.map((c) => c.code)),
      position: at(synced.position),
      createdAt: at(synced.createdAt),
      groups: at([...synced.groups]),
      favourite: at(synced.favourite),
      icon: at(synced.icon ?? null),
    },
    usedCodes: sortedUnique(synced.recoveryCodes.filter((c) => c.used).map((c) => c.code)),
    deleted: null,
  };
}

/**
 * A local edit: stamps `clock` on the fields whose value changes, and only those, so a concurrent edit of another
 * field on another device survives the merge. A lower HOTP counter is ignored (counters never go back) and a code
 * marked unused stays used.
 */
export function editRecord(record: SyncRecord, changes: Partial<SyncedAccount>, clock: Hlc): SyncRecord {
  const fields: SyncFields = { ...record.fields };
  const stamp = <K extends SyncFieldName>(name: K, value: SyncFields[K]['value']): void => {
    if (canonical(fields[name].value) !== canonical(value)) fields[name] = { value, clock } as SyncFields[K];
  };
  if (changes.account) {
    const a = changes.account;
    stamp('issuer', a.issuer);
    stamp('account', a.account);
    stamp('otp', otpParamsOf(a));
    if (a.counter > fields.counter.value) stamp('counter', a.counter);
  }
  if (changes.origins) stamp('origins', [...changes.origins]);
  if (changes.notes !== undefined) stamp('notes', changes.notes);
  if (changes.position !== undefined) stamp('position', changes.position);
  if (changes.createdAt !== undefined) stamp('createdAt', changes.createdAt);
  if (changes.groups) stamp('groups', [...changes.groups]);
  if (changes.favourite !== undefined) stamp('favourite', changes.favourite);
  // undefined: no change; null: back to automatic.
  if (changes.icon !== undefined) stamp('icon', changes.icon);
  let usedCodes = record.usedCodes;
  if (changes.recoveryCodes) {
    stamp('recoveryCodes', changes.recoveryCodes.map((c) => c.code));
    usedCodes = sortedUnique([...usedCodes, ...changes.recoveryCodes.filter((c) => c.used).map((c) => c.code)]);
  }
  return { ...record, fields, usedCodes };
}

/** Marks the record deleted at `clock`; pass a clock newer than everything this device has seen (tickHlc). */
export function deleteRecord(record: SyncRecord, clock: Hlc): SyncRecord {
  return { ...record, deleted: record.deleted ? maxHlc(record.deleted, clock) : clock };
}

export function isRecordDeleted(record: SyncRecord): boolean {
  const deleted = record.deleted;
  if (!deleted) return false;
  return SYNC_FIELD_NAMES.every((name) => compareHlc(deleted, record.fields[name].clock) > 0);
}

/** The account the record holds now, or null when it is deleted. */
export function accountOfRecord(record: SyncRecord): SyncedAccount | null {
  if (isRecordDeleted(record)) return null;
  const f = record.fields;
  const used = new Set(record.usedCodes);
  return {
    account: { ...f.otp.value, issuer: f.issuer.value, account: f.account.value, counter: f.counter.value },
    origins: [...f.origins.value],
    notes: f.notes.value,
    recoveryCodes: f.recoveryCodes.value.map((code) => ({ code, used: used.has(code) })),
    createdAt: f.createdAt.value,
    position: f.position.value,
    groups: [...f.groups.value],
    favourite: f.favourite.value,
    icon: f.icon.value,
  };
}

/** The latest clock anywhere in the record: what receiveHlc should see after a merge. */
export function latestClockOf(record: SyncRecord): Hlc {
  let latest = record.fields.issuer.clock;
  for (const name of SYNC_FIELD_NAMES) latest = maxHlc(latest, record.fields[name].clock);
  return record.deleted ? maxHlc(latest, record.deleted) : latest;
}

/** The join of two versions of the same record (rules at the top of this file). */
export function mergeRecords(a: SyncRecord, b: SyncRecord): SyncRecord {
  if (a.id !== b.id) throw new SyncError('different-ids', `Cannot merge record ${a.id} with record ${b.id}.`);
  const fa = a.fields;
  const fb = b.fields;
  return {
    id: a.id,
    fields: {
      issuer: lastWriter(fa.issuer, fb.issuer),
      account: lastWriter(fa.account, fb.account),
      otp: lastWriter(fa.otp, fb.otp),
      counter: { value: Math.max(fa.counter.value, fb.counter.value), clock: maxHlc(fa.counter.clock, fb.counter.clock) },
      origins: lastWriter(fa.origins, fb.origins),
      notes: lastWriter(fa.notes, fb.notes),
      recoveryCodes: lastWriter(fa.recoveryCodes, fb.recoveryCodes),
      position: lastWriter(fa.position, fb.position),
      createdAt: { value: Math.min(fa.createdAt.value, fb.createdAt.value), clock: maxHlc(fa.createdAt.clock, fb.createdAt.clock) },
      groups: lastWriter(fa.groups, fb.groups),
      favourite: lastWriter(fa.favourite, fb.favourite),
      icon: lastWriter(fa.icon, fb.icon),
    },
    usedCodes: sortedUnique([...a.usedCodes, ...b.usedCodes]),
    deleted: a.deleted && b.deleted ? maxHlc(a.deleted, b.deleted) : (a.deleted ?? b.deleted),
  };
}

function lastWriter<T>(a: Stamped<T>, b: Stamped<T>): Stamped<T> {
  const order = compareHlc(a.clock, b.clock);
  if (order !== 0) return order > 0 ? a : b;
  // Equal clocks are one event seen twice, so the values agree; if a forger made them differ, still pick one the
  // same way on every device.
  return canonical(a.value) >= canonical(b.value) ? a : b;
}

function otpParamsOf(a: OtpAccount): OtpParams {
  return { type: a.type, secret: a.secret, algorithm: a.algorithm, digits: a.digits, period: a.period };
}

function sortedUnique(codes: string[]): string[] {
  return [...new Set(codes)].sort();
}

/** JSON with object keys sorted: equal values give equal text whatever order their keys were built in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
