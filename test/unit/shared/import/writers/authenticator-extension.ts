// Writes Authenticator-Extension backups: plain, v1 (secrets sealed with the password), v2 (key.enc) and v3 (Argon2id Key).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import type { TestAccount } from './accounts.ts';
import { cbc } from './aes.ts';

/** CryptoJS.AES.encrypt(text, passphrase).toString(): OpenSSL's "Salted__" layout with an MD5 EVP_BytesToKey. */
export function cryptoJsEncrypt(plain: string | Buffer, passphrase: string): string {
  const salt = randomBytes(8);
  let derived = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (derived.length < 48) {
    block = createHash('md5').update(Buffer.concat([block, Buffer.from(passphrase, 'utf8'), salt])).digest();
    derived = Buffer.concat([derived, block]);
  }
  const ct = cbc(derived.subarray(0, 32), derived.subarray(32, 48), typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain);
  return Buffer.concat([Buffer.from('Salted__'), salt, ct]).toString('base64');
}

export function rawEntry(a: TestAccount, index: number): Record<string, unknown> {
  const hash = randomUUID();
  return {
    dataType: 'OTPStorage', account: a.account, issuer: a.issuer, secret: a.secret, type: a.type, counter: a.counter,
    period: a.period, digits: a.digits, algorithm: a.algorithm, pinned: a.favorite ?? false, index, hash, encrypted: false,
  };
}

export function writePlain(accounts: TestAccount[]): string {
  return JSON.stringify(Object.fromEntries(accounts.map((a, i) => { const e = rawEntry(a, i); return [e.hash as string, e]; })));
}

export async function writeV3(accounts: TestAccount[], password: string): Promise<string> {
  const keyId = randomUUID();
  const salt = randomBytes(16).toString('hex');
  const raw = await argon2id({ password, salt: Buffer.from(salt, 'utf8'), iterations: 2, memorySize: 19_456, parallelism: 1, hashLength: 32, outputType: 'binary' });
  const passphrase = Buffer.from(raw).toString('base64').replace(/=+$/, '');
  const check = await argon2id({ password: passphrase, salt: randomBytes(16), iterations: 2, memorySize: 19_456, parallelism: 1, hashLength: 32, outputType: 'encoded' });
  const out: Record<string, unknown> = { [keyId]: { dataType: 'Key', id: keyId, salt, hash: check, version: 3 } };
  accounts.forEach((a, i) => {
    const e = rawEntry(a, i);
    out[e.hash as string] = { dataType: 'EncOTPStorage', keyId, data: cryptoJsEncrypt(JSON.stringify(e), passphrase), index: i };
  });
  return JSON.stringify(out);
}

export function writeV1(accounts: TestAccount[], password: string): string {
  return JSON.stringify(Object.fromEntries(accounts.map((a, i) => {
    const e = rawEntry(a, i);
    return [e.hash as string, { ...e, secret: cryptoJsEncrypt(a.secret, password), encrypted: true }];
  })));
}

export function writeV2(accounts: TestAccount[], password: string): string {
  const key = randomBytes(32);
  const passphrase = key.toString('hex');
  const entries = Object.fromEntries(accounts.map((a, i) => {
    const e = rawEntry(a, i);
    return [e.hash as string, { ...e, secret: cryptoJsEncrypt(a.secret, passphrase), encrypted: true }];
  }));
  return JSON.stringify({ key: { enc: cryptoJsEncrypt(key, password), hash: 'unused' }, ...entries });
}
