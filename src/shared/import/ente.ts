// Ente Auth exports: plain text (otpauth links with a codeDisplay parameter) or Argon2id + XChaCha20-Poly1305 secretstream.
import { requireArgon2id, requirePassword, type ImportOptions } from './engines.ts';
import { EntrySink } from './entry.ts';
import { decodeBase64, utf8Decode } from './file-crypto.ts';
import { isRecord } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { checkArgon2Cost } from './kdf-limits.ts';
import { isLinkList, linksOf } from './otpauth-list.ts';
import { secretstreamPull } from './secretstream.ts';
import { ImportError, type ImportResult } from './types.ts';

const APP = 'Ente Auth';

function encryptedOf(json: unknown): Record<string, unknown> | null {
  return isRecord(json) && isRecord(json.kdfParams) && 'encryptedData' in json && 'encryptionNonce' in json ? json : null;
}

function isEntePlain(text: string | null): text is string {
  return isLinkList(text) && /[?&]codeDisplay=/i.test(text);
}

export const enteReader: FormatReader = {
  detect(input) {
    if (encryptedOf(input.json)) return { format: 'ente', app: APP, encrypted: true, entries: null };
    if (isEntePlain(input.text)) return { format: 'ente', app: APP, encrypted: false, entries: linksOf(input.text).length };
    return null;
  },

  async read(input, options) {
    const enc = encryptedOf(input.json);
    if (enc) return readPlain(await decrypt(enc, options), true, options);
    if (isEntePlain(input.text)) return readPlain(input.text, false, options);
    throw new ImportError('unrecognised-format', 'Not an Ente Auth export.');
  },
};

async function decrypt(file: Record<string, unknown>, options: ImportOptions): Promise<string> {
  if (file.version !== undefined && file.version !== 1) {
    throw new ImportError('unsupported-version', `Ente export version ${String(file.version).slice(0, 10)} is newer than Keyfob knows (1).`);
  }
  const kdf = file.kdfParams as Record<string, unknown>;
  // libsodium's crypto_pwhash: memLimit in bytes, opsLimit passes, one lane.
  if (!Number.isSafeInteger(kdf.memLimit) || (kdf.memLimit as number) % 1024 !== 0) {
    throw new ImportError('malformed-file', 'The Ente export\'s memory limit is not a whole number of KiB.');
  }
  const cost = checkArgon2Cost({ memoryKiB: (kdf.memLimit as number) / 1024, passes: kdf.opsLimit, parallelism: 1 });
  const salt = decodeBase64(kdf.salt, 'salt');
  const header = decodeBase64(file.encryptionNonce, 'nonce');
  const sealed = decodeBase64(file.encryptedData, 'data');
  if (salt.length !== 16 || header.length !== 24) throw new ImportError('malformed-file', 'The Ente export\'s salt or nonce has the wrong length.');
  const password = requirePassword(options);
  const argon2id = requireArgon2id(options.engines);
  options.onProgress?.('deriving-key');
  const key = await argon2id({ password, salt, memoryKiB: cost.memoryKiB, iterations: cost.passes, parallelism: 1 });
  options.onProgress?.('decrypting');
  const opened = secretstreamPull(key, header, sealed);
  key.fill(0);
  // One authenticated message under a password-derived key: a wrong password and altered data look the same.
  if (!opened) throw new ImportError('wrong-password', 'The password does not open this Ente export (or the file was altered).');
  const text = utf8Decode(opened.message);
  if (text === null) throw new ImportError('malformed-file', 'The decrypted Ente export is not text.');
  return text;
}

interface CodeDisplay { pinned?: unknown; trashed?: unknown; tags?: unknown; note?: unknown }

/** Ente's per-code extras travel as URL-encoded JSON in the link's codeDisplay parameter. */
function codeDisplayOf(link: string): CodeDisplay {
  const raw = /[?&]codeDisplay=([^&#]*)/i.exec(link)?.[1];
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(decodeURIComponent(raw));
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

function readPlain(text: string, encrypted: boolean, options: ImportOptions): ImportResult {
  options.onProgress?.('reading-entries');
  const sink = new EntrySink();
  for (const link of linksOf(text)) {
    const display = codeDisplayOf(link);
    // Ente's export keeps the codes the user deleted (its trash); bringing them back would undo that choice.
    if (display.trashed === true) {
      sink.skipUri(link, { code: 'in-trash' }, 'This code is in Ente\'s trash.');
      continue;
    }
    sink.addUri(link, {
      favorite: display.pinned,
      groups: Array.isArray(display.tags) ? display.tags : [],
      note: display.note,
    });
  }
  return { format: 'ente', app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
}


