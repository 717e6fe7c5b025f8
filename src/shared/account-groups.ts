// An account's group names (folders, tags): one normal form, so the vault, sync and imports agree on what a list holds.
//
// Normal form: each name trimmed, none empty, no name twice (compared exactly: "Work" and "work" are two groups), in
// the order first met. The bounds keep one account's sealed record and sync file small: a 64-character name is longer
// than any folder name seen in the formats Keyfob imports, and 32 groups is more than any of them lets one entry have.

export const MAX_GROUPS = 32;
/** In characters (code points), so an emoji or a CJK name counts as people see it. */
export const MAX_GROUP_LENGTH = 64;

const lengthOf = (name: string): number => [...name].length;

/**
 * Group names read from somewhere Keyfob does not control but wants to keep the most of (another app's export, an
 * older backup, a stored record): anything that is not text is dropped, over-long names are cut, and only the first
 * MAX_GROUPS distinct names are kept.
 */
export function cleanGroups(raw: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(raw)) return out;
  for (const g of raw) {
    if (typeof g !== 'string') continue;
    const name = [...g.trim()].slice(0, MAX_GROUP_LENGTH).join('').trim();
    if (name && !out.includes(name) && out.length < MAX_GROUPS) out.push(name);
  }
  return out;
}

/**
 * Group names in a request or a synced record: a list of text, each name at most MAX_GROUP_LENGTH characters once
 * trimmed, at most MAX_GROUPS names. Returns the normal form, or null when the value breaks a bound (a
 * request is refused, never silently cut).
 */
export function checkGroups(raw: unknown): string[] | null {
  if (!Array.isArray(raw) || raw.length > MAX_GROUPS) return null;
  const out: string[] = [];
  for (const g of raw) {
    if (typeof g !== 'string') return null;
    const name = g.trim();
    if (lengthOf(name) > MAX_GROUP_LENGTH) return null;
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}
