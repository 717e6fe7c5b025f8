// Sealing one sync record, or the sync manifest, into the text of a backend file; opening one read back from it.
//
// A backend sees only these files. The AAD names the record id, so a file moved to another id's name fails to open;
// the plaintext is padded to a multiple of SYNC_PAD_BUCKET bytes, so sizes do not tell an issuer's length or how many
// recovery codes an account has. Everything read back is untrusted: any fault is a SyncError, never a crash.
import { OtpauthError, validateOtpAccount } from '../otpauth.ts';
import { originOfUrl } from '../origin.ts';
import type { OtpAccount } from '../types.ts';
import { openWithKey, sealWithKey } from '../vault-crypto.ts';
import { VaultCryptoError } from '../vault-crypto-error.ts';
import { mergeMarks, type RecordMark } from './freshness.ts';
import { checkHlc, compareHlc, HlcError, isDeviceId, type Hlc } from './hlc.ts';
import { SyncError } from './sync-error.ts';
import {
  canonical, isRecordId, readLaterFields, SYNC_FIELD_NAMES, withLaterFields, type OtpParams, type Stamped, type SyncFields, type SyncRecord,
} from './sync-record.ts';

/**
 * Plaintexts are padded to a multiple of this many bytes. A typical account is about 790 bytes, one with a
 * 60-character issuer and 10 recovery codes about 890, and with 16 codes all used, edited on three devices and
 * deleted about 1,190: all of them fill one 1.5 KB bucket, where 1 KB would tell the last ones apart. Each 512 bytes
 * more costs the browser's sync storage about a quarter of the accounts it can hold (docs/sync.md).
 */
export const SYNC_PAD_BUCKET = 1536;
export const SYNC_FORMAT = 1;
const MAX_ORIGINS = 100;
const MAX_NOTES = 20_000;
const MAX_CODES = 100;
const MAX_USED_CODES = 1_000;
const MAX_CODE_LENGTH = 256;
const MAX_DEVICES = 64;
const MAX_DEVICE_NAME = 100;
const MAX_FILE_CHARS = 2 * 1024 * 1024;
const MAX_MARKS = 50_000;
/** '#' never occurs in a record id, so no record can open as the manifest or the other way round. */
const MANIFEST_AAD = 'keyfob/sync/v1#manifest';

/** A cover file (cover.ts): named and sized like a record, sealed under its own additional data. */
function coverAad(id: string): string {
  return `keyfob/sync/v1/${id}#cover`;
}

export async function sealCoverFile(key: CryptoKey, id: string): Promise<string> {
  if (!isRecordId(id)) throw new SyncError('bad-id', 'A record id is 1 to 128 letters, digits, - or _.');
  return JSON.stringify(await sealWithKey(key, padded({ format: SYNC_FORMAT, cover: true }), coverAad(id)));
}

/** Whether a file that did not open as a record is one of this vault's cover files (anything else: no). */
export async function isCoverFile(key: CryptoKey, id: string, text: unknown): Promise<boolean> {
  if (!isRecordId(id)) return false;
  try {
    return (await openPlaintext(key, text, coverAad(id))).cover === true;
  } catch {
    return false;
  }
}

export function syncRecordAad(id: string): string {
  return `keyfob/sync/v1/${id}`;
}

export interface DeviceEntry {
  name: string;
  lastSyncAt: number;
  /** When this entry was written: the newest entry for a device wins. */
  clock: Hlc;
}

export interface SyncManifest {
  format: 1;
  devices: Record<string, DeviceEntry>;
  /**
   * Raised by one at every write (freshness.ts): a browser refuses a manifest below the highest it accepted. Absent in
   * a manifest written before epochs existed, which is accepted once and then rewritten with one.
   */
  epoch?: number;
  /** Per record id, the mark of the file the writer left (or saw) there: a file below it is an older copy. */
  records?: Record<string, RecordMark>;
}

export async function sealSyncRecord(key: CryptoKey, record: SyncRecord): Promise<string> {
  if (!isRecordId(record.id)) throw new SyncError('bad-id', 'A record id is 1 to 128 letters, digits, - or _.');
  return JSON.stringify(await sealWithKey(key, padded(recordBody(record)), syncRecordAad(record.id)));
}

/** Opens a backend file as the record `id`; `nowMs` bounds how far ahead its clocks may be. */
export async function openSyncRecord(key: CryptoKey, id: string, text: unknown, nowMs: number): Promise<SyncRecord> {
  if (!isRecordId(id)) throw new SyncError('bad-id', 'A record id is 1 to 128 letters, digits, - or _.');
  const raw = await openPlaintext(key, text, syncRecordAad(id));
  return readRecord(raw, id, nowMs);
}

export async function sealManifest(key: CryptoKey, manifest: SyncManifest): Promise<string> {
  // Marks as [t, c, used, deleted 0|1]: a tuple per record keeps the manifest small (the browser's sync storage).
  const records = manifest.records && Object.fromEntries(Object.entries(manifest.records).map(([id, m]) => [id, [m.t, m.c, m.used, m.deleted ? 1 : 0]]));
  const body = manifest.epoch === undefined
    ? { format: SYNC_FORMAT, devices: manifest.devices }
    : { format: SYNC_FORMAT, devices: manifest.devices, epoch: manifest.epoch, records: records ?? {} };
  return JSON.stringify(await sealWithKey(key, padded(body), MANIFEST_AAD));
}

export async function openManifest(key: CryptoKey, text: unknown, nowMs: number): Promise<SyncManifest> {
  const raw = await openPlaintext(key, text, MANIFEST_AAD);
  return guard(() => {
    checkFormat(raw);
    const devices = objectOf(raw.devices, 'devices');
    const entries = Object.entries(devices);
    if (entries.length > MAX_DEVICES) throw malformed('The manifest lists too many devices.');
    // fromEntries: a device id such as "__proto__" becomes an entry, not the object's prototype.
    const freshness = raw.epoch === undefined ? {} : { epoch: wholeNumber(raw.epoch, 'epoch', 0), records: readMarks(raw.records, nowMs) };
    return { format: 1, ...freshness, devices: Object.fromEntries(entries.map(([deviceId, value]): [string, DeviceEntry] => {
      if (!isDeviceId(deviceId)) throw malformed('The manifest names an invalid device id.');
      const e = objectOf(value, 'device');
      return [deviceId, {
        name: stringOf(e.name, MAX_DEVICE_NAME, 'device name'),
        lastSyncAt: wholeNumber(e.lastSyncAt, 'last sync time', 0),
        clock: checkHlc(e.clock, nowMs),
      }];
    })) };
  });
}

function readMarks(v: unknown, nowMs: number): Record<string, RecordMark> {
  const entries = Object.entries(objectOf(v, 'records'));
  if (entries.length > MAX_MARKS) throw malformed('The manifest lists too many records.');
  return Object.fromEntries(entries.map(([id, m]): [string, RecordMark] => {
    if (!isRecordId(id)) throw malformed('The manifest names an invalid record id.');
    if (!Array.isArray(m) || m.length !== 4) throw malformed('A record mark is malformed.');
    const [t, c, used, deleted] = m as unknown[];
    const clock = checkHlc({ t, c, n: 'mark' }, nowMs);
    if (deleted !== 0 && deleted !== 1) throw malformed('A record mark is malformed.');
    return [id, { t: clock.t, c: clock.c, used: wholeNumber(used, 'used codes', 0), deleted: deleted === 1 }];
  }));
}

/**
 * Per device, the entry with the later clock; per record, the later mark; the higher epoch: a join, like mergeStates.
 * The epoch is raised by the writer (engine.ts), not here, so merging twice does not count twice.
 */
export function mergeManifests(a: SyncManifest, b: SyncManifest): SyncManifest {
  const ids = [...new Set([...Object.keys(a.devices), ...Object.keys(b.devices)])].sort();
  const epochs = [a.epoch, b.epoch].filter((e): e is number => e !== undefined);
  const freshness = epochs.length === 0 ? {} : { epoch: Math.max(...epochs), records: mergeMarks(a.records ?? {}, b.records ?? {}) };
  return { format: 1, ...freshness, devices: Object.fromEntries(ids.map((id): [string, DeviceEntry] => {
    const x = Object.prototype.hasOwnProperty.call(a.devices, id) ? a.devices[id] : undefined;
    const y = Object.prototype.hasOwnProperty.call(b.devices, id) ? b.devices[id] : undefined;
    if (!x || !y) return [id, (x ?? y)!];
    const order = compareHlc(x.clock, y.clock);
    return [id, order > 0 ? x : order < 0 ? y : canonical(x) >= canonical(y) ? x : y];
  })) };
}

/**
 * The record as sealed. Clocks are written [t, c, index into devices] rather than { t, c, n }: with the device id
 * spelled out nine times a record was about 500 bytes bigger, which decided whether it fits a 1 KB bucket.
 */
function recordBody(record: SyncRecord): unknown {
  const devices: string[] = [];
  const clock = (h: Hlc): [number, number, number] => {
    if (!devices.includes(h.n)) devices.push(h.n);
    return [h.t, h.c, devices.indexOf(h.n)];
  };
  const fields = Object.fromEntries(SYNC_FIELD_NAMES.map((name) => {
    const { value, clock: h } = record.fields[name];
    return [name, [value, ...clock(h)]];
  }));
  const deleted = record.deleted ? clock(record.deleted) : null;
  return { format: SYNC_FORMAT, id: record.id, devices, fields, usedCodes: record.usedCodes, deleted };
}

function padded(body: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(body));
  // JSON.parse ignores trailing whitespace, so spaces pad without a length field; +1 keeps at least one, so a
  // plaintext exactly at a bucket edge is not distinguishable from one just under it.
  const size = Math.ceil((json.length + 1) / SYNC_PAD_BUCKET) * SYNC_PAD_BUCKET;
  const out = new Uint8Array(size).fill(0x20);
  out.set(json);
  return out;
}

async function openPlaintext(key: CryptoKey, text: unknown, aad: string): Promise<Record<string, unknown>> {
  if (typeof text !== 'string' || text.length > MAX_FILE_CHARS) throw malformed('A sync file must be text of reasonable size.');
  let box: unknown;
  try {
    box = JSON.parse(text);
  } catch {
    throw malformed('A sync file is not JSON.');
  }
  let bytes: Uint8Array;
  try {
    bytes = await openWithKey(key, box, aad);
  } catch (e) {
    throw cryptoFailure(e);
  }
  if (bytes.length % SYNC_PAD_BUCKET !== 0) throw malformed('A sync file is not padded to its bucket.');
  try {
    const raw: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not an object');
    return raw as Record<string, unknown>;
  } catch {
    throw malformed('A sync file opened but holds no record.');
  }
}

function cryptoFailure(e: unknown): SyncError {
  if (!(e instanceof VaultCryptoError)) return new SyncError('tampered', 'A sync file could not be opened.');
  switch (e.code) {
    case 'wrong-context':
      return new SyncError('wrong-record', 'A sync file was sealed for another record: it has been swapped.');
    case 'unsupported-version':
      return new SyncError('unsupported-version', 'A sync file was written by a newer Keyfob.');
    case 'malformed':
    case 'too-large':
      return malformed(`A sync file is not a sealed box: ${e.message}`);
    default:
      return new SyncError('tampered', 'A sync file has been altered, or sealed under another key.');
  }
}

function readRecord(raw: Record<string, unknown>, id: string, nowMs: number): SyncRecord {
  return guard(() => {
    checkFormat(raw);
    if (raw.id !== id) throw new SyncError('wrong-record', 'A sync file holds another record than its name says.');
    const f = objectOf(raw.fields, 'fields');
    if (!Array.isArray(raw.devices) || raw.devices.length > MAX_DEVICES) throw malformed('A record must list its devices.');
    const devices = raw.devices as unknown[];
    const clockAt = (v: unknown[]): Hlc => {
      const [t, c, d] = v;
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d >= devices.length) throw malformed('A clock names no listed device.');
      return checkHlc({ t, c, n: devices[d] }, nowMs);
    };
    const field = <T>(name: string, read: (v: unknown) => T): Stamped<T> => {
      const s = f[name];
      if (!Array.isArray(s) || s.length !== 4) throw malformed(`The field ${name} is missing or malformed.`);
      return { value: read(s[0]), clock: clockAt(s.slice(1)) };
    };
    const fields: SyncFields = withLaterFields({
      issuer: field('issuer', (v) => stringOf(v, 1000, 'issuer')),
      account: field('account', (v) => stringOf(v, 1000, 'account name')),
      otp: field('otp', readOtpParams),
      counter: field('counter', (v) => wholeNumber(v, 'counter', 0)),
      origins: field('origins', readOrigins),
      notes: field('notes', (v) => stringOf(v, MAX_NOTES, 'notes')),
      recoveryCodes: field('recoveryCodes', (v) => codesOf(v, MAX_CODES)),
      position: field('position', (v) => wholeNumber(v, 'position', Number.MIN_SAFE_INTEGER)),
      createdAt: field('createdAt', (v) => wholeNumber(v, 'creation time', 0)),
      // groups and favourite: absent from files written before them (sync-record.ts, withLaterFields).
      ...readLaterFields(f, field),
    });
    checkAccount(fields);
    const usedCodes = [...new Set(codesOf(raw.usedCodes, MAX_USED_CODES))].sort();
    if (raw.deleted !== null && (!Array.isArray(raw.deleted) || raw.deleted.length !== 3)) throw malformed('The delete clock is malformed.');
    const deleted = raw.deleted === null ? null : clockAt(raw.deleted as unknown[]);
    return { id, fields, usedCodes, deleted };
  });
}

/** The account the fields make must pass the same checks as one typed in, and already be in its normal form. */
function checkAccount(f: SyncFields): void {
  const account: OtpAccount = { ...f.otp.value, issuer: f.issuer.value, account: f.account.value, counter: f.counter.value };
  let normal: OtpAccount;
  try {
    normal = validateOtpAccount(account);
  } catch (e) {
    throw new SyncError('invalid-account', `A synced account is not usable: ${e instanceof OtpauthError ? e.message : 'invalid'}`);
  }
  if (canonical(normal) !== canonical(account)) throw new SyncError('invalid-account', 'A synced account is not in normal form.');
}

function readOtpParams(v: unknown): OtpParams {
  const o = objectOf(v, 'otp');
  // Types are checked by validateOtpAccount once the whole account is assembled; here only the shape.
  if (typeof o.type !== 'string' || typeof o.secret !== 'string' || typeof o.algorithm !== 'string'
    || typeof o.digits !== 'number' || typeof o.period !== 'number') throw malformed('The OTP parameters are incomplete.');
  return { type: o.type, secret: o.secret, algorithm: o.algorithm, digits: o.digits, period: o.period } as OtpParams;
}

function readOrigins(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > MAX_ORIGINS) throw malformed('Origins must be a short list.');
  return v.map((o) => {
    if (typeof o !== 'string' || originOfUrl(o) !== o) throw malformed('An origin is not scheme://host[:port].');
    return o;
  });
}

function codesOf(v: unknown, max: number): string[] {
  if (!Array.isArray(v) || v.length > max) throw malformed('Recovery codes must be a short list.');
  return v.map((c) => {
    if (typeof c !== 'string' || c.length < 1 || c.length > MAX_CODE_LENGTH) throw malformed('A recovery code is not a short string.');
    return c;
  });
}

function checkFormat(raw: Record<string, unknown>): void {
  if (raw.format === SYNC_FORMAT) return;
  if (typeof raw.format === 'number' && raw.format > SYNC_FORMAT) throw new SyncError('unsupported-version', 'Written by a newer Keyfob.');
  throw malformed('The sync format is missing or unknown.');
}

function objectOf(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw malformed(`Expected an object for ${what}.`);
  return v as Record<string, unknown>;
}

function stringOf(v: unknown, max: number, what: string): string {
  if (typeof v !== 'string' || v.length > max) throw malformed(`The ${what} must be text of at most ${max} characters.`);
  return v;
}

function wholeNumber(v: unknown, what: string, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw malformed(`The ${what} must be a whole number.`);
  return v;
}

function malformed(message: string): SyncError {
  return new SyncError('malformed', message);
}

/** Turns clock errors into sync errors, so callers see one error type. */
function guard<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof SyncError) throw e;
    if (e instanceof HlcError) {
      throw e.code === 'future' ? new SyncError('future-clock', e.message) : malformed(e.message);
    }
    throw malformed('A sync file holds an unreadable record.');
  }
}
