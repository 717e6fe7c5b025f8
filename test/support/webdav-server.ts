// A real WebDAV server for tests and benches: Apache httpd with mod_dav on 127.0.0.1, Basic auth, data in a temp dir.
// Apache, not nginx's dav module or rclone: it answers If-Match / If-None-Match on PUT and DELETE with 412, which the
// sync backend's conflict detection relies on (as Nextcloud and ownCloud do).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebdavServer } from '../../scripts/ensure-webdav.mjs';

export interface WebdavServer {
  /** The collection a user would paste into Keyfob, with a trailing slash: `http://127.0.0.1:<port>/dav/`. */
  url: string;
  origin: string;
  /** The directory on disk behind `url` (files the backend writes appear under `<dir>/keyfob/`). */
  dir: string;
  /** Ends the server process; its port and data stay, for `start()`. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data, as when a server comes back after going down. */
  start(): Promise<void>;
  /** Stops it and removes its temp dir. */
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAll(): void {
  for (const child of running) child.kill('SIGTERM');
}

/**
 * A test that throws before its teardown, or a run stopped with Ctrl-C, must not leave httpd behind; SIGTERM makes
 * its parent process end its workers too. 'exit' does not fire on a signal that nobody handles, so for those we
 * end httpd and then re-raise the signal (only when no one else listens: a runner with its own handler exits itself).
 */
function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    if (process.listenerCount(signal) > 0) continue;
    process.once(signal, () => { killAll(); process.kill(process.pid, signal); });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Apache's htpasswd accepts `{SHA}` + base64(SHA-1) (weak, but this file guards a throwaway test server and Node
 * makes it without a bcrypt library); bcrypt and apr1-MD5 are what a real server should use.
 */
function htpasswdLine(user: string, password: string): string {
  return `${user}:{SHA}${createHash('sha1').update(password).digest('base64')}\n`;
}

/** When started as root, httpd's workers switch to an unprivileged user, which must own the data and lock dirs. */
function workerAccount(): { name: string; uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'));
  for (const name of ['www-data', 'apache', 'daemon', 'nobody']) {
    const row = passwd.find((r) => r[0] === name);
    if (row) return { name, uid: Number(row[2]), gid: Number(row[3]) };
  }
  throw new Error('webdav-server: running as root but found no unprivileged account for httpd workers');
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

function httpdConfig(o: { root: string; modules: string; port: number; account: { uid: number; gid: number } | null; digestEtags: boolean }): string {
  const load = (name: string, file: string): string => `LoadModule ${name} "${join(o.modules, file)}"`;
  return [
    `ServerRoot "${o.root}"`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${o.port}`,
    `PidFile "${join(o.root, 'httpd.pid')}"`,
    `ErrorLog "${join(o.root, 'error.log')}"`,
    'LogLevel warn',
    `DefaultRuntimeDir "${join(o.root, 'run')}"`,
    load('mpm_event_module', 'mod_mpm_event.so'),
    load('authn_core_module', 'mod_authn_core.so'),
    load('authz_core_module', 'mod_authz_core.so'),
    load('auth_basic_module', 'mod_auth_basic.so'),
    load('authn_file_module', 'mod_authn_file.so'),
    load('authz_user_module', 'mod_authz_user.so'),
    load('dav_module', 'mod_dav.so'),
    load('dav_fs_module', 'mod_dav_fs.so'),
    // Numeric ids (`#33`) need no group-name lookup; httpd ignores User/Group when not started as root.
    ...(o.account ? [`User "#${o.account.uid}"`, `Group "#${o.account.gid}"`] : []),
    // One process with enough threads for the backend's parallel reads; a test server needs no more.
    'StartServers 1', 'ServerLimit 1', 'ThreadsPerChild 32', 'MaxRequestWorkers 32', 'MinSpareThreads 1', 'MaxSpareThreads 32',
    'Timeout 10', 'KeepAlive On', 'MaxKeepAliveRequests 0',
    `DavLockDB "${join(o.root, 'run', 'davlock')}"`,
    // Apache's default ETag (size + mtime) is weak for a second after each change, and If-Match never matches a
    // weak ETag, so writes to a file changed in the last second would always 412. A content digest is strong at once.
    ...(o.digestEtags ? ['FileETag Digest'] : []),
    `DocumentRoot "${join(o.root, 'www')}"`,
    '<Directory />', '  AllowOverride None', '  Require all denied', '</Directory>',
    `<Directory "${join(o.root, 'www')}">`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "keyfob test"',
    '  AuthBasicProvider file',
    `  AuthUserFile "${join(o.root, 'htpasswd')}"`,
    '  Require valid-user',
    '</Directory>',
    '',
  ].join('\n');
}

export interface WebdavServerOptions {
  user: string;
  password: string;
  /** false: Apache's default size+mtime ETags, weak for a second after each change (what an untuned server sends). */
  digestEtags?: boolean;
}

export async function startWebdavServer({ user, password, digestEtags = true }: WebdavServerOptions): Promise<WebdavServer> {
  const install = ensureWebdavServer();
  if (!install) throw new Error('webdav-server: Apache httpd with mod_dav is not installed (Debian: apt-get install apache2)');
  const root = mkdtempSync(join(tmpdir(), 'kf-webdav-'));
  const dir = join(root, 'www', 'dav');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(root, 'run'));
  writeFileSync(join(root, 'htpasswd'), htpasswdLine(user, password));
  const port = await freePort();
  const account = workerAccount();
  writeFileSync(join(root, 'httpd.conf'), httpdConfig({ root, modules: install.modules, port, account, digestEtags }));
  if (account) chownTree(root, account.uid, account.gid);
  killAllOnExit();

  let child: ChildProcess | null = null;
  const origin = `http://127.0.0.1:${port}`;

  async function start(): Promise<void> {
    if (child) return;
    const stderr: string[] = [];
    const proc = spawn(install!.binary, ['-f', join(root, 'httpd.conf'), '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr?.on('data', (b: Buffer) => stderr.push(b.toString()));
    running.add(proc);
    proc.once('exit', () => { running.delete(proc); if (child === proc) child = null; });
    child = proc;
    const deadline = Date.now() + 15_000;
    while (!(await portAnswers(port))) {
      if (proc.exitCode !== null || proc.signalCode !== null || Date.now() > deadline) {
        proc.kill('SIGTERM');
        const log = existsSync(join(root, 'error.log')) ? readFileSync(join(root, 'error.log'), 'utf8') : '';
        throw new Error(`webdav-server: httpd did not start on ${origin}: ${stderr.join('')}${log}`.trim());
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return;
    child = null;
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
  }

  await start();
  return {
    url: `${origin}/dav/`,
    origin,
    dir,
    stop,
    start,
    async close() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
