// scrypt password hashes (self-describing, so the cost can rise later) and the password policy.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptCost } from '../config.ts';

const keyLength = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength,
      { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export type PasswordProblem = 'too-short' | 'too-long' | 'too-common' | 'contains-email';

const common = new Set(['password', 'password1', 'password123', '1234567890', '12345678910', 'qwertyuiop',
  'iloveyou12', 'letmein123', 'passw0rd12', 'administrator', 'welcome123', 'abcdefghij', '0123456789']);

/** NIST SP 800-63B: length over composition rules, plus a small blocklist. */
export function checkPasswordStrength(password: string, email: string): PasswordProblem | null {
  if ([...password].length < 10) return 'too-short';
  if (password.length > 200) return 'too-long';
  if (common.has(password.toLowerCase())) return 'too-common';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && password.toLowerCase().includes(local)) return 'contains-email';
  return null;
}

export const passwordProblemText: Record<PasswordProblem, string> = {
  'too-short': 'Choose a password of at least 10 characters.',
  'too-long': 'Choose a password of at most 200 characters.',
  'too-common': 'That password is too common; choose another.',
  'contains-email': 'The password must not contain your e-mail name.',
};
