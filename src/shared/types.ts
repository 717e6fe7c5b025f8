// The account shape shared by the extension, the demo server and the CLI.

/** steam: Steam Guard, a TOTP (HMAC-SHA1, 30 s) shown as 5 characters of Steam's alphabet instead of digits. */
export type OtpType = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface OtpAccount {
  type: OtpType;
  issuer: string;
  account: string;
  /** Base32, upper case, no padding. */
  secret: string;
  algorithm: OtpAlgorithm;
  /** 6–8 for totp and hotp; always 5 (characters) for steam. */
  digits: number;
  period: number;
  counter: number;
}
