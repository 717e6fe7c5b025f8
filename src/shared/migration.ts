// Decodes Google Authenticator export URIs (otpauth-migration://offline?data=<base64 protobuf>) into accounts.
import type { OtpAccount, OtpAlgorithm } from './types.ts';
import { base32Encode } from './base32.ts';
import { CodedError } from './coded-error.ts';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, OtpauthError, validateOtpAccount, type OtpauthReason } from './otpauth.ts';

export type MigrationErrorCode = 'not_migration_uri' | 'malformed_payload' | 'too_large';

/** Why an export code was refused, as data for each interface to word (the message stays the English sentence). */
export interface MigrationReason { code: MigrationErrorCode }

export class MigrationError extends CodedError<MigrationErrorCode> {
  override name = 'MigrationError';
  readonly reason: MigrationReason;
  constructor(code: MigrationErrorCode, message: string) {
    super(code, message);
    this.reason = { code };
  }
}

/** Why one account of an export was left out: the export's own limits, or what the otpauth checks refused. */
export type MigrationSkipReason =
  | { code: 'md5-unsupported' | 'unknown-algorithm' | 'unknown-digits' | 'no-secret' | 'unknown-code-type' | 'counter-out-of-range' }
  | { code: 'secret-size'; bytes: number; min: number; max: number }
  | OtpauthReason;

/** Where one QR code sits in an export spread over several ("2 of 3"); `id` ties the parts together. */
export interface MigrationBatch {
  size: number;
  index: number;
  id: number;
}

export interface MigrationResult {
  accounts: OtpAccount[];
  batch: MigrationBatch;
  /** Entries the payload carried that Keyfob cannot use (e.g. MD5, empty secret), with the reason (English) and why (data). */
  skipped: SkippedEntry[];
}

export interface SkippedEntry { name: string; reason: string; why: MigrationSkipReason }

// A migration QR holds at most a few KB; anything far larger is not one and is refused before decoding.
const MAX_URI_LENGTH = 64 * 1024;

// Enum values from Google Authenticator's MigrationPayload.proto; 0 means "unspecified" (and is then omitted).
const ALGORITHMS: Record<number, OtpAlgorithm | undefined> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Record<number, number | undefined> = { 0: 6, 1: 6, 2: 8 };

/** Decodes one otpauth-migration:// URI; throws MigrationError with a user-facing message. */
export function decodeMigrationUri(uri: string): MigrationResult {
  if (typeof uri !== 'string' || uri.length > MAX_URI_LENGTH) {
    throw new MigrationError('too_large', 'This export code is too large to be a Google Authenticator export');
  }
  const trimmed = uri.trim();
  if (!/^otpauth-migration:\/\/offline\?/i.test(trimmed)) {
    throw new MigrationError('not_migration_uri', 'Not a Google Authenticator export (expected otpauth-migration://offline?data=…)');
  }
  const query = trimmed.slice(trimmed.indexOf('?') + 1);
  let data: string | null = null;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === 'data') {
      try {
        data = decodeURIComponent(pair.slice(eq + 1));
      } catch {
        throw new MigrationError('malformed_payload', 'The export code\'s data is not correctly encoded');
      }
    }
  }
  if (!data) throw new MigrationError('malformed_payload', 'The export code carries no data');
  return decodeMigrationPayload(base64ToBytes(data));
}

/** Decodes the MigrationPayload protobuf message itself. */
export function decodeMigrationPayload(bytes: Uint8Array): MigrationResult {
  const accounts: OtpAccount[] = [];
  const skipped: MigrationResult['skipped'] = [];
  let size = 0;
  let index = 0;
  let id = 0;
  for (const field of readFields(bytes)) {
    if (field.number === 1 && field.bytes) {
      const entry = decodeOtpParameters(field.bytes);
      if ('reason' in entry) skipped.push(entry);
      else accounts.push(entry);
    } else if (field.number === 3 && field.varint !== undefined) size = toInt32(field.varint);
    else if (field.number === 4 && field.varint !== undefined) index = toInt32(field.varint);
    else if (field.number === 5 && field.varint !== undefined) id = toInt32(field.varint);
    // field 2 (format version) and unknown fields are deliberately ignored: newer exports stay readable.
  }
  if (accounts.length === 0 && skipped.length === 0) {
    throw new MigrationError('malformed_payload', 'The export code contains no accounts');
  }
  // Single-code exports omit the batch fields entirely.
  const batchSize = size > 0 ? size : 1;
  if (index < 0 || index >= batchSize) {
    throw new MigrationError('malformed_payload', `The export code says it is part ${index + 1} of ${batchSize}`);
  }
  return { accounts, batch: { size: batchSize, index, id }, skipped };
}

function decodeOtpParameters(bytes: Uint8Array): OtpAccount | SkippedEntry {
  let secret: Uint8Array = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0n;
  for (const field of readFields(bytes)) {
    switch (field.number) {
      case 1: secret = requireBytes(field); break;
      case 2: name = utf8(requireBytes(field)); break;
      case 3: issuer = utf8(requireBytes(field)); break;
      case 4: algorithm = toInt32(requireVarint(field)); break;
      case 5: digits = toInt32(requireVarint(field)); break;
      case 6: type = toInt32(requireVarint(field)); break;
      case 7: counter = requireVarint(field); break;
      default: break;
    }
  }
  // Google Authenticator often stores "Issuer:account" as the name, with the issuer repeated on its own.
  let account = name;
  const colon = name.indexOf(':');
  if (colon > 0) {
    const prefix = name.slice(0, colon).trim();
    if (!issuer || prefix === issuer) {
      issuer = issuer || prefix;
      account = name.slice(colon + 1).trim();
    }
  }
  const label = issuer ? `${issuer} (${account})` : account || 'unnamed account';
  const alg = ALGORITHMS[algorithm];
  if (!alg) {
    return algorithm === 4
      ? { name: label, reason: 'MD5 codes are not supported', why: { code: 'md5-unsupported' } }
      : { name: label, reason: 'Unknown algorithm', why: { code: 'unknown-algorithm' } };
  }
  const digitCount = DIGITS[digits];
  if (!digitCount) return { name: label, reason: 'Unknown number of digits', why: { code: 'unknown-digits' } };
  if (secret.length === 0) return { name: label, reason: 'The account has no secret', why: { code: 'no-secret' } };
  if (secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES) {
    return {
      name: label,
      reason: `The secret is ${secret.length} bytes; Keyfob accepts ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES}`,
      why: { code: 'secret-size', bytes: secret.length, min: MIN_SECRET_BYTES, max: MAX_SECRET_BYTES },
    };
  }
  if (type !== 0 && type !== 1 && type !== 2) return { name: label, reason: 'Unknown code type', why: { code: 'unknown-code-type' } };
  if (counter < 0n || counter > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { name: label, reason: 'Counter out of range', why: { code: 'counter-out-of-range' } };
  }
  // The same checks as a pasted otpauth:// link (control characters, lengths, no name at all), so every
  // account imported from an export can be exported again as a link.
  try {
    return validateOtpAccount({
      type: type === 1 ? 'hotp' : 'totp',
      issuer,
      account,
      secret: base32Encode(secret),
      algorithm: alg,
      digits: digitCount,
      period: 30,
      counter: type === 1 ? Number(counter) : 0,
    });
  } catch (e) {
    // validateOtpAccount gives every refusal a reason; only an error without one (none today) is passed on.
    if (e instanceof OtpauthError && e.reason) return { name: label, reason: e.message.replace(/\.$/, ''), why: e.reason };
    throw e;
  }
}

interface Field {
  number: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

/** Reads every top-level field of one protobuf message; fixed-width fields are skipped. */
function* readFields(bytes: Uint8Array): Generator<Field> {
  let pos = 0;
  while (pos < bytes.length) {
    const [key, afterKey] = readVarint(bytes, pos);
    pos = afterKey;
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (number === 0) throw malformed();
    if (wireType === 0) {
      const [value, next] = readVarint(bytes, pos);
      pos = next;
      yield { number, varint: value };
    } else if (wireType === 2) {
      const [length, next] = readVarint(bytes, pos);
      const end = next + Number(length);
      if (length > BigInt(bytes.length) || end > bytes.length) throw malformed();
      yield { number, bytes: bytes.subarray(next, end) };
      pos = end;
    } else if (wireType === 1 || wireType === 5) {
      pos += wireType === 1 ? 8 : 4;
      if (pos > bytes.length) throw malformed();
    } else {
      throw malformed();
    }
  }
}

/** Base-128 varint, least significant group first, at most 10 bytes (64 bits). */
function readVarint(bytes: Uint8Array, start: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let pos = start; pos < bytes.length && pos - start < 10; pos++) {
    const byte = bytes[pos] as number;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos + 1];
    shift += 7n;
  }
  throw malformed();
}

function toInt32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

function requireBytes(field: Field): Uint8Array {
  if (!field.bytes) throw malformed();
  return field.bytes;
}

function requireVarint(field: Field): bigint {
  if (field.varint === undefined) throw malformed();
  return field.varint;
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed();
  }
}

function base64ToBytes(data: string): Uint8Array {
  // Query strings turn "+" into spaces on some paths, and some tools emit base64url.
  const normalised = data.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(normalised) || normalised.length % 4 === 1) {
    throw new MigrationError('malformed_payload', 'The export code\'s data is not valid base64');
  }
  const binary = atob(normalised + '='.repeat((4 - (normalised.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function malformed(): MigrationError {
  return new MigrationError('malformed_payload', 'The export code is damaged or not a Google Authenticator export');
}
