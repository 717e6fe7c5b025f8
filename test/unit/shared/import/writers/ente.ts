// Writes Ente Auth exports: otpauth lines with codeDisplay, sealed with Argon2id (hash-wasm) and libsodium's own secretstream.
import { randomBytes } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import sodium from 'libsodium-wrappers';
import { toOtpauth, type TestAccount } from './accounts.ts';

/** `trashed`: indexes of the codes the user deleted in Ente (its export keeps them, marked). */
export function enteText(accounts: TestAccount[], trashed: ReadonlySet<number> = new Set()): string {
  return accounts.map((a, i) => {
    const display = { pinned: a.favorite ?? false, trashed: trashed.has(i), lastUsedAt: 0, tapCount: 0, tags: a.groups ?? [], note: a.note ?? '', position: 0, iconSrc: '', iconID: '' };
    return toOtpauth(a, `&codeDisplay=${encodeURIComponent(JSON.stringify(display))}`);
  }).join('\n') + '\n';
}

export async function writeEnte(text: string, password: string, memLimit = 1024 * 1024, opsLimit = 2): Promise<string> {
  await sodium.ready;
  const salt = randomBytes(16);
  const key = await argon2id({ password, salt, iterations: opsLimit, memorySize: memLimit / 1024, parallelism: 1, hashLength: 32, outputType: 'binary' });
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(state, Buffer.from(text, 'utf8'), null, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  return JSON.stringify({
    version: 1,
    kdfParams: { memLimit, opsLimit, salt: salt.toString('base64') },
    encryptedData: Buffer.from(sealed).toString('base64'),
    encryptionNonce: Buffer.from(header).toString('base64'),
  });
}
