// The public API of the shared core: pure functions, plain data in and out.
export type { OtpAccount, OtpType, OtpAlgorithm } from './types.ts';
export { siteOf, normaliseSiteInput } from './site.ts';
export { parseSuffixTable, registrableDomain, type SuffixTable, type SuffixTableText } from './registrable-domain.ts';
export { isInsecureOrigin, isLoopbackOrIpHost, normaliseOriginInput, originOfUrl, originsForLegacySite } from './origin.ts';
export { bindingDecision, isBoundOrigin, type BindingDecision } from './origin-binding.ts';
export { checkGroups, cleanGroups, MAX_GROUP_LENGTH, MAX_GROUPS } from './account-groups.ts';
export { checkAccountIcon, isSmallImageDataUrl, siteIconOf, MAX_ICON_BYTES, MAX_ICON_PIXELS, SITE_ICON_SIZE, type AccountIcon } from './account-icon.ts';
export { lookAlikeIndex, type LookAlike, type LookAlikeReason } from './look-alike.ts';
export { base32Decode, base32Encode, Base32Error, type Base32ErrorCode } from './base32.ts';
export {
  parseOtpauthUri,
  formatOtpauthUri,
  validateOtpAccount,
  OtpauthError,
  type OtpauthErrorCode,
  type OtpauthReason,
  type NameProblem,
  MAX_OTPAUTH_URI_LENGTH,
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
} from './otpauth.ts';
export { generateCode, codeValidUntil, forgetKeys } from './otp-code.ts';
export { sameCodesKey, type CodeParameters } from './same-codes.ts';
export {
  decodeQr,
  configureQrDecoder,
  QrError,
  type QrErrorCode,
  type QrDecoderConfig,
  type RgbaImage,
  MAX_QR_IMAGE_PIXELS,
} from './qr-decode.ts';
export { bytesToBase64, base64ToBytes, Base64Error } from './base64.ts';
export { VaultCryptoError, type VaultCryptoErrorCode } from './vault-crypto-error.ts';
export {
  deriveKeyFromPassword,
  newKdfParams,
  checkKdfParams,
  DEFAULT_PBKDF2_ITERATIONS,
  DEFAULT_ARGON2ID,
  KDF_LIMITS,
  IMPORT_KDF_LIMITS,
  checkImportKdf,
  MAX_PASSWORD_LENGTH,
  type KdfParams,
  type KdfChoice,
  type Pbkdf2Params,
  type Argon2idParams,
  type Argon2idHash,
  type KdfEngines,
  type PasswordKey,
} from './password-kdf.ts';
export {
  generateDataKey,
  sealWithKey,
  openWithKey,
  sealWithPassword,
  openWithPassword,
  wrapKey,
  unwrapKey,
  rewrapKey,
  MAX_PLAINTEXT_BYTES,
  type SealedBox,
  type PasswordEnvelope,
  type WrappedKey,
  type AadInput,
  type PasswordSealOptions,
} from './vault-crypto.ts';
export { decodeMigrationUri, decodeMigrationPayload, MigrationError, type MigrationErrorCode, type MigrationResult, type MigrationBatch,
  type MigrationReason, type MigrationSkipReason, type SkippedEntry } from './migration.ts';
export { judgePassword, MIN_PASSWORD_LENGTH, type PasswordVerdict, type PasswordReason } from './password-policy.ts';
export { tickHlc, receiveHlc, compareHlc, maxHlc, checkHlc, isDeviceId, HlcError, MAX_CLOCK_AHEAD_MS, type Hlc, type HlcErrorCode } from './sync/hlc.ts';
export { SyncError, type SyncErrorCode } from './sync/sync-error.ts';
export {
  recordFromAccount,
  editRecord,
  deleteRecord,
  accountOfRecord,
  mergeRecords,
  isRecordDeleted,
  isRecordId,
  latestClockOf,
  SYNC_FIELD_NAMES,
  type SyncedAccount,
  type SyncedRecoveryCode,
  type SyncRecord,
  type SyncFields,
  type SyncFieldName,
  type OtpParams,
  type Stamped,
} from './sync/sync-record.ts';
export { mergeStates, mergeRecordInto, pruneTombstones, changedIds, compareByPosition, DEFAULT_TOMBSTONE_TTL_MS, type SyncState } from './sync/vault-merge.ts';
export {
  sealSyncRecord,
  openSyncRecord,
  sealManifest,
  openManifest,
  mergeManifests,
  syncRecordAad,
  SYNC_PAD_BUCKET,
  type SyncManifest,
  type DeviceEntry,
} from './sync/sync-seal.ts';
