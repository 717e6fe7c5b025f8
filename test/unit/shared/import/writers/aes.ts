// node:crypto AES helpers shared by the test writers (GCM with a separate or appended tag, CBC with PKCS#7).
import { createCipheriv } from 'node:crypto';

export function gcm(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): { ct: Buffer; tag: Buffer } {
  const c = createCipheriv('aes-256-gcm', key, iv);
  if (aad) c.setAAD(aad);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { ct, tag: c.getAuthTag() };
}

export function gcmSealed(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Buffer {
  const { ct, tag } = gcm(key, iv, plain, aad);
  return Buffer.concat([ct, tag]);
}

export function cbc(key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Buffer {
  const c = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([c.update(plain), c.final()]);
}
