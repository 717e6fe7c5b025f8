// Makes HOTP (RFC 4226) and TOTP (RFC 6238) codes for an account, through otplib.
import { createGuardrails, generate } from 'otplib';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, OtpauthError, secretBytes, validateOtpAccount } from './otpauth.ts';
import type { OtpAccount } from './types.ts';

// otplib refuses secrets under 16 bytes by default, but real sites issue 10-byte ones; our own
// validation already bounds the length, so the library's limits follow ours. Created on first use so
// bundles that import the core only for siteOf (content scripts) shake otplib out.
let guardrails: ReturnType<typeof createGuardrails> | undefined;

/**
 * The code an account shows at `atMs` (TOTP) or at its stored counter (HOTP). otplib's pure-JS HMAC
 * was measured about 10x faster per code than WebCrypto's importKey+sign here, so it is used directly.
 * Throws OtpauthError for an invalid account or time.
 */
export async function generateCode(account: OtpAccount, atMs: number = Date.now()): Promise<string> {
  const a = validateOtpAccount(account);
  const secret = secretBytes(a.secret);
  const algorithm = a.algorithm === 'SHA1' ? 'sha1' : a.algorithm === 'SHA256' ? 'sha256' : 'sha512';
  const digits = a.digits as 6 | 7 | 8;
  guardrails ??= createGuardrails({ MIN_SECRET_BYTES, MAX_SECRET_BYTES });
  if (a.type === 'hotp') {
    try {
      return await generate({ strategy: 'hotp', secret, counter: a.counter, algorithm, digits, guardrails });
    } catch (e) {
      throw new OtpauthError('bad-counter', `Cannot make a code for counter ${a.counter}: ${errorText(e)}`);
    }
  }
  if (!Number.isFinite(atMs) || atMs < 0) {
    throw new OtpauthError('bad-time', `Cannot make a code for time ${String(atMs)}; expected milliseconds since 1970.`);
  }
  try {
    return await generate({ strategy: 'totp', secret, period: a.period, epoch: Math.floor(atMs / 1000), algorithm, digits, guardrails });
  } catch (e) {
    throw new OtpauthError('bad-time', `Cannot make a code for time ${atMs}: ${errorText(e)}`);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Epoch ms at which the TOTP code shown at `atMs` stops being current. */
export function codeValidUntil(account: Pick<OtpAccount, 'period'>, atMs: number): number {
  const periodMs = account.period * 1000;
  return (Math.floor(atMs / periodMs) + 1) * periodMs;
}
