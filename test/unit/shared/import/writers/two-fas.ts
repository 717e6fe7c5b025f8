// Writes 2FAS backups as its BackupContent/BackupCipher classes do: plain, or PBKDF2-SHA256 10,000 + AES-GCM "ct:salt:iv".
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { TestAccount } from './accounts.ts';
import { gcmSealed } from './aes.ts';

export function twoFasServices(accounts: TestAccount[]): Record<string, unknown>[] {
  return accounts.map((a, i) => ({
    name: a.issuer, secret: a.secret, updatedAt: 1_700_000_000_000 + i,
    otp: {
      label: `${a.issuer}:${a.account}`, account: a.account, issuer: a.issuer, digits: a.digits, period: a.period, algorithm: a.algorithm,
      counter: a.counter, tokenType: a.type.toUpperCase(), source: 'Link', link: `https://${a.issuer.replace(/\W/g, '').toLowerCase()}.example/`,
    },
    order: { position: i }, icon: { selected: 'Label', label: { text: a.issuer.slice(0, 2), backgroundColor: 'Orange' } },
    groupId: a.groups?.length ? 'g1' : undefined,
  }));
}

export function writeTwoFas(accounts: TestAccount[], password?: string, services = twoFasServices(accounts)): string {
  const base = { groups: [{ id: 'g1', name: 'Work', isExpanded: true }], updatedAt: 1_700_000_000_000, schemaVersion: 4, appVersionCode: 5000000, appVersionName: '5.0.0', appOrigin: 'android' };
  if (password === undefined) return JSON.stringify({ services, ...base });
  const salt = randomBytes(256);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 10_000, 32, 'sha256');
  const seal = (text: string) => {
    const iv = randomBytes(12);
    return [gcmSealed(key, iv, Buffer.from(text, 'utf8')), salt, iv].map((b) => b.toString('base64')).join(':');
  };
  return JSON.stringify({ services: [], ...base, servicesEncrypted: seal(JSON.stringify(services)), reference: seal('a fixed reference text') });
}
