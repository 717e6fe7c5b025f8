// Writes a zip whose bytes depend only on the files given: sorted entries, one fixed date, fixed compression, no extras.
import { zipSync, type Zippable } from 'fflate';

/** A file to put in the archive: its path inside the zip (forward slashes) and its bytes; `executable` keeps a script's +x. */
export interface ZipEntry { path: string; data: Uint8Array; executable?: boolean }

// fflate writes the DOS date from the local-time fields of this Date, so building it from local fields
// gives 1980-01-01 00:00 (the earliest DOS date) in every time zone.
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const REGULAR_FILE = 0o100644;
const EXECUTABLE_FILE = 0o100755;

/** Zips `entries` in path order with deflate level 9; the same entries give the same bytes on any machine and zone. */
export function zipReproducibly(entries: readonly ZipEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const files: Zippable = {};
  for (const { path, data, executable } of sorted) {
    if (path in files) throw new Error(`two zip entries named ${path}`);
    if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`zip entry outside the archive: ${path}`);
    // fflate walks an object, and JavaScript lists integer-like keys first whatever the insertion order.
    if (/^\d+$/.test(path)) throw new Error(`zip entry name would break the order: ${path}`);
    // Unix mode in the high half of the external attributes, so unzip restores rw-r--r-- (or +x) instead of 0000.
    files[path] = [data, { level: 9, mem: 8, mtime: FIXED_DATE, os: UNIX, attrs: ((executable ? EXECUTABLE_FILE : REGULAR_FILE) << 16) >>> 0 }];
  }
  return zipSync(files);
}
