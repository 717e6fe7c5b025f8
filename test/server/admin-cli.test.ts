// `npm run admin -- grant|revoke <email>` on the server's real SQLite file, run as its own process while the server runs.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFor } from '../../demo-server/db/audit.ts';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { outbox, register, uniqueEmail, verifyEmail } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

interface Run { code: number; stdout: string; stderr: string }

/** The command as an operator runs it: its own Node process, DATA_DIR from the environment, no ADMIN_EMAILS. */
function admin(args: string[], dataDir = server.dataDir): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'demo-server/cli/admin.ts', ...args], {
      cwd: root, env: { PATH: process.env.PATH, DATA_DIR: dataDir }, timeout: 60_000,
    }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

function actionsOf(email: string): string[] {
  const user = findUserByEmail(server.demo.ctx.db, email);
  return auditFor(server.demo.ctx.db, user?.id ?? 0).map((e) => e.action);
}

describe('npm run admin', () => {
  it('grants an unlisted user admin rights and revokes them, each seen by the live session at its next request', async () => {
    const email = uniqueEmail('operator-pick');
    const { browser } = await register(server, email);
    expect((await browser.get('/admin/users')).status).toBe(403);

    const granted = await admin(['grant', email.toUpperCase()]);
    expect(granted, granted.stderr).toMatchObject({ code: 0 });
    expect(granted.stdout).toContain(`granted: ${email}`);
    expect((await browser.get('/admin/users')).status).toBe(200);
    expect((await admin(['grant', email])).stdout).toContain('unchanged');

    const revoked = await admin(['revoke', email]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked: ${email}`);
    expect((await browser.get('/admin/users')).status).toBe(403);
    expect(actionsOf(email).filter((a) => a.startsWith('admin.'))).toEqual(['admin.revoked', 'admin.granted']);
    expect(outbox(server).filter((m) => m.to === email).map((m) => m.kind)).toEqual(expect.arrayContaining(['admin_granted', 'admin_revoked']));
  });

  it('revokes a verified address listed in ADMIN_EMAILS (revoke wins over the list) until granted again', async () => {
    const { browser } = await register(server, 'admin@example.test', 'Admin');
    await verifyEmail(server, 'admin@example.test', browser);
    expect((await browser.get('/admin/users')).status).toBe(200);
    expect((await admin(['revoke', 'admin@example.test'])).code).toBe(0);
    expect((await browser.get('/admin/users')).status).toBe(403);
    expect((await admin(['grant', 'admin@example.test'])).code).toBe(0);
    expect((await browser.get('/admin/users')).status).toBe(200);
  });

  it('exits non-zero with a clear message for an unknown e-mail, a bad command, or a DATA_DIR without a database', async () => {
    const unknown = await admin(['grant', 'nobody-here@example.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no account with the e-mail nobody-here@example.test');
    const usage = await admin(['promote', 'admin@example.test']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run admin -- grant <email> | revoke <email>');
    const empty = mkdtempSync(join(tmpdir(), 'kf-admin-empty-'));
    const noDb = await admin(['grant', 'admin@example.test'], empty);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain(`no demo database in ${empty}`);
    rmSync(empty, { recursive: true, force: true });
  });
});
