// The names of the engine's files on the backend: one per record (or cover file), and the manifest.
export const MANIFEST_FILE = 'manifest';
const RECORD_PREFIX = 'r-';

export const recordFileName = (id: string): string => `${RECORD_PREFIX}${id}`;
/** The record id a file holds; null for a file that is not a record's (the manifest, the key file). */
export const idOfFile = (name: string): string | null => (name.startsWith(RECORD_PREFIX) ? name.slice(RECORD_PREFIX.length) : null);
