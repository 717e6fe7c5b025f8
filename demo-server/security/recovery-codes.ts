// Recovery codes: 120 random bits as 24 Crockford base32 characters, normalised on input, stored as HMAC-SHA-256.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function generateRecoveryCode(): string {
  const bytes = randomBytes(24);
  let out = '';
  for (const b of bytes) out += alphabet[b & 31];
  return (out.match(/.{4}/g) as string[]).join('-');
}

/** Case, spaces and hyphens do not matter, and look-alikes map as Crockford does (O→0, I/L→1). null: not a code's shape. */
export function normaliseRecoveryCode(input: string): string | null {
  if (input.length > 64) return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{24}$/.test(s) ? s : null;
}

export type RecoveryCodeHasher = (normalised: string) => string;

/** The pepper comes from the secrets key, so a database dump alone cannot test guesses. */
export function createRecoveryCodeHasher(secretKey: Buffer): RecoveryCodeHasher {
  const pepper = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'keyfob-demo recovery codes', 32));
  return (normalised) => createHmac('sha256', pepper).update(normalised).digest('hex');
}
