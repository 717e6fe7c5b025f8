// The public API of the shared core: pure functions, plain data in and out.
export type { OtpAccount, OtpType, OtpAlgorithm } from './types.ts';
export { siteOf, normaliseSiteInput } from './site.ts';
export { base32Decode, base32Encode, Base32Error, type Base32ErrorCode } from './base32.ts';
export {
  parseOtpauthUri,
  formatOtpauthUri,
  validateOtpAccount,
  OtpauthError,
  type OtpauthErrorCode,
  MAX_OTPAUTH_URI_LENGTH,
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
} from './otpauth.ts';
export { generateCode, codeValidUntil } from './otp-code.ts';
export {
  decodeQr,
  configureQrDecoder,
  QrError,
  type QrErrorCode,
  type QrDecoderConfig,
  type RgbaImage,
  MAX_QR_IMAGE_PIXELS,
} from './qr-decode.ts';
export { decodeMigrationUri, decodeMigrationPayload, MigrationError, type MigrationErrorCode, type MigrationResult, type MigrationBatch } from './migration.ts';
