// Before a sync: the folder's key file against the one this browser last wrote or accepted. A master password change
// rewraps the key file but keeps the data key, so an older key file a server kept and puts back lets a browser join
// with the OLD password. A file this browser saw replaced coming back is that rollback: written over and reported.
import { sha256Hex } from '../../../../src/shared/text-digest.ts';
import type { SyncBackend } from '../backend.ts';
import { KEY_BUNDLE_FILE } from '../key-bundle.ts';

/** This browser's knowledge of the key file, kept in its sync settings: nothing in it is secret in clear. */
export interface KnownKeyFile {
  /** The key file's text as this browser last wrote or accepted it (wrapped under master password + kit). */
  text: string;
  /** SHA-256 (hex) of the key files this browser saw replaced, newest last: none of them comes back honestly. */
  superseded: string[];
}

/** Replaced key files remembered; each password change or rotation adds one, so this covers years of them. */
export const SUPERSEDED_KEPT = 16;

export interface KeyFileCheck {
  /** Undefined only while neither this browser nor the folder has a key file to know. */
  known: KnownKeyFile | undefined;
  /** The folder showed a key file this browser saw replaced; its own copy was written back (on that file's version). */
  replaced: boolean;
}

/** The knowledge after `text` became the folder's key file (written here, or another browser's rewrap accepted). */
export async function noteKeyFile(known: KnownKeyFile | undefined, text: string): Promise<KnownKeyFile> {
  if (!known) return { text, superseded: [] };
  if (known.text === text) return known;
  const previous = await sha256Hex(known.text);
  const superseded = [...known.superseded.filter((d) => d !== previous), previous].slice(-SUPERSEDED_KEPT);
  return { text, superseded };
}

/**
 * Call only when this browser has no rewrapped key file waiting to be sent (sync-config.ts pendingKeyFile). A key
 * file never seen here is another browser's rewrap (every wrap has a fresh salt): accepted. Without `known` (settings
 * from before this check), the folder's file is taken as the one this browser knows. No key file: the engine says so.
 */
export async function guardKeyFile(backend: SyncBackend, known: KnownKeyFile | undefined): Promise<KeyFileCheck> {
  const [file] = await backend.read([KEY_BUNDLE_FILE]);
  if (!file) return { known, replaced: false };
  if (!known) return { known: { text: file.data, superseded: [] }, replaced: false };
  if (file.data === known.text) return { known, replaced: false };
  if (!known.superseded.includes(await sha256Hex(file.data))) return { known: await noteKeyFile(known, file.data), replaced: false };
  // A conflict means another writer replaced it meanwhile: that file is judged at the next sync, like any other.
  await backend.write([{ name: KEY_BUNDLE_FILE, data: known.text, ifMatch: file.etag }]);
  return { known, replaced: true };
}
