// Reads and writes Key URIs (otpauth://) in the Google Authenticator format, and checks OtpAccount values.
import { base32Decode, base32Encode, Base32Error } from './base32.ts';
import type { OtpAccount, OtpAlgorithm } from './types.ts';
import { CodedError } from './coded-error.ts';

/** A real Key URI is a few hundred characters; anything this long is not one and is refused unread. */
export const MAX_OTPAUTH_URI_LENGTH = 4096;
/** 80 bits: what many real sites issue, though RFC 4226 recommends 160. */
export const MIN_SECRET_BYTES = 10;
/** 512 bits: the RFC 6238 SHA512 seed; longer keys are hashed by HMAC anyway. */
export const MAX_SECRET_BYTES = 64;
export const MAX_PERIOD_SECONDS = 3600;
export const MAX_LABEL_LENGTH = 256;

export type OtpauthErrorCode =
  | 'too-long'
  | 'not-otpauth'
  | 'malformed-uri'
  | 'bad-percent-encoding'
  | 'unknown-type'
  | 'missing-label'
  | 'bad-label'
  | 'bad-issuer'
  | 'duplicate-parameter'
  | 'missing-secret'
  | 'invalid-secret'
  | 'secret-too-short'
  | 'secret-too-long'
  | 'bad-algorithm'
  | 'bad-digits'
  | 'bad-period'
  | 'missing-counter'
  | 'bad-counter'
  | 'bad-time';

/** What is wrong with a name field: its words differ, the field's code (bad-issuer, bad-label) says which. */
export type NameProblem = 'not-text' | 'too-long' | 'control-characters' | 'broken-character';

/**
 * Why a link or account was refused, as data (the error's code plus what its sentence needs), so each interface words
 * it in its own language; the error's `message` stays the English sentence for logs and the CLI. Values read from the
 * input are text, cut short: they may be anything.
 */
export type OtpauthReason =
  | { code: 'too-long'; max: number }
  | { code: 'not-otpauth' | 'malformed-uri' | 'bad-percent-encoding' | 'missing-label' | 'missing-secret' | 'invalid-secret' | 'missing-counter' }
  | { code: 'unknown-type'; type: string }
  | { code: 'bad-label' | 'bad-issuer'; problem: NameProblem; max: number }
  | { code: 'duplicate-parameter'; parameter: string }
  | { code: 'secret-too-short'; bytes: number; min: number }
  | { code: 'secret-too-long'; bytes: number; max: number }
  | { code: 'bad-algorithm'; algorithm: string }
  | { code: 'bad-digits'; digits: string }
  | { code: 'bad-period'; period: string; max: number }
  | { code: 'bad-counter'; counter: string };

export class OtpauthError extends CodedError<OtpauthErrorCode> {
  override name = 'OtpauthError';
  /** Absent only for codes no person sees (bad-time: a caller passed a wrong clock). */
  readonly reason?: OtpauthReason;
  constructor(code: OtpauthErrorCode, message: string, reason?: OtpauthReason) {
    super(code, message);
    if (reason) this.reason = reason;
  }
}

/** An OtpauthError whose code is its reason's, so the two cannot disagree. */
function refuse(reason: OtpauthReason, message: string): OtpauthError {
  return new OtpauthError(reason.code, message, reason);
}

/** Input quoted back in a reason: short, since it is shown in a sentence. */
function quoted(value: unknown): string {
  return String(value).slice(0, 40);
}

const ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const SINGLE_PARAMS = ['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder'] as const;
/** Steam Guard codes are 5 characters long. */
export const STEAM_DIGITS = 5;
// Control characters would let a label spoof UI lines or break the text formats we export to.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
// Half of a surrogate pair cannot be written as UTF-8, so encodeURIComponent (export) would throw on it.
const LONE_SURROGATE = /\p{Cs}/u;

/** Parses an otpauth:// URI into a validated, normalised account; throws OtpauthError. */
export function parseOtpauthUri(uri: string): OtpAccount {
  if (typeof uri !== 'string') throw refuse({ code: 'not-otpauth' }, 'Expected the text of an otpauth:// link.');
  if (uri.length > MAX_OTPAUTH_URI_LENGTH) {
    throw refuse({ code: 'too-long', max: MAX_OTPAUTH_URI_LENGTH }, `This text is ${uri.length} characters long; an otpauth:// link is at most ${MAX_OTPAUTH_URI_LENGTH}.`);
  }
  const text = uri.trim();
  // steam://SECRET, as Bitwarden and Proton write Steam Guard secrets.
  const bareSteam = /^steam:\/\/([^/?#]+)$/i.exec(text);
  if (bareSteam) return validateOtpAccount({ type: 'steam', issuer: 'Steam', account: '', secret: decodeComponent(bareSteam[1] ?? '', 'secret'), algorithm: 'SHA1', digits: STEAM_DIGITS, period: 30, counter: 0 });
  if (!/^otpauth:\/\//i.test(text)) {
    throw refuse({ code: 'not-otpauth' }, 'This is not an otpauth:// link; scan or paste the setup code the site shows.');
  }
  const match = /^otpauth:\/\/([^/?#]*)\/([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(text);
  if (!match) throw refuse({ code: 'malformed-uri' }, 'This otpauth:// link has no label; it should look like otpauth://totp/Issuer:account?secret=…');
  const [, rawType = '', rawLabel = '', rawQuery = '', rawFragment = ''] = match;
  // Every part is checked, even those Keyfob ignores: a broken escape anywhere means a damaged link.
  decodeComponent(rawType, 'type');
  decodeComponent(rawFragment, 'fragment (#…)');

  const linkType = rawType.toLowerCase();
  if (linkType !== 'totp' && linkType !== 'hotp' && linkType !== 'steam') {
    throw refuse({ code: 'unknown-type', type: quoted(rawType) }, `"${rawType}" codes are not supported; only totp, hotp and steam are.`);
  }

  const params = readParams(rawQuery);
  // Steam Guard: otpauth://steam/… (Aegis), or a TOTP link with encoder=steam (KeePassXC, Keyfob's own export).
  const type = linkType === 'steam' || (linkType === 'totp' && params.get('encoder')?.toLowerCase() === 'steam') ? 'steam' : linkType;
  const issuerParam = params.get('issuer');
  if (issuerParam !== undefined) checkText(issuerParam, 'bad-issuer', 'issuer');
  const { issuer, account } = splitLabel(decodeComponent(rawLabel, 'account name'), issuerParam?.trim());

  const secretParam = params.get('secret');
  if (secretParam === undefined || secretParam.trim() === '') {
    throw refuse({ code: 'missing-secret' }, 'The link has no secret= parameter, so no codes can be made from it.');
  }

  const counterParam = params.get('counter');
  if (type === 'hotp' && counterParam === undefined) {
    throw refuse({ code: 'missing-counter' }, 'A counter-based (hotp) link must say where the counter starts (counter=…).');
  }

  return validateOtpAccount({
    type,
    issuer,
    account,
    secret: secretParam,
    algorithm: type === 'steam' ? 'SHA1' : (params.get('algorithm') ?? 'SHA1').toUpperCase() as OtpAlgorithm,
    digits: type === 'steam' ? STEAM_DIGITS : parseInteger(params.get('digits') ?? '6', 'bad-digits', 'digits'),
    period: type !== 'hotp' ? parseInteger(params.get('period') ?? '30', 'bad-period', 'period') : 30,
    counter: type === 'hotp' ? parseInteger(counterParam ?? '', 'bad-counter', 'counter') : 0,
  });
}

/** Writes a canonical otpauth:// URI; parseOtpauthUri(formatOtpauthUri(a)) equals validateOtpAccount(a). */
export function formatOtpauthUri(input: OtpAccount): string {
  const a = validateOtpAccount(input);
  // A bare account containing a colon would read back as issuer:account; an empty prefix keeps it whole.
  const label = a.issuer
    ? `${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.account)}`
    : `${a.account.includes(':') ? ':' : ''}${encodeURIComponent(a.account)}`;
  const query = [`secret=${a.secret}`];
  if (a.issuer) query.push(`issuer=${encodeURIComponent(a.issuer)}`);
  query.push(`algorithm=${a.algorithm}`, `digits=${a.digits}`);
  query.push(a.type !== 'hotp' ? `period=${a.period}` : `counter=${a.counter}`);
  // Steam as a TOTP link with encoder=steam: apps that know Steam read it as such, the others still see the TOTP.
  if (a.type === 'steam') query.push('encoder=steam');
  return `otpauth://${a.type === 'steam' ? 'totp' : a.type}/${label}?${query.join('&')}`;
}

/**
 * Checks every field of an account and returns it normalised (secret upper case without spaces or
 * padding, names trimmed). Throws OtpauthError naming the first field that is wrong.
 */
export function validateOtpAccount(a: OtpAccount): OtpAccount {
  if (typeof a !== 'object' || a === null) throw refuse({ code: 'malformed-uri' }, 'Expected an account object.');
  if (a.type !== 'totp' && a.type !== 'hotp' && a.type !== 'steam') {
    throw refuse({ code: 'unknown-type', type: quoted(a.type) }, `"${String(a.type)}" codes are not supported; only totp, hotp and steam are.`);
  }
  const issuer = checkName(a.issuer, 'bad-issuer', 'issuer');
  const account = checkName(a.account, 'bad-label', 'account name');
  if (!issuer && !account) throw refuse({ code: 'missing-label' }, 'The link names neither an issuer nor an account.');
  const secret = normaliseSecret(a.secret);
  if (!ALGORITHMS.includes(a.algorithm)) {
    throw refuse({ code: 'bad-algorithm', algorithm: quoted(a.algorithm) }, `Algorithm "${String(a.algorithm)}" is not supported; use SHA1, SHA256 or SHA512.`);
  }
  if (a.type === 'steam' ? a.digits !== STEAM_DIGITS || a.algorithm !== 'SHA1' : false) {
    throw refuse({ code: 'bad-digits', digits: quoted(a.digits) }, `Steam Guard codes are ${STEAM_DIGITS} characters made with SHA1.`);
  }
  if (a.type !== 'steam' && (!Number.isInteger(a.digits) || a.digits < 6 || a.digits > 8)) {
    throw refuse({ code: 'bad-digits', digits: quoted(a.digits) }, `Codes of ${String(a.digits)} digits are not supported; use 6, 7 or 8.`);
  }
  if (!Number.isInteger(a.period) || a.period < 1 || a.period > MAX_PERIOD_SECONDS) {
    throw refuse({ code: 'bad-period', period: quoted(a.period), max: MAX_PERIOD_SECONDS }, `A period of ${String(a.period)} seconds is not supported; use 1 to ${MAX_PERIOD_SECONDS}.`);
  }
  if (!Number.isSafeInteger(a.counter) || a.counter < 0) {
    throw refuse({ code: 'bad-counter', counter: quoted(a.counter) }, `Counter ${String(a.counter)} is not a whole number from 0 up.`);
  }
  return { type: a.type, issuer, account, secret, algorithm: a.algorithm, digits: a.digits, period: a.period, counter: a.counter };
}

/** The secret's bytes, after the same checks validateOtpAccount makes. */
export function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  return base32Decode(normaliseSecret(secret));
}

function normaliseSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw refuse({ code: 'missing-secret' }, 'The account has no secret, so no codes can be made from it.');
  }
  let bytes: Uint8Array;
  try {
    bytes = base32Decode(secret);
  } catch (e) {
    const detail = e instanceof Base32Error ? ` ${e.message}` : '';
    throw refuse({ code: 'invalid-secret' }, `The secret is not valid base32.${detail}`);
  }
  if (bytes.length < MIN_SECRET_BYTES) {
    throw refuse({ code: 'secret-too-short', bytes: bytes.length, min: MIN_SECRET_BYTES }, `The secret is ${bytes.length} bytes; at least ${MIN_SECRET_BYTES} are needed for safe codes.`);
  }
  if (bytes.length > MAX_SECRET_BYTES) {
    throw refuse({ code: 'secret-too-long', bytes: bytes.length, max: MAX_SECRET_BYTES }, `The secret is ${bytes.length} bytes; at most ${MAX_SECRET_BYTES} are supported.`);
  }
  return base32Encode(bytes);
}

function checkName(value: unknown, code: 'bad-issuer' | 'bad-label', what: string): string {
  if (typeof value !== 'string') throw refuse({ code, problem: 'not-text', max: MAX_LABEL_LENGTH }, `The ${what} must be text.`);
  const trimmed = value.trim();
  checkText(trimmed, code, what);
  if (trimmed.length > MAX_LABEL_LENGTH) throw refuse({ code, problem: 'too-long', max: MAX_LABEL_LENGTH }, `The ${what} is longer than ${MAX_LABEL_LENGTH} characters.`);
  return trimmed;
}

/** Refuses text that would spoof UI lines (control characters) or could not be exported again (lone surrogates). */
function checkText(text: string, code: 'bad-issuer' | 'bad-label', what: string): void {
  if (CONTROL.test(text)) throw refuse({ code, problem: 'control-characters', max: MAX_LABEL_LENGTH }, `The ${what} contains control characters.`);
  if (LONE_SURROGATE.test(text)) {
    throw refuse({ code, problem: 'broken-character', max: MAX_LABEL_LENGTH }, `The ${what} contains a broken character (half of a surrogate pair) that could not be exported again.`);
  }
}

/**
 * Reads the query as application/x-www-form-urlencoded ("+" is a space), but strictly: URLSearchParams
 * would turn a broken escape into U+FFFD or leave "%zz" as text, and the issuer would silently be garbled.
 */
function readParams(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq >= 0 ? pair.slice(0, eq) : pair;
    const key = decodeComponent(rawKey.replace(/\+/g, ' '), 'parameter name').toLowerCase();
    const value = decodeComponent(eq >= 0 ? pair.slice(eq + 1).replace(/\+/g, ' ') : '', `"${key.slice(0, 20)}" parameter`);
    if (!(SINGLE_PARAMS as readonly string[]).includes(key)) continue; // image=, color=… are harmless extras
    if (params.has(key)) throw refuse({ code: 'duplicate-parameter', parameter: quoted(key) }, `The link gives "${key}" more than once.`);
    params.set(key, value);
  }
  return params;
}

/** Percent-decodes one part of the link; a "%" without two hex digits, or escapes that are not UTF-8, are refused. */
function decodeComponent(raw: string, where: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw refuse({ code: 'bad-percent-encoding' }, `The link's ${where} has a broken percent-escape (each % must start two hex digits that spell UTF-8).`);
  }
}

function splitLabel(label: string, issuerParam: string | undefined): { issuer: string; account: string } {
  // The whole label, so that a prefix the issuer parameter overrides cannot smuggle anything either.
  checkText(label, 'bad-label', 'account name');
  // The issuer parameter wins; when the label repeats it (even with colons inside), strip it whole.
  if (issuerParam && label.startsWith(`${issuerParam}:`)) {
    return { issuer: issuerParam, account: label.slice(issuerParam.length + 1).trim() };
  }
  const colon = label.indexOf(':');
  const prefix = colon >= 0 ? label.slice(0, colon).trim() : '';
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  return { issuer: issuerParam || prefix, account };
}

function parseInteger(value: string, code: 'bad-digits' | 'bad-period' | 'bad-counter', what: string): number {
  if (!/^\d{1,16}$/.test(value.trim())) throw refuse(integerReason(code, quoted(value)), `${what}=${value.slice(0, 20)} is not a whole number.`);
  return Number(value.trim());
}

function integerReason(code: 'bad-digits' | 'bad-period' | 'bad-counter', value: string): OtpauthReason {
  if (code === 'bad-digits') return { code, digits: value };
  if (code === 'bad-period') return { code, period: value, max: MAX_PERIOD_SECONDS };
  return { code, counter: value };
}
