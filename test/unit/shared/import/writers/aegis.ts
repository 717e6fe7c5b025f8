// Writes Aegis vault files as docs/vault.md describes them: plain, or scrypt password slot + AES-256-GCM.
import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import type { TestAccount } from './accounts.ts';
import { gcm } from './aes.ts';

export interface AegisOptions { password?: string; n?: number; r?: number; p?: number }

export function aegisDb(accounts: TestAccount[]): Record<string, unknown> {
  const groupIds = new Map<string, string>();
  for (const a of accounts) for (const g of a.groups ?? []) if (!groupIds.has(g)) groupIds.set(g, randomUUID());
  return {
    version: 3,
    entries: accounts.map((a) => ({
      type: a.type, uuid: randomUUID(), name: a.account, issuer: a.issuer, note: a.note ?? '', favorite: a.favorite ?? false,
      icon: null, icon_mime: null, icon_hash: null,
      info: { secret: a.secret, algo: a.algorithm, digits: a.digits, ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }) },
      groups: (a.groups ?? []).map((g) => groupIds.get(g)),
    })),
    groups: [...groupIds].map(([name, uuid]) => ({ uuid, name })),
    icons_optimized: true,
  };
}

export function writeAegis(accounts: TestAccount[], options: AegisOptions = {}): string {
  return writeAegisDb(aegisDb(accounts), options);
}

export function writeAegisDb(db: unknown, { password, n = 1024, r = 8, p = 1 }: AegisOptions = {}): string {
  if (password === undefined) return JSON.stringify({ version: 1, header: { slots: null, params: null }, db }, null, 4);
  const master = randomBytes(32);
  const salt = randomBytes(32);
  const key = scryptSync(Buffer.from(password, 'utf8'), salt, 32, { N: n, r, p, maxmem: 512 * 1024 * 1024 });
  const slotNonce = randomBytes(12);
  const wrapped = gcm(key, slotNonce, master);
  const dbNonce = randomBytes(12);
  const sealed = gcm(master, dbNonce, Buffer.from(JSON.stringify(db), 'utf8'));
  return JSON.stringify({
    version: 1,
    header: {
      slots: [{
        type: 1, uuid: randomUUID(), key: wrapped.ct.toString('hex'),
        key_params: { nonce: slotNonce.toString('hex'), tag: wrapped.tag.toString('hex') },
        n, r, p, salt: salt.toString('hex'), repaired: true, is_backup: false,
      }],
      params: { nonce: dbNonce.toString('hex'), tag: sealed.tag.toString('hex') },
    },
    db: sealed.ct.toString('base64'),
  }, null, 4);
}
