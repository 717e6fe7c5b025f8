// The account index as plain data: what the popup's list shows of every account (never a secret), in list
// order, with each row's seal fingerprint so a copy of the index can tell whether the rows changed behind it.
import type { AccountView } from '../../messages.ts';
import type { AccountRow } from './db.ts';
import { toAccountView, type StoredAccount } from './account-record.ts';

export interface IndexEntry {
  view: AccountView;
  /** The row's GCM nonce: fresh on every seal, so it changes whenever the row is rewritten. */
  seal: string;
}

export interface CorruptEntry {
  id: string;
  position: number;
  seal: string;
}

export interface AccountIndex {
  /** Readable accounts, by position (the popup's order). */
  entries: IndexEntry[];
  /** Rows that did not open when the index was built: listed so they stay visible and deletable. */
  corrupt: CorruptEntry[];
}

/** A row as the index needs it: its plain fields, and the opened account or null when it did not open. */
export interface OpenedRow {
  row: AccountRow;
  account: StoredAccount | null;
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/** The index of a whole vault, from every row opened once. */
export function buildIndex(rows: readonly OpenedRow[]): AccountIndex {
  const index: AccountIndex = { entries: [], corrupt: [] };
  for (const { row, account } of rows) {
    if (account) index.entries.push({ view: toAccountView(account), seal: row.sealed.iv });
    else index.corrupt.push({ id: row.id, position: row.position, seal: row.sealed.iv });
  }
  index.entries.sort((a, b) => byPosition(a.view, b.view));
  index.corrupt.sort(byPosition);
  return index;
}

/** The index after rows were written (added or rewritten) and ids deleted. */
export function applyToIndex(index: AccountIndex, written: readonly OpenedRow[], deleted: readonly string[]): AccountIndex {
  const gone = new Set([...deleted, ...written.map((w) => w.row.id)]);
  const fresh = buildIndex(written);
  return {
    entries: [...index.entries.filter((e) => !gone.has(e.view.id)), ...fresh.entries].sort((a, b) => byPosition(a.view, b.view)),
    corrupt: [...index.corrupt.filter((c) => !gone.has(c.id)), ...fresh.corrupt].sort(byPosition),
  };
}

/**
 * Whether the index describes exactly these rows: the same ids, each sealed by the same write. A vault from before the
 * index, a row rewritten by an older Keyfob, or a row swapped or replaced on disk all fail this and get a rebuild.
 */
export function indexMatchesRows(index: AccountIndex, rows: readonly Pick<AccountRow, 'id' | 'position' | 'sealed'>[]): boolean {
  if (rows.length !== index.entries.length + index.corrupt.length) return false;
  const known = new Map<string, string>();
  for (const e of index.entries) known.set(`${e.view.id}\n${e.view.position}`, e.seal);
  for (const c of index.corrupt) known.set(`${c.id}\n${c.position}`, c.seal);
  return rows.every((r) => known.get(`${r.id}\n${r.position}`) === r.sealed.iv);
}

export function encodeIndex(index: AccountIndex): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(index));
}

/** Decodes an opened index; null when it is not well formed (then it is rebuilt from the rows). */
export function decodeIndex(bytes: Uint8Array): AccountIndex | null {
  try {
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Partial<AccountIndex> | null;
    if (!raw || !Array.isArray(raw.entries) || !Array.isArray(raw.corrupt)) return null;
    const entriesOk = raw.entries.every((e: Partial<IndexEntry> | null) => e && typeof e.seal === 'string' && e.view
      && typeof e.view.id === 'string' && typeof e.view.position === 'number');
    const corruptOk = raw.corrupt.every((c: Partial<CorruptEntry> | null) => c && typeof c.id === 'string'
      && typeof c.position === 'number' && typeof c.seal === 'string');
    if (!entriesOk || !corruptOk) return null;
    // An index sealed before groups and favourites describes rows that had none: its views read as such, and the
    // index stays valid (its rows are unchanged) instead of being rebuilt by opening every row.
    const entries = raw.entries.map((e) => ({ ...e, view: { ...e.view, groups: e.view.groups ?? [], favourite: e.view.favourite ?? false } }));
    return { entries, corrupt: raw.corrupt };
  } catch {
    return null;
  }
}
