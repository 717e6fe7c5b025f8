// The registrable domain (eTLD+1) of a hostname from a Public Suffix List table, giving tldts's getDomain answers.
// The table is passed in, not imported: the background worker fetches it from the package on first need (it is
// half the worker's size), while Node and the tests parse the generated module (src/shared/generated/public-suffixes.ts).

interface SuffixNode {
  rule: boolean;
  children: Map<string, SuffixNode> | null;
}

/** The two tries of the list in the `label(children),label` text scripts/build/suffix-table.ts writes. */
export interface SuffixTableText {
  rules: string;
  exceptions: string;
}

/** The list, parsed once and then asked any number of times. */
export interface SuffixTable {
  readonly rules: SuffixNode;
  readonly exceptions: SuffixNode;
}

/** Parses both tries (a few milliseconds for the whole list); keep the result rather than parsing per lookup. */
export function parseSuffixTable(text: SuffixTableText): SuffixTable {
  return { rules: parseTrie(text.rules), exceptions: parseTrie(text.exceptions) };
}

/** Reads the `label(children),label` form scripts/build/suffix-table.ts writes. */
function parseTrie(text: string): SuffixNode {
  const root: SuffixNode = { rule: false, children: new Map() };
  const stack: SuffixNode[] = [root];
  let start = 0;
  let last: SuffixNode | null = null;
  const addLabel = (end: number): void => {
    if (end === start) return;
    const parent = stack[stack.length - 1] as SuffixNode;
    const notRule = text.charCodeAt(end - 1) === 63; /* '?' */
    last = { rule: !notRule, children: null };
    (parent.children ??= new Map()).set(text.slice(start, notRule ? end - 1 : end), last);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* ',' */) {
      addLabel(i);
      start = i + 1;
    } else if (c === 40 /* '(' */) {
      addLabel(i);
      stack.push(last as unknown as SuffixNode);
      start = i + 1;
    } else if (c === 41 /* ')' */) {
      addLabel(i);
      stack.pop();
      start = i + 1;
    }
  }
  addLabel(text.length);
  return root;
}

/**
 * How many labels, counted from the right, the deepest rule under `root` covers (0 for none). Like tldts,
 * an exact label is followed before `*`, never both, and an empty label never matches `*`.
 */
function deepestRule(labels: readonly string[], root: SuffixNode): number {
  let node = root;
  let matched = 0;
  for (let i = labels.length - 1, depth = 1; i >= 0; i--, depth++) {
    const label = labels[i] as string;
    const next = node.children?.get(label) ?? (label === '' ? undefined : node.children?.get('*'));
    if (next === undefined) break;
    node = next;
    if (node.rule) matched = depth;
  }
  return matched;
}

/** tldts's shallow hostname check: lengths, allowed characters, no empty label inside, no label ending in '-'. */
function isValidHostname(hostname: string): boolean {
  if (hostname.length === 0 || hostname.length > 255) return false;
  const first = hostname.charCodeAt(0);
  if (!isHostChar(first) && first !== 46 && first !== 95) return false;
  let lastDot = -1;
  let lastCode = -1;
  for (let i = 0; i < hostname.length; i++) {
    const code = hostname.charCodeAt(i);
    if (code === 46 /* '.' */) {
      if (i - lastDot > 64 || lastCode === 46 || lastCode === 45) return false;
      lastDot = i;
    } else if (!(isHostChar(code) || code === 45 || code === 95) || (code === 45 && lastCode === 46)) {
      return false;
    }
    lastCode = code;
  }
  return hostname.length - lastDot - 1 <= 63 && lastCode !== 45;
}

function isHostChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127;
}

/** Four dot-separated runs of digits, as tldts tells an IPv4 address from a name. */
function looksLikeIpv4(hostname: string): boolean {
  if (hostname.length < 7 || hostname.length > 15) return false;
  let dots = 0;
  for (let i = 0; i < hostname.length; i++) {
    const code = hostname.charCodeAt(i);
    if (code === 46) dots++;
    else if (code < 48 || code > 57) return false;
  }
  return dots === 3 && hostname.charCodeAt(0) !== 46 && hostname.charCodeAt(hostname.length - 1) !== 46;
}

function withoutTrailingDots(hostname: string): string {
  let end = hostname.length;
  while (end > 1 && hostname.charCodeAt(end - 1) === 46) end--;
  return end === hostname.length ? hostname : hostname.slice(0, end);
}

/**
 * The registrable domain of `hostname` under the ICANN and PRIVATE rules of the Public Suffix List, or null
 * when it has none (a public suffix itself, an IP address, an invalid name). Expects a hostname as
 * `URL.hostname` gives it: lower case, IDNs in punycode. Gives what tldts's
 * `getDomain(hostname, { allowPrivateDomains: true })` gives for such names.
 */
export function registrableDomain(hostname: string, table: SuffixTable): string | null {
  const host = withoutTrailingDots(hostname);
  if (looksLikeIpv4(host) || !isValidHostname(host)) return null;
  const labels = host.split('.');
  // An exception rule (!city.kobe.jp) makes its own left-most label registrable again.
  const exception = deepestRule(labels, table.exceptions);
  const suffixLabels = exception > 0 ? exception - 1 : Math.max(deepestRule(labels, table.rules), 1);
  const suffix = labels.slice(labels.length - suffixLabels).join('.');
  let leadingDots = 0;
  while (leadingDots < host.length && host.charCodeAt(leadingDots) === 46) leadingDots++;
  if (suffix.length === host.length - leadingDots) return null;
  const lastDot = host.lastIndexOf('.', host.length - suffix.length - 2);
  return lastDot === -1 ? host : host.slice(lastDot + 1);
}

