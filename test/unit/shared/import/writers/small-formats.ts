// Writes andOTP, FreeOTP+, LastPass, Proton and Authenticator Pro exports as their apps' writers do.
import { createHash, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { fromBase32, toOtpauth, type TestAccount } from './accounts.ts';
import { cbc, gcmSealed } from './aes.ts';

export function andOtpList(accounts: TestAccount[]): Record<string, unknown>[] {
  return accounts.map((a) => ({
    secret: a.secret, issuer: a.issuer, label: a.account, digits: a.digits, type: a.type.toUpperCase(), algorithm: a.algorithm,
    thumbnail: 'Default', last_used: 0, used_frequency: 0, tags: a.groups ?? [], ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }),
  }));
}

/** andOTP's .json.aes: [iterations BE32][salt 12][nonce 12][ciphertext‖tag], PBKDF2-HMAC-SHA1; or the old [nonce][ct‖tag] under SHA-256(password). */
export function writeAndOtpEncrypted(json: string, password: string, iterations: number | 'old' = 1000): Buffer {
  const nonce = randomBytes(12);
  if (iterations === 'old') return Buffer.concat([nonce, gcmSealed(createHash('sha256').update(password, 'utf8').digest(), nonce, Buffer.from(json))]);
  const salt = randomBytes(12);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha1');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(iterations);
  return Buffer.concat([head, salt, nonce, gcmSealed(key, nonce, Buffer.from(json))]);
}

export function writeFreeOtpPlus(accounts: TestAccount[]): string {
  const tokens = accounts.map((a) => ({
    algo: a.algorithm, counter: a.counter, digits: a.digits, issuerExt: a.issuer, issuerInt: a.issuer, label: a.account, period: a.period,
    // Java's signed bytes.
    secret: [...fromBase32(a.secret)].map((b) => (b > 127 ? b - 256 : b)), type: a.type.toUpperCase(),
  }));
  return JSON.stringify({ tokenOrder: tokens.map((t) => `${t.issuerExt}:${t.label}`), tokens });
}

export function writeLastPass(accounts: TestAccount[]): string {
  return JSON.stringify({
    deviceName: 'Pixel', deviceSecret: '', localDeviceId: randomUUID(), version: 3,
    accounts: accounts.map((a, i) => ({
      accountID: randomUUID(), issuerName: a.issuer, originalIssuerName: a.issuer, userName: a.account, originalUserName: a.account,
      pushNotification: false, secret: a.secret, timeStep: a.period, digits: a.digits, creationTimestamp: 1_700_000_000_000 + i,
      isFavorite: a.favorite ?? false, algorithm: a.algorithm, folderData: { folderId: a.groups?.length ? 1 : 0, position: i },
    })),
    folders: [{ id: 0, name: 'Other', isOpened: true }, { id: 1, name: 'Work', isOpened: true }],
  });
}

export function protonPlain(accounts: TestAccount[]): string {
  return JSON.stringify({
    version: 1,
    entries: accounts.map((a) => ({
      id: randomUUID(),
      content: { uri: a.type === 'steam' ? `steam://${a.secret}` : toOtpauth(a), entry_type: a.type === 'steam' ? 'Steam' : 'Totp', name: a.issuer },
      note: a.note ?? null,
    })),
  });
}

export async function writeProtonEncrypted(plain: string, password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await argon2id({ password, salt, iterations: 2, memorySize: 19 * 1024, parallelism: 1, hashLength: 32, outputType: 'binary' });
  const nonce = randomBytes(12);
  const sealed = gcmSealed(key, nonce, Buffer.from(plain), Buffer.from('proton.authenticator.export.v1'));
  return JSON.stringify({ version: 1, salt: salt.toString('base64'), content: Buffer.concat([nonce, sealed]).toString('base64') });
}

const PRO_TYPES = { hotp: 1, totp: 2, steam: 4 } as const;
const PRO_ALGORITHMS = { SHA1: 0, SHA256: 1, SHA512: 2 } as const;

export function authProBackup(accounts: TestAccount[]): Record<string, unknown> {
  return {
    Authenticators: accounts.map((a, i) => ({
      Type: PRO_TYPES[a.type], Icon: null, Issuer: a.issuer, Username: a.account, Secret: a.secret, Pin: null,
      Algorithm: PRO_ALGORITHMS[a.algorithm], Digits: a.digits, Period: a.period, Counter: a.counter, CopyCount: 0, Ranking: i,
    })),
    Categories: [{ Id: 'c1', Name: 'Work', Ranking: 0 }],
    AuthenticatorCategories: accounts.filter((a) => a.groups?.length).map((a) => ({ CategoryId: 'c1', AuthenticatorSecret: a.secret, Ranking: 0 })),
    CustomIcons: [],
  };
}

/** "AUTHENTICATORPRO" ‖ salt(16) ‖ iv(12) ‖ AES-256-GCM under Argon2id(t=3, 64 MiB, p=4); legacy "AuthenticatorPro" ‖ salt(20) ‖ iv(16) ‖ AES-CBC. */
export async function writeAuthProEncrypted(json: string, password: string, legacy = false): Promise<Buffer> {
  if (legacy) {
    const salt = randomBytes(20);
    const iv = randomBytes(16);
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 64_000, 32, 'sha1');
    return Buffer.concat([Buffer.from('AuthenticatorPro'), salt, iv, cbc(key, iv, Buffer.from(json))]);
  }
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await argon2id({ password, salt, iterations: 3, memorySize: 64 * 1024, parallelism: 4, hashLength: 32, outputType: 'binary' });
  return Buffer.concat([Buffer.from('AUTHENTICATORPRO'), salt, iv, gcmSealed(key, iv, Buffer.from(json))]);
}
