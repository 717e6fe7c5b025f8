// Bench: WebDAV sync against a real Apache mod_dav on loopback, in two parts.
// 1. The backend's transport: writing 1,000 files of ~1 KiB (each PUT conditional, its ETag read back) and listing +
//    reading them all, next to raw unconditional PUTs and plain GETs of the same files at the same concurrency, so the
//    figure is what the backend's care costs over bare HTTP.
// 2. The real thing, in headless Chromium with the built extension: a vault of 1,000 accounts turned on to sync
//    (`enableSync`: key file, every record, manifest), a second browser joining it (`joinSync`: pulls and opens every
//    record into its vault), then one account edited on A and synced on A and on B (what a user waits for day to day).
//    Each is timed whole, nothing subtracted, beside the same run's raw HTTP figures.
// Standalone: `npx tsx scripts/bench/webdav-sync.ts [--quick]` (builds the extension unless KEYFOB_DIST is built).
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { createWebdavBackend } from '../../extension/background/sync/webdav-backend.ts';
import { base32Encode, type OtpAccount } from '../../src/shared/index.ts';
import { startWebdavServer, type WebdavServer } from '../../test/support/webdav-server.ts';
import { ensureBuild } from './extension-build.ts';
import { runIfMain } from './standalone.ts';
import { median, timeMs, type BenchOptions, type BenchRow } from './types.ts';

const user = 'bench';
const password = 'bench app password';
const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const CONCURRENCY = 6;
const MASTER = 'bench master password 1';
/** The extension's sync debounce (scheduler.ts) plus slack: an edit's own automatic sync is over after this. */
const DEBOUNCE_SETTLE_MS = 3_500;

/** ~1 KiB, like one sealed account record (JSON of base64 IV and ciphertext). */
function sealedLike(i: number): string {
  return JSON.stringify({ v: 1, id: `acct-${i}`, iv: randomBytes(12).toString('base64'), ct: randomBytes(720).toString('base64') });
}

async function inParallel(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await task(next++);
  }));
}

async function rawRequest(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { method, headers: { Authorization: authorization, ...headers }, body });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`${method} ${url}: HTTP ${res.status}`);
}

async function benchTransport(server: WebdavServer, files: number, runs: number): Promise<BenchRow[]> {
  const samples = { write: [] as number[], rawPut: [] as number[], listRead: [] as number[], rawGet: [] as number[] };
  const data = Array.from({ length: files }, (_, i) => sealedLike(i));
  // One warm-up round (unmeasured) then `runs` rounds, each in fresh collections so every write is a create.
  for (let round = 0; round <= runs; round++) {
    const measured = round > 0;
    const syncUrl = `${server.url}sync${round}/`;
    const rawUrl = `${server.url}raw${round}/`;
    await rawRequest('MKCOL', syncUrl);
    await rawRequest('MKCOL', rawUrl);
    const backend = createWebdavBackend({ url: syncUrl, username: user, password, concurrency: CONCURRENCY });
    await backend.list();

    const write = await timeMs(() => backend.write(data.map((d, i) => ({ name: `r${i}`, data: d, ifMatch: null }))));
    const rawPut = await timeMs(() => inParallel(files, (i) => rawRequest('PUT', `${rawUrl}r${i}`, data[i])));
    let got = 0;
    const listRead = await timeMs(async () => {
      const listed = await backend.list();
      got = (await backend.read(listed.map((f) => f.name))).length;
    });
    if (got !== files) throw new Error(`read back ${got} of ${files} files`);
    const rawGet = await timeMs(() => inParallel(files, (i) => rawRequest('GET', `${rawUrl}r${i}`)));
    if (!measured) continue;
    samples.write.push(write);
    samples.rawPut.push(rawPut);
    samples.listRead.push(listRead);
    samples.rawGet.push(rawGet);
  }
  const note = `${files} files of ~1 KiB, ${CONCURRENCY} in flight, Apache mod_dav on loopback, median of ${runs}`;
  return [
    { name: `webdav write ${files} files`, value: median(samples.write), unit: 'ms', baseline: median(samples.rawPut),
      baselineName: 'raw PUTs, no condition, no ETag read-back', note },
    { name: `webdav list+read ${files} files`, value: median(samples.listRead), unit: 'ms', baseline: median(samples.rawGet),
      baselineName: 'plain GETs of the same files', note },
  ];
}

type Reply<T> = { ok: boolean; value?: T; error?: { code?: string; message: string } };

/** One background call from an extension page, timed inside the page so the harness's round trip is not counted. */
async function timedCall<T>(page: Page, method: string, params: unknown): Promise<{ ms: number; value: T }> {
  const { ms, reply } = await page.evaluate(async (m: string, p: unknown) => {
    const t = performance.now();
    const r: unknown = await chrome.runtime.sendMessage({ keyfob: 1, method: m, params: p });
    return { ms: performance.now() - t, reply: r };
  }, method, params) as { ms: number; reply: Reply<T> };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.code ?? ''} ${reply.error?.message ?? 'failed'}`);
  return { ms, value: reply.value as T };
}

const call = async <T>(page: Page, method: string, params: unknown): Promise<T> => (await timedCall<T>(page, method, params)).value;

function accounts(count: number): { account: OtpAccount }[] {
  return Array.from({ length: count }, (_, i) => ({ account: {
    type: 'totp', issuer: `Issuer ${i}`, account: `user${i}@example.com`, secret: base32Encode(randomBytes(20)),
    algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
  } }));
}

interface SyncViewLike { enabled: boolean; running: boolean; status: { error: { code: string; message: string } | null; refused: number } }
interface AccountView { id: string; notes: string }

/** A sync reports failure in its status, not as an error reply: a bench of a failed sync would time the failure. */
function expectClean(what: string, view: SyncViewLike): void {
  if (!view.enabled || view.status.error || view.status.refused > 0) {
    throw new Error(`${what}: sync did not finish cleanly: ${JSON.stringify({ enabled: view.enabled, error: view.status.error, refused: view.status.refused })}`);
  }
}

/** Waits until the edit's own debounced sync has run and ended, so it neither joins nor overlaps the next timing. */
async function settle(page: Page, editedAt: number): Promise<void> {
  await new Promise((r) => setTimeout(r, Math.max(0, editedAt + DEBOUNCE_SETTLE_MS - Date.now())));
  for (let i = 0; i < 400 && (await call<SyncViewLike>(page, 'syncStatus', {})).running; i++) await new Promise((r) => setTimeout(r, 25));
}

async function viewsOf(page: Page): Promise<AccountView[]> {
  return (await call<{ accounts: AccountView[] }>(page, 'listAccountViews', {})).accounts;
}

/** Files of exactly `bytes` bytes, shaped like a sealed record, for raw baselines the size of the real records. */
function sealedOfSize(i: number, bytes: number): string {
  const head = JSON.stringify({ v: 1, id: `acct-${i}`, iv: randomBytes(12).toString('base64'), ct: '' });
  return `${head.slice(0, -2)}${randomBytes(bytes).toString('base64').slice(0, Math.max(0, bytes - head.length))}"}`;
}

/** Raw PUTs then plain GETs of `count` files of `bytes` bytes from Node, each round in a fresh collection; medians. */
async function rawAtSize(server: WebdavServer, count: number, bytes: number, runs: number): Promise<{ put: number; get: number }> {
  const put: number[] = [];
  const get: number[] = [];
  const data = Array.from({ length: count }, (_, i) => sealedOfSize(i, bytes));
  for (let round = 0; round < runs; round++) {
    const url = `${server.url}rawsize${count}-${round}/`;
    await rawRequest('MKCOL', url);
    put.push(await timeMs(() => inParallel(count, (i) => rawRequest('PUT', `${url}r${i}`, data[i]))));
    get.push(await timeMs(() => inParallel(count, (i) => rawRequest('GET', `${url}r${i}`))));
  }
  return { put: median(put), get: median(get) };
}

/** A raw Depth-1 PROPFIND of the synced folder: the least any sync that looks for other browsers' changes must do. */
async function rawListMs(folderUrl: string, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeMs(() => rawRequest('PROPFIND', folderUrl, undefined, { Depth: '1' })));
  return median(samples);
}

async function benchExtensionSync(server: WebdavServer, count: number, runs: { incremental: number; raw: number }): Promise<BenchRow[]> {
  const cleanup = ensureBuild('webdav');
  try {
    const { launchWithExtension } = await import('../../test/e2e/harness.ts');
    const a = await launchWithExtension();
    try {
      const b = await launchWithExtension();
      try {
        const [pa, pb] = await Promise.all([a.openPopupTab(), b.openPopupTab()]);
        await call(pa, 'createVault', { password: MASTER });
        await call(pa, 'addAccounts', { drafts: accounts(count) });
        // Its own collection, so the transport rounds' files are not in its way.
        // One per vault size, when KEYFOB_SYNC_COUNTS asks for several.
        await rawRequest('MKCOL', `${server.url}vault${count}/`);
        const webdav = { url: `${server.url}vault${count}/`, username: user, password };
        const folder = join(server.dir, `vault${count}`, 'keyfob');

        const first = await timedCall<{ kit: string; view: SyncViewLike }>(pa, 'enableSync', { backend: 'webdav', webdav, masterPassword: MASTER });
        expectClean('enableSync', first.value.view);
        const records = readdirSync(folder).filter((f) => f.startsWith('r-'));
        // At least one file per account: cover files (src/shared/sync/cover.ts) pad the count up to a bucket.
        if (records.length < count) throw new Error(`enableSync left ${records.length} of ${count} records on the server`);
        const recordBytes = median(records.map((f) => statSync(join(folder, f)).size));

        const join1 = await timedCall<{ view: SyncViewLike }>(pb, 'joinSync', { backend: 'webdav', webdav, masterPassword: MASTER, kit: first.value.kit });
        expectClean('joinSync', join1.value.view);
        const onB = await viewsOf(pb);
        if (onB.length !== count) throw new Error(`joinSync brought ${onB.length} of ${count} accounts`);

        const edited = onB[Math.floor(count / 2)]?.id as string;
        const pushes: number[] = [];
        const pulls: number[] = [];
        // Round 0 warms both workers' incremental path and is not counted.
        for (let round = 0; round <= runs.incremental; round++) {
          const notes = `bench edit ${round}`;
          await call(pa, 'updateAccount', { id: edited, patch: { notes } });
          const editedAt = Date.now();
          const push = await timedCall<SyncViewLike>(pa, 'syncNow', {});
          expectClean('syncNow on A', push.value);
          await settle(pa, editedAt);
          const pull = await timedCall<SyncViewLike>(pb, 'syncNow', {});
          expectClean('syncNow on B', pull.value);
          const got = (await viewsOf(pb)).find((v) => v.id === edited)?.notes;
          if (got !== notes) throw new Error(`B has notes ${JSON.stringify(got)} after the sync, expected ${JSON.stringify(notes)}`);
          if (round === 0) continue;
          pushes.push(push.ms);
          pulls.push(pull.ms);
        }
        const rawList = await rawListMs(`${server.url}vault${count}/keyfob/`, 7);
        // The extension's records are padded to one size, larger than the transport rows' files: the baseline matches it.
        const raw = await rawAtSize(server, count, recordBytes, runs.raw);

        const where = `real headless Chromium with the built extension, Apache mod_dav on loopback, records of ${recordBytes} B`;
        const rawNote = `baseline: ${CONCURRENCY} in flight, ${recordBytes} B files, median of ${runs.raw}`;
        return [
          { name: `webdav first sync ${count} accounts (enableSync)`, value: first.ms, unit: 'ms', baseline: raw.put,
            baselineName: `raw PUTs of ${count} files of the same size from Node`,
            note: `one run; whole enableSync (master password check, key file, ${count} records, manifest); ${where}; ${rawNote}` },
          { name: `webdav join ${count} accounts on a second browser (joinSync)`, value: join1.ms, unit: 'ms', baseline: raw.get,
            baselineName: `plain GETs of ${count} files of the same size from Node`,
            note: `one run; whole joinSync on a fresh profile (key file, list, ${count} records read and written into the vault); ${where}; ${rawNote}` },
          { name: `webdav sync one edit, ${count} accounts, on the editing browser`, value: median(pushes), unit: 'ms', baseline: rawList,
            baselineName: `one raw PROPFIND (Depth 1) of the ${count}-record folder`,
            note: `syncNow right after updateAccount, median of ${runs.incremental}; ${where}` },
          { name: `webdav sync one edit, ${count} accounts, on the other browser`, value: median(pulls), unit: 'ms', baseline: rawList,
            baselineName: `one raw PROPFIND (Depth 1) of the ${count}-record folder`,
            note: `syncNow that pulls the edit, median of ${runs.incremental}; ${where}` },
        ];
      } finally {
        await b.close();
      }
    } finally {
      await a.close();
    }
  } finally {
    cleanup();
  }
}

export async function benchWebdavSync(opts: BenchOptions): Promise<BenchRow[]> {
  const files = opts.quick ? 200 : 1000;
  const runs = opts.quick ? 1 : 3;
  const server = await startWebdavServer({ user, password });
  try {
    const transport = await benchTransport(server, files, runs);
    // KEYFOB_SYNC_COUNTS=10,100,1000: the extension part at each vault size (issue 26 compares them before and after).
    const counts = process.env.KEYFOB_SYNC_COUNTS?.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) ?? [files];
    const rows: BenchRow[] = [...transport];
    for (const count of counts) rows.push(...await benchExtensionSync(server, count, { incremental: opts.quick ? 3 : 5, raw: runs }));
    return rows;
  } finally {
    await server.close();
  }
}

runIfMain(import.meta.url, benchWebdavSync);
