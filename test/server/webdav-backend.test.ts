// The WebDAV sync backend against a real Apache mod_dav on loopback: round trips, conditional writes, failures by
// cause (wrong password, server down and back), hostile file names, and bytes changed on the server's disk.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncBackendError, type SyncBackend } from '../../extension/background/sync/backend.ts';
import { createWebdavBackend } from '../../extension/background/sync/webdav-backend.ts';
import { parseMultistatus, PROPFIND_ETAGS } from '../../extension/background/sync/webdav-propfind.ts';
import { startWebdavServer, type WebdavServer } from '../support/webdav-server.ts';

const user = 'alice';
const password = 'app-password-1 ünïcode';
let server: WebdavServer;
let n = 0;

/** Each test works in its own sub-collection of the server, so tests never see each other's files. */
function backend(overrides: { password?: string; fetch?: typeof fetch } = {}): { sync: SyncBackend; url: string; folder: string } {
  const sub = `t${++n}/`;
  const url = `${server.url}${sub}`;
  return { sync: createWebdavBackend({ url, username: user, password, ...overrides }), url, folder: join(server.dir, sub, 'keyfob') };
}

async function mkcol(url: string): Promise<void> {
  const res = await fetch(url, { method: 'MKCOL', headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  expect(res.status).toBe(201);
}

async function failureOf(work: Promise<unknown>): Promise<SyncBackendError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SyncBackendError);
  return error as SyncBackendError;
}

beforeAll(async () => { server = await startWebdavServer({ user, password }); });
afterAll(async () => { await server?.close(); });

describe('WebDAV backend against Apache mod_dav', () => {
  it('creates its folder, writes 100 files and lists and reads back exactly those bytes with the ETags it was given', async () => {
    const { sync, url } = backend();
    await mkcol(url);
    expect(await sync.list()).toEqual([]);
    const files = Array.from({ length: 100 }, (_, i) => ({ name: `r-${i}.json`, data: JSON.stringify({ iv: `iv${i}`, ct: 'x'.repeat(i * 7) }) }));
    const written = await sync.write(files.map((f) => ({ ...f, ifMatch: null })));
    expect(written.every((w) => w.ok && typeof w.etag === 'string' && !w.etag.startsWith('W/'))).toBe(true);

    const listed = await sync.list();
    expect(listed.map((f) => f.name).sort()).toEqual(files.map((f) => f.name).sort());
    const etagOf = new Map(written.map((w) => [w.name, w.ok ? w.etag : null]));
    for (const f of listed) expect(f.etag).toBe(etagOf.get(f.name));

    const read = await sync.read(files.map((f) => f.name));
    expect(read).toEqual(files.map((f) => ({ ...f, etag: etagOf.get(f.name) })));
  });

  it('makes the folder itself when the user URL exists but keyfob/ does not, and tolerates it already being there', async () => {
    const { sync, url } = backend();
    await mkcol(url);
    // Writing first (no list) meets a missing folder: the PUT gets 409 and the backend makes it.
    expect(await sync.write([{ name: 'manifest', data: '{}', ifMatch: null }])).toMatchObject([{ ok: true }]);
    const again = createWebdavBackend({ url, username: user, password });
    expect((await again.list()).map((f) => f.name)).toEqual(['manifest']);
  });

  it('makes the missing folder with one MKCOL when a first write of 20 files all meet it missing, every time', async () => {
    // Each PUT of the batch gets 409 at once; one MKCOL per PUT raced inside mod_dav and failed about 1 run in 15.
    for (let round = 0; round < 10; round++) {
      const methods: string[] = [];
      const spy: typeof fetch = (input, init) => { methods.push(init?.method ?? 'GET'); return fetch(input, init); };
      const { sync, url } = backend({ fetch: spy });
      await mkcol(url);
      const files = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: `round ${round} file ${i}`, ifMatch: null }));
      expect((await sync.write(files)).every((w) => w.ok)).toBe(true);
      expect(methods.filter((m) => m === 'MKCOL')).toHaveLength(1);
      expect((await sync.read(files.map((f) => f.name))).map((b) => b.data)).toEqual(files.map((f) => f.data));
    }
  });

  it('takes a 403 to its MKCOL for success only when the folder is there (mod_dav\'s answer when another browser made it first)', async () => {
    const auth = { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
    // Another browser's MKCOL lands between mod_dav's look and its mkdir: the folder exists, the answer is 403.
    const raced: typeof fetch = async (input, init) => {
      if (init?.method !== 'MKCOL') return fetch(input, init);
      await fetch(input, { method: 'MKCOL', headers: auth });
      return new Response(null, { status: 403 });
    };
    const { sync, url } = backend({ fetch: raced });
    await mkcol(url);
    expect(await sync.write([{ name: 'a', data: 'mine', ifMatch: null }])).toMatchObject([{ name: 'a', ok: true }]);
    expect((await sync.read(['a']))[0]?.data).toBe('mine');

    // A server that really forbids making the folder still says so, and nothing was made.
    const refused: typeof fetch = async (input, init) => (init?.method === 'MKCOL' ? new Response(null, { status: 403 }) : fetch(input, init));
    const other = backend({ fetch: refused });
    await mkcol(other.url);
    expect((await failureOf(other.sync.write([{ name: 'a', data: 'x', ifMatch: null }]))).code).toBe('forbidden');
    expect((await failureOf(other.sync.list())).code).toBe('forbidden');
  });

  it('two browsers making the folder at the same moment both get their files in', async () => {
    for (let round = 0; round < 10; round++) {
      const { url } = backend();
      await mkcol(url);
      const [a, b] = [createWebdavBackend({ url, username: user, password }), createWebdavBackend({ url, username: user, password })];
      const [wa, wb] = await Promise.all([
        a.write(Array.from({ length: 6 }, (_, i) => ({ name: `a${i}`, data: `a${i}`, ifMatch: null }))),
        b.write(Array.from({ length: 6 }, (_, i) => ({ name: `b${i}`, data: `b${i}`, ifMatch: null }))),
      ]);
      expect([...wa, ...wb].every((w) => w.ok)).toBe(true);
      expect((await a.list()).map((f) => f.name).sort()).toEqual([...wa, ...wb].map((w) => w.name).sort());
    }
  });

  it('refuses a write on a stale ETag, a create over an existing file and a delete on a stale ETag, and lets the current version through', async () => {
    const { sync, url } = backend();
    await mkcol(url);
    const [first] = await sync.write([{ name: 'a', data: 'v1', ifMatch: null }]);
    if (!first?.ok || !first.etag) throw new Error('first write failed');
    const [second] = await sync.write([{ name: 'a', data: 'v2', ifMatch: first.etag }]);
    if (!second?.ok || !second.etag) throw new Error('second write failed');

    // Another browser still holding v1's ETag, or thinking the file is new, or deleting what it saw as v1: all refused.
    expect(await sync.write([
      { name: 'a', data: 'stale', ifMatch: first.etag },
      { name: 'a', data: 'as new', ifMatch: null },
    ])).toEqual([{ name: 'a', ok: false, conflict: true }, { name: 'a', ok: false, conflict: true }]);
    expect(await sync.write([{ name: 'a', data: null, ifMatch: first.etag }])).toEqual([{ name: 'a', ok: false, conflict: true }]);
    expect(await sync.read(['a'])).toEqual([{ name: 'a', etag: second.etag, data: 'v2' }]);

    // The holder of the current ETag may write (within the same second: the server's ETags are strong at once) and delete.
    const [third] = await sync.write([{ name: 'a', data: 'v3', ifMatch: second.etag }]);
    if (!third?.ok || !third.etag) throw new Error('third write failed');
    expect(await sync.write([{ name: 'a', data: null, ifMatch: third.etag }])).toEqual([{ name: 'a', ok: true, etag: null }]);
    expect(await sync.list()).toEqual([]);
    expect(await sync.read(['a'])).toEqual([]);
  });

  it('treats a delete of a file that must not exist as done when it is absent and as a conflict when someone made it', async () => {
    const { sync, url } = backend();
    await mkcol(url);
    await sync.write([{ name: 'made', data: 'by another browser', ifMatch: null }]);
    expect(await sync.write([
      { name: 'absent', data: null, ifMatch: null },
      { name: 'made', data: null, ifMatch: null },
    ])).toEqual([{ name: 'absent', ok: true, etag: null }, { name: 'made', ok: false, conflict: true }]);
    expect((await sync.read(['made']))[0]?.data).toBe('by another browser');
  });

  it('goes on with the other writes when one of them conflicts', async () => {
    const { sync, url } = backend();
    await mkcol(url);
    await sync.write([{ name: 'taken', data: 'theirs', ifMatch: null }]);
    const out = await sync.write([
      { name: 'one', data: '1', ifMatch: null },
      { name: 'taken', data: 'mine', ifMatch: null },
      { name: 'two', data: '2', ifMatch: null },
    ]);
    expect(out.map((o) => [o.name, o.ok])).toEqual([['one', true], ['taken', false], ['two', true]]);
    expect((await sync.read(['taken']))[0]?.data).toBe('theirs');
  });

  it('says unauthorized for a wrong app password, and the right one still works', async () => {
    const { sync: wrong, url } = backend({ password: 'not the app password' });
    await mkcol(url);
    expect((await failureOf(wrong.list())).code).toBe('unauthorized');
    expect((await failureOf(wrong.write([{ name: 'x', data: 'x', ifMatch: null }]))).code).toBe('unauthorized');
    expect((await failureOf(wrong.read(['x']))).code).toBe('unauthorized');
    const right = createWebdavBackend({ url, username: user, password });
    expect(await right.list()).toEqual([]);
  });

  it('says offline while the server is down, and after it comes back the same backend carries on with nothing lost', async () => {
    const { sync, url } = backend();
    await mkcol(url);
    const before = await sync.write(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: `before ${i}`, ifMatch: null })));
    await server.stop();
    try {
      expect((await failureOf(sync.list())).code).toBe('offline');
      expect((await failureOf(sync.read(['f0']))).code).toBe('offline');
      expect((await failureOf(sync.write([{ name: 'f20', data: 'during', ifMatch: null }]))).code).toBe('offline');
    } finally {
      await server.start();
    }
    const listed = await sync.list();
    expect(listed.map((f) => f.name).sort()).toEqual(before.map((w) => w.name).sort());
    const read = await sync.read(listed.map((f) => f.name));
    expect(read.map((b) => b.data).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `before ${i}`).sort());
    expect(await sync.write([{ name: 'f20', data: 'after', ifMatch: null }])).toMatchObject([{ ok: true }]);
  });

  it('refuses file names that could leave the folder before sending any request', async () => {
    const requests: string[] = [];
    const spy: typeof fetch = (input, init) => { requests.push(`${init?.method ?? 'GET'} ${String(input)}`); return fetch(input, init); };
    const { sync, url } = backend({ fetch: spy });
    await mkcol(url);
    for (const name of ['../escape', 'a/b', '..', '.', '', 'a%2Fb', 'a b', 'a\\b', 'é']) {
      expect((await failureOf(sync.read([name]))).code).toBe('server');
      expect((await failureOf(sync.write([{ name, data: 'x', ifMatch: null }]))).code).toBe('server');
      // A bad name among good ones stops the whole call before its first request.
      expect((await failureOf(sync.write([{ name: 'fine', data: 'x', ifMatch: null }, { name, data: 'x', ifMatch: null }]))).code).toBe('server');
    }
    expect(requests).toEqual([]);
    // The legitimate path with the same spy still goes out.
    expect(await sync.write([{ name: 'fine', data: 'x', ifMatch: null }])).toMatchObject([{ ok: true }]);
    expect(requests.length).toBeGreaterThan(0);
  });

  it('returns exactly the bytes on the server, even when they were changed behind its back (detecting that is the engine\'s job)', async () => {
    const { sync, url, folder } = backend();
    await mkcol(url);
    const [w] = await sync.write([{ name: 'rec', data: '{"iv":"AAAA","ct":"BBBB"}', ifMatch: null }]);
    const tampered = '{"iv":"AAAA","ct":"BBBX"}';
    writeFileSync(join(folder, 'rec'), tampered);
    const [got] = await sync.read(['rec']);
    expect(got?.data).toBe(tampered);
    expect(readFileSync(join(folder, 'rec'), 'utf8')).toBe(tampered);
    // The changed bytes have a new version, so a write based on the old one is a conflict, not a silent overwrite.
    expect(got?.etag).not.toBe(w?.ok ? w.etag : undefined);
    expect(await sync.write([{ name: 'rec', data: 'mine', ifMatch: w?.ok ? w.etag : 'x' }])).toEqual([{ name: 'rec', ok: false, conflict: true }]);
  });

  it('reads the real server\'s PROPFIND answer: the folder, its files and the files\' strong ETags', async () => {
    const { sync, url } = backend();
    await mkcol(url);
    await sync.write([{ name: 'p1', data: 'one', ifMatch: null }, { name: 'p2', data: 'two', ifMatch: null }]);
    const res = await fetch(`${url}keyfob/`, {
      method: 'PROPFIND',
      headers: { Depth: '1', Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      body: PROPFIND_ETAGS,
    });
    expect(res.status).toBe(207);
    const entries = parseMultistatus(await res.text());
    const path = new URL(`${url}keyfob/`).pathname;
    expect(entries.map((e) => [e.href, e.collection])).toEqual(expect.arrayContaining([[path, true], [`${path}p1`, false], [`${path}p2`, false]]));
    expect(entries).toHaveLength(3);
    for (const e of entries.filter((x) => !x.collection)) expect(e.etag).toMatch(/^"[^"]+"$/);
  });

  it('says forbidden, sending nothing, while the browser has no permission for the server\'s origin, and works once granted', async () => {
    const requests: string[] = [];
    const spy: typeof fetch = (input, init) => { requests.push(String(input)); return fetch(input, init); };
    let granted = false;
    const asked: string[] = [];
    const { url } = backend();
    await mkcol(url);
    const sync = createWebdavBackend({ url, username: user, password, fetch: spy, hasHostPermission: async (origin) => { asked.push(origin); return granted; } });
    expect((await failureOf(sync.list())).code).toBe('forbidden');
    expect((await failureOf(sync.read(['a']))).code).toBe('forbidden');
    expect((await failureOf(sync.write([{ name: 'a', data: 'x', ifMatch: null }]))).code).toBe('forbidden');
    expect(requests).toEqual([]);
    expect(new Set(asked)).toEqual(new Set([server.origin]));
    granted = true;
    expect(await sync.write([{ name: 'a', data: 'x', ifMatch: null }])).toMatchObject([{ ok: true }]);
  });

  it('says server, with the reason, for an answer that is not WebDAV', async () => {
    const notDav: typeof fetch = async (input, init) => (init?.method === 'PROPFIND'
      ? new Response('<html><body>Welcome</body></html>', { status: 207, headers: { 'Content-Type': 'text/html' } })
      : fetch(input, init));
    const { sync, url } = backend({ fetch: notDav });
    await mkcol(url);
    const error = await failureOf(sync.list());
    expect(error.code).toBe('server');
    expect(error.message).toMatch(/not WebDAV/);
  });
});

describe('WebDAV backend against an Apache with its default ETags', () => {
  let plain: WebdavServer;
  beforeAll(async () => { plain = await startWebdavServer({ user, password, digestEtags: false }); });
  afterAll(async () => { await plain?.close(); });

  it('never overwrites silently while the server\'s ETags are weak, and writes once they are strong again', async () => {
    const sync = createWebdavBackend({ url: plain.url, username: user, password });
    await sync.list();
    const [first] = await sync.write([{ name: 'a', data: 'v1', ifMatch: null }]);
    // Within a second of a change Apache calls the version W/"…", which If-Match never matches (RFC 9110 13.1.1).
    expect(first).toMatchObject({ ok: true, etag: expect.stringMatching(/^W\//) });
    expect(await sync.write([{ name: 'a', data: 'v2', ifMatch: first?.ok ? first.etag : null }])).toEqual([{ name: 'a', ok: false, conflict: true }]);
    expect((await sync.read(['a']))[0]?.data).toBe('v1');

    // What the engine does on a conflict: read again and retry; once the second has passed the version is strong.
    let outcome;
    for (let attempt = 0; attempt < 50 && !outcome?.ok; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      const [now] = await sync.read(['a']);
      [outcome] = await sync.write([{ name: 'a', data: 'v2', ifMatch: now?.etag ?? null }]);
    }
    expect(outcome?.ok).toBe(true);
    expect((await sync.read(['a']))[0]?.data).toBe('v2');
  });
});
