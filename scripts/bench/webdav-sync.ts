// Bench: the WebDAV sync backend against a real Apache mod_dav on loopback: writing 1,000 files of ~1 KiB (each PUT
// conditional, its ETag read back) and listing + reading them all, next to raw unconditional PUTs and plain GETs of
// the same files at the same concurrency, so the figure is what the backend's care costs over bare HTTP.
// Standalone: `npx tsx scripts/bench/webdav-sync.ts [--quick]`.
import { randomBytes } from 'node:crypto';
import { createWebdavBackend } from '../../extension/background/sync/webdav-backend.ts';
import { startWebdavServer } from '../../test/support/webdav-server.ts';
import { runIfMain } from './standalone.ts';
import { median, timeMs, type BenchOptions, type BenchRow } from './types.ts';

const user = 'bench';
const password = 'bench app password';
const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const CONCURRENCY = 6;

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

async function rawRequest(method: string, url: string, body?: string): Promise<void> {
  const res = await fetch(url, { method, headers: { Authorization: authorization }, body });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`${method} ${url}: HTTP ${res.status}`);
}

export async function benchWebdavSync(opts: BenchOptions): Promise<BenchRow[]> {
  const files = opts.quick ? 200 : 1000;
  const runs = opts.quick ? 1 : 3;
  const server = await startWebdavServer({ user, password });
  const samples = { write: [] as number[], rawPut: [] as number[], listRead: [] as number[], rawGet: [] as number[] };
  try {
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
  } finally {
    await server.close();
  }
  const note = `${files} files of ~1 KiB, ${CONCURRENCY} in flight, Apache mod_dav on loopback, median of ${runs}`;
  return [
    { name: `webdav write ${files} files`, value: median(samples.write), unit: 'ms', baseline: median(samples.rawPut),
      baselineName: 'raw PUTs, no condition, no ETag read-back', note },
    { name: `webdav list+read ${files} files`, value: median(samples.listRead), unit: 'ms', baseline: median(samples.rawGet),
      baselineName: 'plain GETs of the same files', note },
  ];
}

runIfMain(import.meta.url, benchWebdavSync);
