// Issue 21: the sync server chooses the `key` file a joining browser derives from. A hostile server that raises its
// PBKDF2 iterations to 10,000,000 (inside the general KDF bounds, far above what Keyfob writes) is refused before any
// derivation, with the right master password and kit, the cap a backup file gets; the real key file still joins.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebdavServer, type WebdavServer } from '../../support/webdav-server.ts';
import { sendFromExtensionPage } from '../harness.ts';
import { callFromPage, MASTER } from '../popup-driver.ts';
import { accounts, twoBrowsers, type TwoBrowsers } from '../sync-setup.ts';

const USER = 'alice';
const APP_PASSWORD = 'app-password-hostile-key';

describe('a sync key file whose key derivation would stall the joining browser', () => {
  let dav: WebdavServer;
  let browsers: TwoBrowsers;

  beforeAll(async () => {
    dav = await startWebdavServer({ user: USER, password: APP_PASSWORD });
    browsers = await twoBrowsers();
  }, 120_000);
  afterAll(async () => {
    await browsers?.close();
    await dav?.close();
  });

  it('is refused with the right password and kit, and the real key file then joins', async () => {
    const { pa, pb } = browsers;
    const target = { backend: 'webdav', webdav: { url: dav.url, username: USER, password: APP_PASSWORD } };
    const { kit } = await callFromPage<{ kit: string }>(pa, 'enableSync', { ...target, masterPassword: MASTER });
    const keyPath = join(dav.dir, 'keyfob', 'key');
    const real = readFileSync(keyPath, 'utf8');
    const hostile = JSON.parse(real) as { wrappedKey: { kdf: Record<string, unknown> } };
    expect(hostile.wrappedKey.kdf.name).toBe('PBKDF2-SHA256');
    hostile.wrappedKey.kdf = { ...hostile.wrappedKey.kdf, iterations: 10_000_000 };
    writeFileSync(keyPath, JSON.stringify(hostile));

    const refused = await sendFromExtensionPage(pb, 'joinSync', { ...target, masterPassword: MASTER, kit });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.message).toMatch(/too costly|twice what it writes/);
    expect(await callFromPage(pb, 'getStatus', {})).toMatchObject({ vault: 'none' });

    // The server gives the real file back: the same browser joins with the same password and kit.
    writeFileSync(keyPath, real);
    const joined = await sendFromExtensionPage(pb, 'joinSync', { ...target, masterPassword: MASTER, kit });
    expect(joined.ok).toBe(true);
    expect((await accounts(pb)).map((a) => a.issuer).sort()).toEqual(['Acme', 'Globex']);
  });
});
