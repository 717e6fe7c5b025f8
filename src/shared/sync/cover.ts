// Cover files: dummy records that pad the number of files on a WebDAV backend up to a bucket, so the server learns the
// account count only to within a bucket, and that are rewritten next to real edits, so one account's edit is not the
// only file that changes. A cover file is sealed like a record (same name form, same size) under its own additional
// data, so only a browser with the key can tell it from an account.

/** How many record files (accounts, tombstones and cover) a backend should hold for `records` real ones. */
export function coverTarget(records: number): number {
  // 16 at least; then steps of 16 up to 128, and of an eighth of the power of two below beyond (at most 12.5% extra).
  const step = records < 128 ? 16 : 2 ** (Math.floor(Math.log2(records)) - 3);
  return Math.max(16, Math.ceil(records / step) * step);
}

/**
 * How many cover files to add or remove. Removal waits until there is a whole step too many, so a vault that goes up
 * and down around a bucket edge does not add and remove cover at every sync (which would tell where the edge is).
 */
export function coverChange(records: number, cover: number): { add: number; remove: number } {
  const target = coverTarget(records);
  const total = records + cover;
  if (total < target) return { add: target - total, remove: 0 };
  const step = records < 128 ? 16 : 2 ** (Math.floor(Math.log2(records)) - 3);
  if (total >= target + step) return { add: 0, remove: Math.min(cover, total - target) };
  return { add: 0, remove: 0 };
}

/** How many cover files to rewrite beside a sync that wrote real records: they change with it, so it hides among them. */
export const COVER_REWRITES = 2;
