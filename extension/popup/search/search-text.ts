// Finds accounts by what people type: every word of the query, in any field, whatever the case and accents.
import type { AccountView } from '../../messages.ts';

/**
 * Text as search compares it: lower case, accents and other combining marks removed (NFD splits "ü" into "u" and a
 * mark), so "zurich" finds "Zürich" and "ZÜRICH". NFKD would also fold "ﬁ" and full-width letters, but it turns
 * "²" into "2", which would make a name match digits nobody typed.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Everything search looks in, folded once per list (not per keystroke): issuer, name, groups, bound sites, notes. */
export function searchText(account: Pick<AccountView, 'issuer' | 'account' | 'groups' | 'origins' | 'notes'>): string {
  return foldText([account.issuer, account.account, ...account.groups, ...account.origins, account.notes].join('\n'));
}

/** The words of a query, folded; none for a blank query (which matches everything). */
export function queryWords(query: string): string[] {
  return foldText(query).split(/\s+/).filter(Boolean);
}

/** Whether already folded text (searchText) holds every word of the query (queryWords). */
export function matchesWords(folded: string, words: readonly string[]): boolean {
  return words.every((w) => folded.includes(w));
}

/** Finds accounts whose fields contain every word of the query, ignoring case and accents. */
export function matchesQuery(fields: readonly string[], query: string): boolean {
  return matchesWords(foldText(fields.join('\n')), queryWords(query));
}
