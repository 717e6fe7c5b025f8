// Random bearer secrets (remember-device, API challenge, access tokens): generated here, stored only as SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function checksumOf(body: string): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 6);
}

/** Prefixed tokens (`kfp_` personal, `kfs_` from API sign-in) carry a checksum so typos and forgeries fail before the lookup. */
export function createPrefixedToken(prefix: 'kfp' | 'kfs'): string {
  const body = `${prefix}_${randomToken(32)}`;
  return `${body}_${checksumOf(body)}`;
}

export function hasValidChecksum(token: string): boolean {
  const m = /^(kf[ps]_[A-Za-z0-9_-]{43})_([A-Za-z0-9_-]{6})$/.exec(token);
  return m !== null && checksumOf(m[1] as string) === m[2];
}
