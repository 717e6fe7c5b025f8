// The key file check before each sync: a key file this browser saw replaced (after a master password change or a
// rotation) that the server puts back is written over and reported; another browser's new key file is accepted.
import { describe, expect, it } from 'vitest';
import { guardKeyFile, noteKeyFile, SUPERSEDED_KEPT, type KnownKeyFile } from '../../../../../extension/background/sync/engine/guard-key-file.ts';
import { KEY_BUNDLE_FILE } from '../../../../../extension/background/sync/key-bundle.ts';
import { sha256Hex } from '../../../../../src/shared/text-digest.ts';
import { FakeSyncBackend } from '../fake-sync-backend.ts';

const OLD = '{"format":1,"wrappedKey":"under the old password"}';
const NEW = '{"format":1,"wrappedKey":"under the new password"}';
const ELSEWHERE = '{"format":1,"wrappedKey":"rewrapped in another browser"}';

/** A folder whose key file this browser wrote as OLD, then replaced with NEW after a password change. */
async function afterPasswordChange(): Promise<{ backend: FakeSyncBackend; known: KnownKeyFile }> {
  const backend = new FakeSyncBackend();
  backend.put(KEY_BUNDLE_FILE, OLD);
  const first = (await guardKeyFile(backend, undefined)).known!;
  backend.put(KEY_BUNDLE_FILE, NEW);
  return { backend, known: await noteKeyFile(first, NEW) };
}

describe('guardKeyFile', () => {
  it('takes the folder\'s key file as the known one when this browser knew none, and writes nothing', async () => {
    const backend = new FakeSyncBackend();
    backend.put(KEY_BUNDLE_FILE, OLD);

    const check = await guardKeyFile(backend, undefined);

    expect(check).toEqual({ known: { text: OLD, superseded: [] }, replaced: false });
    expect(backend.writes).toEqual([]);
  });

  it('leaves the key file this browser wrote alone', async () => {
    const { backend, known } = await afterPasswordChange();

    expect(await guardKeyFile(backend, known)).toEqual({ known, replaced: false });
    expect(backend.writes).toEqual([]);
  });

  it('writes its own key file back over an older one the server put back after a password change, and reports it', async () => {
    const { backend, known } = await afterPasswordChange();
    const oldEtag = backend.put(KEY_BUNDLE_FILE, OLD);

    const check = await guardKeyFile(backend, known);

    expect(check.replaced).toBe(true);
    expect(check.known).toEqual(known);
    expect(backend.files.get(KEY_BUNDLE_FILE)!.data).toBe(NEW);
    expect(backend.writes).toEqual([{ name: KEY_BUNDLE_FILE, data: NEW, ifMatch: oldEtag }]);
    expect(await guardKeyFile(backend, check.known)).toEqual({ known, replaced: false });
  });

  it('accepts a key file it never saw (another browser\'s rewrap) and refuses the one it replaced coming back', async () => {
    const { backend, known } = await afterPasswordChange();
    backend.put(KEY_BUNDLE_FILE, ELSEWHERE);

    const accepted = await guardKeyFile(backend, known);
    backend.put(KEY_BUNDLE_FILE, NEW);
    const rolledBack = await guardKeyFile(backend, accepted.known);

    expect(accepted.replaced).toBe(false);
    expect(accepted.known!.text).toBe(ELSEWHERE);
    expect(accepted.known!.superseded).toEqual([await sha256Hex(OLD), await sha256Hex(NEW)]);
    expect(rolledBack.replaced).toBe(true);
    expect(backend.files.get(KEY_BUNDLE_FILE)!.data).toBe(ELSEWHERE);
  });

  it('does not write over a key file another writer put in while it checked', async () => {
    const { backend, known } = await afterPasswordChange();
    backend.put(KEY_BUNDLE_FILE, OLD);
    backend.beforeWrite = () => {
      backend.put(KEY_BUNDLE_FILE, ELSEWHERE);
    };

    const check = await guardKeyFile(backend, known);

    expect(check.replaced).toBe(true);
    expect(backend.files.get(KEY_BUNDLE_FILE)!.data).toBe(ELSEWHERE);
  });

  it('leaves a folder without a key file to the engine', async () => {
    const { backend, known } = await afterPasswordChange();
    backend.files.delete(KEY_BUNDLE_FILE);

    expect(await guardKeyFile(backend, known)).toEqual({ known, replaced: false });
    expect(backend.writes).toEqual([]);
  });

  it('remembers the last SUPERSEDED_KEPT replaced key files', async () => {
    let known: KnownKeyFile | undefined;
    for (let i = 0; i <= SUPERSEDED_KEPT + 2; i++) known = await noteKeyFile(known, `key file ${i}`);

    expect(known!.superseded).toHaveLength(SUPERSEDED_KEPT);
    expect(known!.superseded.at(-1)).toBe(await sha256Hex(`key file ${SUPERSEDED_KEPT + 1}`));
    expect(known!.superseded).not.toContain(await sha256Hex('key file 0'));
  });
});
