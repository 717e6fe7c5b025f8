// Without SECRET_KEY the generated key lives in KEY_DIR, never in DATA_DIR: an old install's key file is moved out on
// start and still opens its data; a KEY_DIR inside DATA_DIR, or two different key files, stop the start.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../demo-server/security/secret-box.ts';
import { startServer } from './support/server.ts';

const roots: string[] = [];
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

function freshRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'kf-key-dir-'));
  roots.push(root);
  return root;
}

describe('KEY_DIR', () => {
  it("moves an old install's DATA_DIR/secret.key to KEY_DIR on start, says so, and still opens what it sealed", async () => {
    const root = freshRoot();
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    const oldKey = randomBytes(32);
    writeFileSync(join(dataDir, 'secret.key'), `${oldKey.toString('hex')}\n`, { mode: 0o644 });
    const sealedBefore = createSecretBox(oldKey).seal('JBSWY3DPEHPK3PXP', 'totp-secret:user:1');
    const server = await startServer({}, { dataDir });
    try {
      const keyFile = join(`${dataDir}-keys`, 'secret.key');
      expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
      expect(readFileSync(keyFile, 'utf8').trim()).toBe(oldKey.toString('hex'));
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(`${dataDir}-keys`).mode & 0o777).toBe(0o700);
      expect(server.logs.some((l) => l.includes('moved the secrets key') && l.includes(keyFile))).toBe(true);
      expect(server.demo.ctx.box.open(sealedBefore, 'totp-secret:user:1')).toBe('JBSWY3DPEHPK3PXP');
    } finally {
      await server.close();
    }
  });

  it('refuses to start with KEY_DIR inside DATA_DIR, or with two different key files', async () => {
    const root = freshRoot();
    const dataDir = join(root, 'data');
    await expect(startServer({ keyDir: join(dataDir, 'keys') }, { dataDir })).rejects.toThrow(/must not be DATA_DIR or inside it/);
    await expect(startServer({ keyDir: dataDir }, { dataDir })).rejects.toThrow(/must not be DATA_DIR or inside it/);
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(`${dataDir}-keys`, { recursive: true });
    writeFileSync(join(dataDir, 'secret.key'), randomBytes(32).toString('hex'));
    writeFileSync(join(`${dataDir}-keys`, 'secret.key'), randomBytes(32).toString('hex'));
    await expect(startServer({}, { dataDir })).rejects.toThrow(/Two different keys/);
  });
});
