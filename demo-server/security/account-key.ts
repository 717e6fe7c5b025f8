// Keyed hashes that stand for an account in rows that must not name it (the password back-off keys e-mail addresses,
// including ones with no account, and a copy of the database must not list which addresses were tried).
import { createHmac, hkdfSync } from 'node:crypto';

export type AccountKeyer = (label: string) => string;

export function createAccountKeyer(secretKey: Buffer): AccountKeyer {
  const key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'keyfob-demo account keys', 32));
  return (label) => createHmac('sha256', key).update(label).digest('hex');
}
