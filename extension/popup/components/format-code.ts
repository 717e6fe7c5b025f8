// Shows a code in two halves ("123 456") so it is easier to read and type.

export function groupCode(code: string): string {
  if (code.length < 6) return code;
  const half = Math.floor(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** Finds accounts whose issuer, name or bound site contains every word of the query. */
export function matchesQuery(fields: readonly string[], query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}
