// Writes Bitwarden exports as its exporters do: JSON, CSV, and password-protected JSON (KDF → HKDF-Expand → AES-CBC + HMAC EncStrings).
import { createHash, createHmac, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import type { TestAccount } from './accounts.ts';
import { cbc } from './aes.ts';

/** How each login's totp field is written: a bare secret, an otpauth link or steam://. */
export function totpField(a: TestAccount): string {
  if (a.type === 'steam') return `steam://${a.secret}`;
  if (a.type === 'totp' && a.algorithm === 'SHA1' && a.digits === 6 && a.period === 30) return a.secret;
  const tail = a.type === 'hotp' ? `counter=${a.counter}` : `period=${a.period}`;
  return `otpauth://${a.type}/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.account)}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}&algorithm=${a.algorithm}&digits=${a.digits}&${tail}`;
}

export function bitwardenExport(accounts: TestAccount[], logins = 0): Record<string, unknown> {
  const folder = randomUUID();
  const item = (a: TestAccount | null, i: number) => ({
    id: randomUUID(), organizationId: null, folderId: a?.groups?.length ? folder : null, type: 1, reprompt: 0,
    name: a ? a.issuer : `Login ${i}`, notes: a?.note || null, favorite: a?.favorite ?? false,
    login: {
      uris: [{ match: null, uri: `https://site${i}.example/login` }],
      username: a ? a.account : `user${i}`, password: 'hunter2', totp: a ? totpField(a) : null,
    },
    collectionIds: null,
  });
  return {
    encrypted: false,
    folders: [{ id: folder, name: 'Work' }],
    items: [...accounts.map(item), ...Array.from({ length: logins }, (_, i) => item(null, accounts.length + i))],
  };
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeBitwardenCsv(accounts: TestAccount[]): string {
  const header = 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
  const rows = accounts.map((a, i) => [a.groups?.[0] ?? '', a.favorite ? '1' : '', 'login', a.issuer, a.note ?? '', '', '0',
    `https://site${i}.example/`, a.account, 'pw, "quoted"', totpField(a)].map(csvField).join(','));
  return [header, ...rows].join('\n') + '\n';
}

function encString(encKey: Buffer, macKey: Buffer, plain: string): string {
  const iv = randomBytes(16);
  const ct = cbc(encKey, iv, Buffer.from(plain, 'utf8'));
  const mac = createHmac('sha256', macKey).update(Buffer.concat([iv, ct])).digest();
  return `2.${iv.toString('base64')}|${ct.toString('base64')}|${mac.toString('base64')}`;
}

export type BitwardenKdf = { type: 0; iterations: number } | { type: 1; iterations: number; memoryMiB: number; parallelism: number };

export async function writeBitwardenProtected(plain: string, password: string, kdf: BitwardenKdf = { type: 0, iterations: 1000 }): Promise<string> {
  const salt = randomBytes(16).toString('base64');
  const key = kdf.type === 0
    ? pbkdf2Sync(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), kdf.iterations, 32, 'sha256')
    : Buffer.from(await argon2id({
      password, salt: createHash('sha256').update(salt, 'utf8').digest(), iterations: kdf.iterations,
      memorySize: kdf.memoryMiB * 1024, parallelism: kdf.parallelism, hashLength: 32, outputType: 'binary',
    }));
  // HKDF-Expand only: an HKDF whose Extract step is skipped is the same as expanding the key as the PRK.
  const expand = (info: string) => Buffer.from(hkdfSyncExpand(key, info));
  const encKey = expand('enc');
  const macKey = expand('mac');
  return JSON.stringify({
    encrypted: true, passwordProtected: true, salt, kdfType: kdf.type, kdfIterations: kdf.iterations,
    kdfMemory: kdf.type === 1 ? kdf.memoryMiB : null, kdfParallelism: kdf.type === 1 ? kdf.parallelism : null,
    encKeyValidation_DO_NOT_EDIT: encString(encKey, macKey, randomUUID()),
    data: encString(encKey, macKey, plain),
  });
}

/** T(1) of RFC 5869 with the key as PRK (node's hkdfSync always extracts first, so it is written out here). */
function hkdfSyncExpand(prk: Buffer, info: string): Buffer {
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])])).digest();
}
