// A byte-for-byte copy of DATA_DIR (database, WAL, shared memory) taken from a running server after a full
// life cycle holds no secret, code, token or session id in any form, and an attacker running the app on it gets nothing.
import { createHmac, hkdfSync } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKeyDir } from '../../demo-server/config.ts';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { totpSecretAad } from '../../demo-server/security/secret-box.ts';
import { Browser } from './support/browser.ts';
import { confirmPassword, enableTwoFactor, passwordStep, recoveryCodesIn, register, totpAt } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
const copies: string[] = [];
beforeAll(async () => { server = await startServer(); });
afterAll(async () => {
  await server.close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function decodeBase32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/** Every way a code might be written down: as shown, without separators, lower case, in spaced groups. */
function spellings(code: string): string[] {
  const bare = code.replace(/[-\s]/g, '');
  const grouped = bare.match(/.{1,4}/g) ?? [bare];
  return [...new Set([code, bare, grouped.join(' '), grouped.join('-')].flatMap((s) => [s, s.toLowerCase()]))];
}

/** express-session's signed cookie value for a session id (cookie-signature: HMAC-SHA256, base64 without padding). */
function signedSid(sid: string, secret: string): string {
  return encodeURIComponent(`s:${sid}.${createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '')}`);
}

/** The app's session-cookie secret for the key in a key directory: what an attacker would also need, given to them here. */
function cookieSecretIn(keyDir: string): string {
  const key = Buffer.from(readFileSync(join(keyDir, 'secret.key'), 'utf8').trim(), 'hex');
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'keyfob-demo session cookie', 32)).toString('hex');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('a copy of DATA_DIR', () => {
  it('reveals no TOTP secret, recovery code, token or live session id, and signs nobody in; the real user carries on', async () => {
    // The life cycle: register, enable 2FA (codes shown), sign out, sign in with a recovery code (replacement shown),
    // create a personal access token, keep the session open.
    const { browser, email } = await register(server);
    const { secret, recoveryCodes } = await enableTwoFactor(server, browser);
    await browser.post('/logout');
    server.clock.advance(30_000);
    const b = await passwordStep(server, email);
    const signedIn = await b.follow(b.post('/two-factor-challenge', { recovery_code: recoveryCodes[0] as string }));
    const replacement = /data-testid="new-recovery-code">([^<]+)</.exec(signedIn.text)?.[1];
    expect(replacement, signedIn.text).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    await confirmPassword(b);
    await b.get('/settings');
    expect((await b.post('/user/api-tokens', { name: 'laptop' })).status).toBe(303);
    const token = /data-testid="new-api-token">([^<]+)</.exec((await b.get('/settings')).text)?.[1];
    expect(token).toMatch(/^kfp_/);
    const liveCookie = b.cookies.get('kf.sid') as string;
    const liveSid = /^s:([^.]+)\./.exec(decodeURIComponent(liveCookie))?.[1] as string;
    expect(liveSid).toBeTruthy();
    // A new show-once value waits in the session at copy time, unread.
    await b.get('/settings');
    const unread = await b.post('/user/api-tokens', { name: 'unread' });
    expect(unread.status).toBe(303);
    expect(unread.location).toBe('/settings#api-tokens');
    // Live one-time links sit in the outbox (the registration's verification link, a fresh password-reset link): mail
    // that has left the server, kept beside DATA_DIR rather than in it.
    const anon = new Browser(server.url);
    await anon.get('/forgot-password');
    expect((await anon.post('/forgot-password', { email })).status).toBe(200);
    const mailedTokens = [...readFileSync(join(server.mailDir, 'outbox.log'), 'utf8').matchAll(/[?&]token=([A-Za-z0-9_-]+)/g)].map((m) => m[1] as string);
    expect(mailedTokens.length).toBeGreaterThanOrEqual(2);

    // The copy, taken while the server runs (the WAL is live and not checkpointed).
    const copy = join(mkdtempSync(join(tmpdir(), 'kf-stolen-')), 'data');
    copies.push(join(copy, '..'));
    cpSync(server.dataDir, copy, { recursive: true });
    const files = filesUnder(copy);
    expect(files.map((f) => f.slice(copy.length + 1)).sort()).toEqual(expect.arrayContaining(['keyfob-demo.sqlite', 'keyfob-demo.sqlite-wal']));
    expect(files.some((f) => f.endsWith('secret.key'))).toBe(false);

    const needles: [string, Buffer][] = [
      ...spellings(secret).map((s): [string, Buffer] => [`totp secret ${s}`, Buffer.from(s)]),
      ['totp secret (raw bytes)', decodeBase32(secret)],
      ['totp secret (hex)', Buffer.from(decodeBase32(secret).toString('hex'))],
      ...[...recoveryCodes, replacement as string].flatMap((c) => spellings(c).map((s): [string, Buffer] => [`recovery code ${s}`, Buffer.from(s)])),
      [`token ${token}`, Buffer.from(token as string)],
      [`session id ${liveSid}`, Buffer.from(liveSid)],
      ...mailedTokens.map((t): [string, Buffer] => [`mailed link token ${t}`, Buffer.from(t)]),
    ];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const [what, needle] of needles) expect(bytes.includes(needle), `${what} in ${file}`).toBe(false);
    }

    // Every text column of every table of the copied database (WAL replayed by opening it).
    const stolen = new Database(join(copy, 'keyfob-demo.sqlite'));
    try {
      const tables = (stolen.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      for (const table of tables) {
        for (const row of stolen.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
          const text = Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v))).join('\n');
          for (const [what, needle] of needles) expect(text.includes(needle.toString('latin1')), `${what} in table ${table}`).toBe(false);
        }
      }
    } finally {
      stolen.close();
    }

    // The attacker runs the app on the copy with a key of their own (the real one is in KEY_DIR, not copied).
    const attacker = await startServer({}, { dataDir: copy });
    copies.push(defaultKeyDir(copy));
    try {
      const user = findUserByEmail(attacker.demo.ctx.db, email);
      expect(user?.totp_secret).toBeTruthy();
      expect(attacker.demo.ctx.box.open(user?.totp_secret as string, totpSecretAad(user?.id as number))).toBeNull();
      const rows = (attacker.demo.ctx.db.prepare('SELECT sid, sess FROM sessions').all() as { sid: string; sess: string }[]);
      expect(rows.length).toBeGreaterThan(0);
      // A page for signed-in users that shows nothing once, so the control below leaves the unread token waiting.
      const signedInOnly = '/user/confirm-password';
      const realSecret = cookieSecretIn(defaultKeyDir(server.dataDir));
      for (const row of rows) {
        // Each row's key as a cookie, signed by the attacker's app and (worst case) even with the real server's secret.
        for (const [target, secretForCookie] of [[attacker, cookieSecretIn(defaultKeyDir(copy))], [server, realSecret]] as const) {
          const probe = new Browser(target.url);
          probe.cookies.set('kf.sid', signedSid(row.sid, secretForCookie));
          const res = await probe.get(signedInOnly);
          expect(res.status).toBe(303);
          expect(res.location).toBe('/login');
        }
        // The unread token sealed in a row does not open with the attacker's key.
        const sealed = (JSON.parse(row.sess) as { showOnce?: Record<string, string> }).showOnce ?? {};
        for (const blob of Object.values(sealed)) expect(attacker.demo.ctx.box.open(blob, `show-once:apiToken:user:${user?.id}`)).toBeNull();
      }
      // Control: the same signing with the real secret and the real id does sign in, so the refusals above are the hashing.
      const control = new Browser(server.url);
      control.cookies.set('kf.sid', signedSid(liveSid, realSecret));
      expect((await control.get(signedInOnly)).status).toBe(200);
    } finally {
      await attacker.close();
    }

    // The real user: the open session still works and shows the unread token once; a new sign-in with a code works and
    // newly generated codes are shown.
    const settings = await b.get('/settings');
    expect(settings.status).toBe(200);
    expect(settings.text).toMatch(/data-testid="new-api-token">kfp_/);
    server.clock.advance(30_000);
    const again = await passwordStep(server, email);
    const done = await again.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(done.location).toBe('/settings');
    await confirmPassword(again, '/user/two-factor-recovery-codes');
    await again.get('/user/two-factor-recovery-codes');
    const fresh = await again.follow(again.post('/user/two-factor-recovery-codes'));
    expect(recoveryCodesIn(fresh.text)).toHaveLength(8);
  });
});
