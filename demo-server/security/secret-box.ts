// AES-256-GCM for secrets at rest: versioned blobs bound to their row by additional data, key never in the DB.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative, isAbsolute, resolve } from 'node:path';

export interface SecretBox {
  seal(plain: string, aad: string): string;
  /** null when the blob was tampered with, swapped from another row or sealed with another key: callers fail closed. */
  open(blob: string, aad: string): string | null;
}

function isInside(dir: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function readKeyFile(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes as 64 hex characters`);
  return key;
}

/**
 * The key from SECRET_KEY, else from KEY_DIR/secret.key (directory 0700, file 0600, created on first start).
 * Installs from before KEY_DIR kept the file in DATA_DIR: it is moved out on start, so old data stays readable.
 */
export function loadSecretKey(configured: Buffer | null, dirs: { dataDir: string; keyDir: string }, info: (line: string) => void): Buffer {
  if (configured) return configured;
  const { dataDir, keyDir } = dirs;
  if (isInside(keyDir, dataDir)) throw new Error(`KEY_DIR (${keyDir}) must not be DATA_DIR or inside it: a copy of the data would carry its key`);
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  chmodSync(keyDir, 0o700);
  const file = join(keyDir, 'secret.key');
  const legacy = join(dataDir, 'secret.key');
  if (existsSync(legacy)) {
    if (existsSync(file)) {
      if (!readKeyFile(legacy).equals(readKeyFile(file))) {
        throw new Error(`Two different keys: ${legacy} and ${file}. Keep the one that opens this data and delete the other.`);
      }
      unlinkSync(legacy);
    } else {
      try {
        renameSync(legacy, file);
      } catch {
        // Another filesystem: copy, then remove the original.
        copyFileSync(legacy, file);
        unlinkSync(legacy);
      }
      chmodSync(file, 0o600);
    }
    info(`moved the secrets key from ${legacy} to ${file} (KEY_DIR): a copy of DATA_DIR no longer carries it`);
  }
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return readKeyFile(file);
}

export function createSecretBox(key: Buffer): SecretBox {
  return {
    seal(plain, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(aad));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(':');
    },
    open(blob, aad) {
      const [version, iv, tag, ct] = blob.split(':');
      if (version !== 'v1' || !iv || !tag || ct === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(aad));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

export function totpSecretAad(userId: number): string {
  return `totp-secret:user:${userId}`;
}
