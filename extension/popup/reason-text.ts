// Words, in the UI language, for every reason a shared check or the background gives; a received reason is checked
// against its declared values before any sentence is made from it.
import { t } from '../i18n.ts';
import type { ErrorReason, ReasonCode } from '../error-reason.ts';
import type { NameProblem } from '../../src/shared/index.ts';

/** A value a sentence uses: a number (formatted for the language), short text from the input, or one of a few words. */
type ParamKind = 'number' | 'text' | readonly string[];

/** The variant of ErrorReason with this code (a variant may share its shape between two codes, e.g. bad-label). */
type VariantOf<R, C> = R extends { code: infer K } ? (C extends K ? Omit<R, 'code'> & { code: C } : never) : never;
type Variant<C extends ReasonCode> = VariantOf<ErrorReason, C>;

interface Wording<C extends ReasonCode> {
  /** Every value of the variant and its kind: a mapped type, so a value added to a reason must be declared here. */
  params: { readonly [P in Exclude<keyof Variant<C>, 'code'>]-?: ParamKind };
  words(reason: Variant<C>): string;
}

type Table = { readonly [C in ReasonCode]: Wording<C> };

const NAME_PROBLEMS: readonly NameProblem[] = ['not-text', 'too-long', 'control-characters', 'broken-character'];
/** Input quoted back (an algorithm, a parameter name): the shared parsers cut it to 40 characters. */
const MAX_TEXT = 40;

function num(n: number): string {
  return new Intl.NumberFormat(t('pluralLocale') || undefined).format(n);
}

function nameWords(field: 'issuer' | 'label', problem: NameProblem, max: number): string {
  const what = t(field === 'issuer' ? 'fieldIssuer' : 'fieldAccountName');
  if (problem === 'not-text') return t('reasonNameNotText', what);
  if (problem === 'too-long') return t('reasonNameTooLong', what, num(max));
  if (problem === 'control-characters') return t('reasonNameControlCharacters', what);
  return t('reasonNameBrokenCharacter', what);
}

const NONE = {} as const;

/** Every reason code has words: a Record over the closed union, so a new code without words is a compile error. */
export const REASON_WORDS: Table = {
  'password-too-short': { params: { min: 'number' }, words: (r) => t('reasonPasswordTooShort', num(r.min)) },
  'password-too-long': { params: { max: 'number' }, words: (r) => t('reasonPasswordTooLong', num(r.max)) },
  'password-too-common': { params: NONE, words: () => t('reasonPasswordTooCommon') },
  'password-too-repetitive': { params: NONE, words: () => t('reasonPasswordTooRepetitive') },
  'password-too-simple': { params: NONE, words: () => t('reasonPasswordTooSimple') },

  'too-long': { params: { max: 'number' }, words: (r) => t('reasonTooLong', num(r.max)) },
  'not-otpauth': { params: NONE, words: () => t('reasonNotOtpauth') },
  'malformed-uri': { params: NONE, words: () => t('reasonMalformedUri') },
  'bad-percent-encoding': { params: NONE, words: () => t('reasonBadPercentEncoding') },
  'unknown-type': { params: { type: 'text' }, words: (r) => t('reasonUnknownType', r.type) },
  'missing-label': { params: NONE, words: () => t('reasonMissingLabel') },
  'bad-label': { params: { problem: NAME_PROBLEMS, max: 'number' }, words: (r) => nameWords('label', r.problem, r.max) },
  'bad-issuer': { params: { problem: NAME_PROBLEMS, max: 'number' }, words: (r) => nameWords('issuer', r.problem, r.max) },
  'duplicate-parameter': { params: { parameter: 'text' }, words: (r) => t('reasonDuplicateParameter', r.parameter) },
  'missing-secret': { params: NONE, words: () => t('reasonMissingSecret') },
  'invalid-secret': { params: NONE, words: () => t('reasonInvalidSecret') },
  'secret-too-short': { params: { bytes: 'number', min: 'number' }, words: (r) => t('reasonSecretTooShort', num(r.min), num(r.bytes)) },
  'secret-too-long': { params: { bytes: 'number', max: 'number' }, words: (r) => t('reasonSecretTooLong', num(r.max), num(r.bytes)) },
  'bad-algorithm': { params: { algorithm: 'text' }, words: (r) => t('reasonBadAlgorithm', r.algorithm) },
  'bad-digits': { params: { digits: 'text' }, words: (r) => t('reasonBadDigits', r.digits) },
  'bad-period': { params: { period: 'text', max: 'number' }, words: (r) => t('reasonBadPeriod', r.period, num(r.max)) },
  'missing-counter': { params: NONE, words: () => t('reasonMissingCounter') },
  'bad-counter': { params: { counter: 'text' }, words: (r) => t('reasonBadCounter', r.counter) },

  too_large: { params: NONE, words: () => t('reasonMigrationTooLarge') },
  not_migration_uri: { params: NONE, words: () => t('reasonNotMigrationUri') },
  malformed_payload: { params: NONE, words: () => t('reasonMalformedPayload') },
  'md5-unsupported': { params: NONE, words: () => t('reasonMd5Unsupported') },
  'unknown-algorithm': { params: NONE, words: () => t('reasonUnknownAlgorithm') },
  'unknown-digits': { params: NONE, words: () => t('reasonUnknownDigits') },
  'no-secret': { params: NONE, words: () => t('reasonNoSecret') },
  'secret-size': {
    params: { bytes: 'number', min: 'number', max: 'number' },
    words: (r) => t('reasonSecretSize', num(r.min), num(r.max), num(r.bytes)),
  },
  'unknown-code-type': { params: NONE, words: () => t('reasonUnknownCodeType') },
  'counter-out-of-range': { params: NONE, words: () => t('reasonCounterOutOfRange') },

  'backup-not-json': { params: NONE, words: () => t('reasonBackupNotJson') },
  'backup-not-keyfob': { params: NONE, words: () => t('reasonBackupNotKeyfob') },
  'backup-damaged': { params: NONE, words: () => t('reasonBackupDamaged') },
  'backup-bad-account': { params: NONE, words: () => t('reasonBackupBadAccount') },
  'backup-kdf-unsupported': { params: NONE, words: () => t('reasonBackupKdfUnsupported') },
  'backup-version': {
    params: { version: 'text', supported: 'number' },
    words: (r) => t('reasonBackupVersion', r.version, num(r.supported)),
  },
  'backup-kdf-pbkdf2': {
    params: { iterations: 'number', maxIterations: 'number' },
    words: (r) => t('reasonBackupKdfPbkdf2', num(r.iterations), num(r.maxIterations)),
  },
  'backup-kdf-argon2id': {
    params: { memoryKiB: 'number', passes: 'number', lanes: 'number', maxMemoryKiB: 'number', maxPasses: 'number', maxLanes: 'number' },
    words: (r) => t('reasonBackupKdfArgon2id', num(r.memoryKiB), num(r.passes), num(r.lanes), num(r.maxMemoryKiB), num(r.maxPasses), num(r.maxLanes)),
  },
};

function fits(value: unknown, kind: ParamKind): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'text') return typeof value === 'string' && value.length <= MAX_TEXT;
  return typeof value === 'string' && kind.includes(value);
}

/**
 * The reason as the popup may trust it, or null: a known code and every declared value of the declared kind. It comes
 * from the background's reply or a parser's error, so anything else (a newer background, a damaged reply) is ignored.
 */
export function readReason(raw: unknown): ErrorReason | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const code = (raw as { code?: unknown }).code;
  if (typeof code !== 'string' || !Object.hasOwn(REASON_WORDS, code)) return null;
  const spec: Readonly<Record<string, ParamKind>> = REASON_WORDS[code as ReasonCode].params;
  const ok = Object.entries(spec).every(([name, kind]) => fits((raw as Record<string, unknown>)[name], kind));
  return ok ? (raw as ErrorReason) : null;
}

/** The sentence for a reason in the UI language, or null when the reason is missing or not one the popup knows. */
export function reasonText(raw: unknown): string | null {
  const reason = readReason(raw);
  if (!reason) return null;
  // The table is keyed by code, so reason and words belong together; TS cannot see that through the union.
  const words = REASON_WORDS[reason.code].words as (r: ErrorReason) => string;
  return words(reason);
}
