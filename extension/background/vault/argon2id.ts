// Argon2id for the vault, run outside the background script so hash-wasm's WebAssembly (about 11 KiB gzip) is not in
// the one classic worker file every wake parses: PBKDF2 is the default, Argon2id only opens what chose it.
import { base64ToBytes, bytesToBase64, type Argon2idHash } from '../../../src/shared/index.ts';
import {
  ARGON2ID_MODULE, ARGON2ID_PAGE, type Argon2idInput, type Argon2idMessage, type Argon2idReply,
} from '../../offscreen/argon2id-protocol.ts';
import { hasOffscreenApi, withOffscreenDocument } from '../platform/offscreen-document.ts';

/**
 * Chromium (service worker): in the offscreen page's dedicated worker. The password goes there and the 32-byte hash
 * comes back over runtime messaging. That is acceptable because both ends are Keyfob's own extension pages:
 * runtime.sendMessage reaches only our extension's frames (never the sender's own), never a content script or a web
 * page (those need tabs.sendMessage; Chrome's and MDN's runtime.sendMessage reference say so), and the reply goes to
 * the sender alone. The page is closed once the hash is back. Firefox (event page, which may import modules):
 * a real dynamic import of the built module.
 */
export const argon2idOutsideWorker: Argon2idHash = async (input) => {
  if (hasOffscreenApi()) return argon2idInOffscreenPage(input);
  if (typeof document !== 'undefined') {
    const module = (await import(/* @vite-ignore */ chrome.runtime.getURL(ARGON2ID_MODULE))) as { argon2idHash: Argon2idHash };
    return module.argon2idHash(input);
  }
  throw new Error('Argon2id needs an offscreen document or an event page');
};

function argon2idInOffscreenPage(input: Argon2idInput): Promise<Uint8Array> {
  const page = {
    path: ARGON2ID_PAGE,
    reasons: ['WORKERS' as chrome.offscreen.Reason],
    justification: 'Derive a vault key with Argon2id in a Web Worker, which a service worker cannot start',
  };
  return withOffscreenDocument(page, async () => {
    const { password, salt, memoryKiB, iterations, parallelism } = input;
    const message: Argon2idMessage = { keyfobOffscreen: 'argon2id', password, salt: bytesToBase64(salt), memoryKiB, iterations, parallelism };
    const reply = (await chrome.runtime.sendMessage(message)) as Argon2idReply | undefined;
    if (!reply) throw new Error('the key-derivation page did not answer');
    if ('error' in reply) throw new Error(reply.error);
    return base64ToBytes(reply.hash);
  });
}
