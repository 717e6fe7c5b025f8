// How sync files are packed into the browser's sync storage items, and the byte counting its quotas use. Pure.
//
// Items are named `kfsync:<n>` and hold `{ w, f: [[name, index, count, version, text], …] }`: several small files per
// item, or one big file split over several. A write rewrites only the items that held the changed files, plus at
// most one more per file, so changing one record rewrites O(1) items.
//
// Browser sync itself is last-writer-wins per ITEM across devices, so an item from one device can replace an item
// from another that held other files, and the pieces of a split file can come from two versions. Hence: every piece
// carries its file's version (so a torn file is left out of list(), and the engine pushes it again), and every item
// carries a write stamp `w` (so when a file turns up in two items, the later write wins; the next write cleans up).

/** Chrome's figures (developer.chrome.com, chrome.storage.sync); Firefox Sync uses the same ones. */
export const STORAGE_SYNC_QUOTA = {
  /** Total, counted as the sum over items of key length + length of JSON.stringify(value). */
  QUOTA_BYTES: 102_400,
  /** Per item, counted the same way. */
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  /** set, remove and clear each count as one write operation. */
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
} as const;

export type StorageSyncQuota = { [K in keyof typeof STORAGE_SYNC_QUOTA]: number };

export const ITEM_PREFIX = 'kfsync:';
const ITEM_KEY = /^kfsync:(0|[1-9][0-9]{0,5})$/;
/**
 * Room left unused in each item: Chromium counts its own JSON serialisation (base::JSONWriter), which escapes a few
 * characters (such as '<') that JSON.stringify leaves alone. Sealed files are base64 in JSON, so this is slack.
 */
const ITEM_SLACK = 64;
const MAX_FILE_NAME = 256;

/** One piece of a file: [file name, piece index, piece count, version of the whole file, this piece's text]. */
export type Piece = [name: string, index: number, count: number, version: string, text: string];

export interface Chunk {
  /** Write stamp: higher than every item present when it was written. */
  w: number;
  f: Piece[];
}

export interface StoredFile {
  text: string;
  version: string;
  /** Every item holding a piece of this name, in any version: all of them are rewritten when the file changes. */
  homes: string[];
}

export interface Layout {
  /** Every item in the storage area, ours or not: all count towards the quota. */
  items: Record<string, unknown>;
  chunks: Map<string, Chunk>;
  files: Map<string, StoredFile>;
}

export interface WritePlan {
  set: Record<string, Chunk>;
  remove: string[];
  /** Bytes and items in use once the plan is applied. */
  bytesAfter: number;
  itemsAfter: number;
  /** Bytes in use now. */
  bytesBefore: number;
}


/** What an item costs against the quota: UTF-8 length of its key plus that of its value's JSON. */
export function itemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key).length + new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}

export function readLayout(items: Record<string, unknown>): Layout {
  const chunks = new Map<string, Chunk>();
  for (const [key, value] of Object.entries(items)) {
    if (!ITEM_KEY.test(key)) continue;
    const chunk = readChunk(value);
    // An item of ours that does not parse (a newer Keyfob's format?) is left alone: counted, never overwritten.
    if (chunk) chunks.set(key, chunk);
  }
  return { items, chunks, files: assembleFiles(chunks) };
}

/**
 * The items to set and remove so that each name in `changes` holds its new text (or is gone, for null), with
 * `versions` giving each new text's version. Throws nothing: the caller checks bytesAfter/itemsAfter against quota.
 */
export function planWrite(layout: Layout, changes: Map<string, string | null>, versions: Map<string, string>, quota: StorageSyncQuota): WritePlan {
  const chunks = new Map<string, Chunk>([...layout.chunks].map(([k, c]) => [k, { w: c.w, f: [...c.f] }]));
  const dirty = new Set<string>();
  for (const name of changes.keys()) {
    for (const home of layout.files.get(name)?.homes ?? homesOf(chunks, name)) {
      const chunk = chunks.get(home)!;
      chunk.f = chunk.f.filter((p) => p[0] !== name);
      dirty.add(home);
    }
  }
  const stamp = Math.max(0, ...[...layout.chunks.values()].map((c) => c.w)) + 1;
  const room = quota.QUOTA_BYTES_PER_ITEM - ITEM_SLACK;
  const fits = (key: string, chunk: Chunk, piece: Piece) => itemBytes(key, { w: stamp, f: [...chunk.f, piece] }) <= room;
  const place = (piece: Piece) => {
    // Items being rewritten anyway first, then any item with room (one more item rewritten), then a fresh item.
    const candidates = [...[...dirty].sort(byNumber), ...[...chunks.keys()].filter((k) => !dirty.has(k)).sort(byNumber)];
    let key = candidates.find((k) => fits(k, chunks.get(k)!, piece));
    if (!key) {
      key = freshKey(layout.items, chunks);
      chunks.set(key, { w: stamp, f: [] });
    }
    chunks.get(key)!.f.push(piece);
    dirty.add(key);
  };
  for (const [name, text] of [...changes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (text === null) continue;
    const version = versions.get(name)!;
    const whole: Piece = [name, 0, 1, version, text];
    if (itemBytes(freshKeyShape, { w: stamp, f: [whole] }) <= room) place(whole);
    else {
      const texts = splitText(text, room - itemBytes(freshKeyShape, { w: stamp, f: [[name, 99_999, 99_999, version, '']] }));
      texts.forEach((t, i) => place([name, i, texts.length, version, t]));
    }
  }
  const set: Record<string, Chunk> = {};
  const remove: string[] = [];
  for (const key of [...dirty].sort(byNumber)) {
    const chunk = chunks.get(key)!;
    if (chunk.f.length > 0) set[key] = { w: stamp, f: chunk.f };
    else if (Object.prototype.hasOwnProperty.call(layout.items, key)) remove.push(key);
  }
  let bytesBefore = 0;
  let bytesAfter = 0;
  let itemsAfter = 0;
  for (const [key, value] of Object.entries(layout.items)) {
    bytesBefore += itemBytes(key, value);
    if (key in set || remove.includes(key)) continue;
    bytesAfter += itemBytes(key, value);
    itemsAfter++;
  }
  for (const [key, chunk] of Object.entries(set)) {
    bytesAfter += itemBytes(key, chunk);
    itemsAfter++;
  }
  return { set, remove, bytesAfter, itemsAfter, bytesBefore };
}

/** The longest key a fresh item can get, so a piece sized for it fits under any key. */
const freshKeyShape = `${ITEM_PREFIX}999999`;

function assembleFiles(chunks: Map<string, Chunk>): Map<string, StoredFile> {
  // name → version → pieces found, with the highest write stamp among their items.
  const found = new Map<string, Map<string, { count: number; pieces: Map<number, string>; w: number }>>();
  const homes = new Map<string, Set<string>>();
  for (const [key, chunk] of chunks) {
    for (const [name, index, count, version, text] of chunk.f) {
      if (!homes.has(name)) homes.set(name, new Set());
      homes.get(name)!.add(key);
      const versions = found.get(name) ?? new Map();
      found.set(name, versions);
      const v = versions.get(`${version}/${count}`) ?? { count, pieces: new Map<number, string>(), w: 0 };
      versions.set(`${version}/${count}`, v);
      v.pieces.set(index, text);
      v.w = Math.max(v.w, chunk.w);
    }
  }
  const files = new Map<string, StoredFile>();
  for (const [name, versions] of found) {
    const complete = [...versions].filter(([, v]) => v.pieces.size === v.count && [...v.pieces.keys()].every((i) => i < v.count));
    if (complete.length === 0) continue;
    // Newest write first; equal stamps (two devices wrote at once) fall back to the version text, the same everywhere.
    complete.sort(([ka, a], [kb, b]) => b.w - a.w || (ka < kb ? 1 : ka > kb ? -1 : 0));
    const [key, best] = complete[0]!;
    const text = Array.from({ length: best.count }, (_, i) => best.pieces.get(i)!).join('');
    files.set(name, { text, version: key.slice(0, key.lastIndexOf('/')), homes: [...homes.get(name)!].sort(byNumber) });
  }
  return files;
}

function readChunk(value: unknown): Chunk | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { w, f } = value as Record<string, unknown>;
  if (typeof w !== 'number' || !Number.isSafeInteger(w) || w < 0 || !Array.isArray(f)) return null;
  const pieces: Piece[] = [];
  for (const p of f) {
    if (!Array.isArray(p) || p.length !== 5) return null;
    const [name, index, count, version, text] = p as unknown[];
    if (!isFileName(name) || typeof version !== 'string' || typeof text !== 'string'
      || !Number.isSafeInteger(count) || (count as number) < 1 || (count as number) > 10_000
      || !Number.isSafeInteger(index) || (index as number) < 0 || (index as number) >= (count as number)) return null;
    pieces.push([name, index as number, count as number, version, text]);
  }
  return { w, f: pieces };
}

/** File names the layout can store: the engine's are short ("manifest", "r-" and a UUID). */
export function isFileName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_FILE_NAME;
}

function homesOf(chunks: Map<string, Chunk>, name: string): string[] {
  return [...chunks].filter(([, c]) => c.f.some((p) => p[0] === name)).map(([k]) => k);
}

function freshKey(items: Record<string, unknown>, chunks: Map<string, Chunk>): string {
  for (let n = 0; ; n++) {
    const key = `${ITEM_PREFIX}${n}`;
    if (!chunks.has(key) && !Object.prototype.hasOwnProperty.call(items, key)) return key;
  }
}

/** Splits text into pieces whose JSON string form is at most `budget` UTF-8 bytes, never inside a code point. */
function splitText(text: string, budget: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of text) {
    const cost = new TextEncoder().encode(JSON.stringify(ch).slice(1, -1)).length;
    if (size + cost > budget && current) {
      pieces.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += cost;
  }
  pieces.push(current);
  return pieces;
}

function byNumber(a: string, b: string): number {
  return Number(a.slice(ITEM_PREFIX.length)) - Number(b.slice(ITEM_PREFIX.length));
}
