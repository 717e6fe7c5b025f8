// The WebDAV sync backend: one file per sealed record plus the manifest, in a `keyfob/` folder under the user's URL
// (Nextcloud, ownCloud, Apache mod_dav…), with the server's ETags as versions and If-Match / If-None-Match so that two
// browsers writing the same file never overwrite each other silently.
import { SyncBackendError, type FileWrite, type RemoteBlob, type RemoteFile, type SyncBackend, type WriteOutcome } from './backend.ts';
import { parseMultistatus, PROPFIND_ETAGS } from './webdav-propfind.ts';
import { checkWebdavUrl } from './webdav-url.ts';

export interface WebdavBackendOptions {
  /** The collection the user pasted (e.g. Nextcloud's …/remote.php/dav/files/<user>/); checked by checkWebdavUrl. */
  url: string;
  username: string;
  /** An app password, not the account's main password (Nextcloud and ownCloud issue them per device). */
  password: string;
  /** Tests and benches pass Node's; the worker uses its own. */
  fetch?: typeof fetch;
  /** Requests in flight at once for read and write (browsers allow 6 per host over HTTP/1.1). */
  concurrency?: number;
  /** A request that has not answered in this long counts as offline. */
  timeoutMs?: number;
  /**
   * Whether the browser lets Keyfob reach the server's origin (`permissions.contains`, the permission being optional
   * and granted at run time). Without it the browser's fetch fails just like an unreachable server does, so it is
   * asked first, before each call's requests, and a missing grant is 'forbidden', not 'offline'.
   */
  hasHostPermission?: (origin: string) => Promise<boolean>;
  /** Each answer's Date header with when the request left and the answer came (the clock check, clock-state.ts). */
  onServerDate?: (sentAt: number, receivedAt: number, date: string | null) => void;
}

const FOLDER = 'keyfob/';
/** Our own file names only: never a path, never `.` or `..`, so a name cannot reach outside the folder. */
const FILE_NAME = /^(?!\.+$)[A-Za-z0-9._-]{1,128}$/;

export function isValidSyncFileName(name: string): boolean {
  return FILE_NAME.test(name);
}

function basicAuth(username: string, password: string): string {
  // btoa takes Latin-1 only: encode as UTF-8 bytes first, as servers expect (RFC 7617's charset="UTF-8").
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

function failureFor(status: number, what: string): SyncBackendError {
  if (status === 401) return new SyncBackendError('unauthorized', `${what}: the server refused the user name or app password (401)`);
  if (status === 403) return new SyncBackendError('forbidden', `${what}: the server forbids this (403)`);
  if (status === 507) return new SyncBackendError('quota', `${what}: the server is out of space (507)`);
  if (status === 0 || (status >= 300 && status < 400)) {
    return new SyncBackendError('server', `${what}: the server redirected elsewhere; enter the final WebDAV address`);
  }
  return new SyncBackendError('server', `${what}: unexpected answer HTTP ${status}`);
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the items' order; the first error rejects. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  async function worker(): Promise<void> {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await task(items[i] as T);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function createWebdavBackend(options: WebdavBackendOptions): SyncBackend {
  const checked = checkWebdavUrl(options.url);
  if (!checked.ok) throw new SyncBackendError('server', `not a usable WebDAV address (${checked.reason})`);
  if (options.username.includes(':')) throw new SyncBackendError('unauthorized', 'a user name cannot contain ":" (Basic authentication)');
  const folder = new URL(FOLDER, checked.url);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const authorization = basicAuth(options.username, options.password);
  const concurrency = options.concurrency ?? 6;
  const timeoutMs = options.timeoutMs ?? 30_000;

  function fileUrl(name: string): URL {
    if (!isValidSyncFileName(name)) throw new SyncBackendError('server', `refused file name ${JSON.stringify(name)}`);
    return new URL(encodeURIComponent(name), folder);
  }

  async function request(method: string, url: URL, headers: Record<string, string> = {}, body?: string): Promise<Response> {
    const sentAt = Date.now();
    try {
      const res = await doFetch(url, {
        method,
        headers: { Authorization: authorization, ...headers },
        body,
        // The server's session cookies would make Nextcloud demand a CSRF token; the app password is the credential.
        credentials: 'omit',
        // A cached GET or PROPFIND would hand back an old version with an old ETag.
        cache: 'no-store',
        // Following a redirect with Basic auth would send the password wherever the server points.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      options.onServerDate?.(sentAt, Date.now(), res.headers.get('date'));
      return res;
    } catch (e) {
      // fetch rejects (TypeError, or the timeout's abort) only when no HTTP answer came: refused, reset, DNS, timeout.
      throw new SyncBackendError('offline', `${method} ${url.pathname}: the server cannot be reached (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  /** Whether keyfob/ is there now, as a collection (a PROPFIND of the folder alone). */
  async function folderExists(): Promise<boolean> {
    const res = await request('PROPFIND', folder, { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' }, PROPFIND_ETAGS);
    if (res.status !== 207) {
      await res.body?.cancel();
      return false;
    }
    try {
      return parseMultistatus(await res.text()).some((e) => e.collection);
    } catch {
      return false;
    }
  }

  async function createFolder(): Promise<void> {
    const res = await request('MKCOL', folder);
    await res.body?.cancel();
    // 405: it exists already (another browser made it between our look and our MKCOL).
    if (res.status === 201 || res.status === 405) return;
    // mod_dav_fs checks for the folder, then makes it: when another MKCOL lands in between, mkdir meets EEXIST and
    // the answer is 403. Only a folder that is really there turns that refusal into success.
    if (res.status === 403 && (await folderExists())) return;
    throw failureFor(res.status, 'MKCOL keyfob/');
  }

  /**
   * The parallel PUTs of a first write all meet the missing folder. One MKCOL serves them all: those whose 409 comes
   * while it runs wait for it, and those sent before it finished (`sentAt`, a request count) find it made and only
   * retry. A PUT sent after it finished that still meets 409 (someone removed the folder) makes it again.
   */
  let requestCount = 0;
  let madeAt = -1;
  let making: Promise<void> | null = null;
  function makeFolder(sentAt: number): Promise<void> {
    if (sentAt < madeAt) return Promise.resolve();
    making ??= createFolder().then(() => { madeAt = ++requestCount; }).finally(() => { making = null; });
    return making;
  }

  /** The file name a multistatus href names inside our folder, or null for the folder itself and anything else. */
  function nameOf(href: string): string | null {
    let url: URL;
    try {
      url = new URL(href, folder);
    } catch {
      return null;
    }
    if (url.origin !== folder.origin || !url.pathname.startsWith(folder.pathname)) return null;
    const rest = url.pathname.slice(folder.pathname.length);
    if (rest === '' || rest.includes('/')) return null;
    let name: string;
    try {
      name = decodeURIComponent(rest);
    } catch {
      return null;
    }
    return isValidSyncFileName(name) ? name : null;
  }

  async function checkPermission(): Promise<void> {
    if (options.hasHostPermission && !(await options.hasHostPermission(folder.origin))) {
      throw new SyncBackendError('forbidden', `Keyfob has no permission to reach ${folder.origin}`);
    }
  }

  async function list(): Promise<RemoteFile[]> {
    await checkPermission();
    const sentAt = ++requestCount;
    const res = await request('PROPFIND', folder, { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, PROPFIND_ETAGS);
    if (res.status === 404) {
      await res.body?.cancel();
      await makeFolder(sentAt);
      return [];
    }
    if (res.status !== 207) {
      await res.body?.cancel();
      throw failureFor(res.status, 'PROPFIND keyfob/');
    }
    let entries;
    try {
      entries = parseMultistatus(await res.text());
    } catch (e) {
      throw new SyncBackendError('server', `PROPFIND keyfob/: the answer is not WebDAV (${e instanceof Error ? e.message : String(e)})`);
    }
    const files: RemoteFile[] = [];
    for (const entry of entries) {
      if (entry.collection) continue;
      const name = nameOf(entry.href);
      // Files we would never write (a client's .DS_Store, a "notes (1).txt") are not ours to sync: leave them alone.
      if (name === null) continue;
      if (!entry.etag) throw new SyncBackendError('server', `PROPFIND keyfob/: no ETag for ${name}; the server cannot detect conflicts`);
      files.push({ name, etag: entry.etag });
    }
    return files;
  }

  async function readOne(name: string): Promise<RemoteBlob | null> {
    const res = await request('GET', fileUrl(name));
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw failureFor(res.status, `GET ${name}`);
    }
    const etag = res.headers.get('ETag');
    const data = await res.text();
    if (!etag) throw new SyncBackendError('server', `GET ${name}: no ETag; the server cannot detect conflicts`);
    return { name, etag, data };
  }

  async function read(names: string[]): Promise<RemoteBlob[]> {
    for (const name of names) fileUrl(name);
    await checkPermission();
    const blobs = await mapLimited(names, concurrency, readOne);
    return blobs.filter((b): b is RemoteBlob => b !== null);
  }

  /**
   * Apache's mod_dav answers a PUT without an ETag. A HEAD afterwards could return a later writer's ETag, which we
   * would then take for ours and overwrite their change unmerged; a GET compared with what we wrote cannot: the same
   * bytes mean the ETag is ours (or of identical content), other bytes mean someone wrote after us, a conflict.
   * It also catches most of a server's own race: mod_dav checks If-Match / If-None-Match and then writes without a
   * lock, so two simultaneous conditional PUTs of one file can both succeed (44 of 200 trials of 8 at once here;
   * 5 of 200 still reported two writers ok after this read-back). The one whose bytes were replaced finds out at its
   * next sync, when the listed ETag differs from the one it keeps, and merges then.
   */
  async function etagAfterPut(name: string, data: string): Promise<WriteOutcome> {
    const now = await readOne(name);
    if (now && now.data === data) return { name, ok: true, etag: now.etag };
    return { name, ok: false, conflict: true };
  }

  async function putOne(w: FileWrite & { data: string }, retried = false): Promise<WriteOutcome> {
    const condition: Record<string, string> = w.ifMatch === null ? { 'If-None-Match': '*' } : { 'If-Match': w.ifMatch };
    const sentAt = ++requestCount;
    const res = await request('PUT', fileUrl(w.name), { 'Content-Type': 'application/json', ...condition }, w.data);
    await res.body?.cancel();
    if (res.status === 412) return { name: w.name, ok: false, conflict: true };
    // 409: the folder is missing (first write to an empty account, or someone removed it): make it, try once more.
    if (res.status === 409 && !retried) {
      await makeFolder(sentAt);
      return putOne(w, true);
    }
    if (res.status !== 200 && res.status !== 201 && res.status !== 204) throw failureFor(res.status, `PUT ${w.name}`);
    const etag = res.headers.get('ETag');
    // A weak ETag never satisfies If-Match; read back the strong one (or learn that none is to be had).
    if (etag && !etag.startsWith('W/')) return { name: w.name, ok: true, etag };
    return etagAfterPut(w.name, w.data);
  }

  async function deleteOne(w: FileWrite): Promise<WriteOutcome> {
    // Deleting "a file that must not exist" is a no-op when it is absent and a conflict when someone created it.
    const condition: Record<string, string> = w.ifMatch === null ? { 'If-None-Match': '*' } : { 'If-Match': w.ifMatch };
    const res = await request('DELETE', fileUrl(w.name), condition);
    await res.body?.cancel();
    if (res.status === 200 || res.status === 204) return { name: w.name, ok: true, etag: null };
    if (res.status === 404) {
      return w.ifMatch === null ? { name: w.name, ok: true, etag: null } : { name: w.name, ok: false, conflict: true };
    }
    if (res.status === 412) return { name: w.name, ok: false, conflict: true };
    throw failureFor(res.status, `DELETE ${w.name}`);
  }

  async function write(writes: FileWrite[]): Promise<WriteOutcome[]> {
    for (const w of writes) fileUrl(w.name);
    await checkPermission();
    return mapLimited(writes, concurrency, (w) => (w.data === null ? deleteOne(w) : putOne({ ...w, data: w.data })));
  }

  return { kind: 'webdav', list, read, write };
}
