// Writes src/shared/generated/public-suffixes.ts, the compact suffix table siteOf reads, from the Public Suffix List inside the pinned tldts.
// Run `npm run suffix-table` after updating tldts; a unit test fails while the committed table differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SUFFIX_TABLE_FILE = join(ROOT, 'src/shared/generated/public-suffixes.ts');

/** The flat trie tldts ships (its only copy of the list): nodes, their edges, and every label's text end to end. */
interface TldtsTrie {
  nodeFlags: Uint8Array;
  edgeStart: Uint16Array | Uint32Array;
  edgeLength: Uint8Array;
  edgeChild: Uint16Array | Uint32Array;
  labelText: string;
  rulesRoot: number;
  exceptionsRoot: number;
}

interface SuffixTrie {
  rule: boolean;
  children: Map<string, SuffixTrie>;
}

function tldtsDir(): string {
  return dirname(createRequire(import.meta.url).resolve('tldts/package.json'));
}

async function loadTldtsTrie(): Promise<{ trie: TldtsTrie; version: string }> {
  const dir = tldtsDir();
  const trie = (await import(pathToFileURL(join(dir, 'dist/es6/src/data/trie.js')).href)) as TldtsTrie;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { trie, version };
}

/**
 * Every rule under `root`, as "label.label.tld". A node is a rule when it has any flag: ICANN or PRIVATE,
 * because siteOf asks with allowPrivateDomains (github.io users are separate sites from each other).
 */
function rulesUnder(t: TldtsTrie, root: number): string[] {
  const edgeOffset: number[] = [];
  for (let e = 0, offset = 0; e < t.edgeLength.length; e++) {
    edgeOffset.push(offset);
    offset += t.edgeLength[e] as number;
  }
  const rules: string[] = [];
  const visit = (node: number, labels: string[]): void => {
    if (labels.length > 0 && (t.nodeFlags[node] as number) !== 0) rules.push([...labels].reverse().join('.'));
    for (let e = t.edgeStart[node] as number; e < (t.edgeStart[node + 1] as number); e++) {
      const label = t.labelText.slice(edgeOffset[e], (edgeOffset[e] as number) + (t.edgeLength[e] as number));
      visit(t.edgeChild[e] as number, [...labels, label]);
    }
  };
  visit(root, []);
  return rules;
}

/** The list as tldts holds it: ICANN and PRIVATE rules, wildcards as `*.x`, exceptions as `!a.x`. */
export async function publicSuffixRules(): Promise<{ rules: string[]; exceptions: string[]; version: string }> {
  const { trie, version } = await loadTldtsTrie();
  return { rules: rulesUnder(trie, trie.rulesRoot), exceptions: rulesUnder(trie, trie.exceptionsRoot), version };
}

// URL hostnames are always ASCII (IDNs arrive as xn-- punycode), and tldts lists each IDN rule in both
// forms: the Unicode copies could never match, so the table drops them.
const isAscii = (rule: string): boolean => /^[\x21-\x7e]+$/.test(rule);

function trieOf(rules: string[]): SuffixTrie {
  const root: SuffixTrie = { rule: false, children: new Map() };
  for (const rule of rules) {
    let node = root;
    for (const label of rule.split('.').reverse()) {
      let child = node.children.get(label);
      if (child === undefined) {
        child = { rule: false, children: new Map() };
        node.children.set(label, child);
      }
      node = child;
    }
    node.rule = true;
  }
  return root;
}

/**
 * `label(children)` with children comma-separated and sorted; `?` after a label marks a node that is only
 * on the way to longer rules. A trie written out this way is about half the size of the plain list and
 * gzips to about two thirds of it, since each parent's name is written once.
 */
function serialise(node: SuffixTrie): string {
  return [...node.children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, child]) => label + (child.children.size === 0 ? '' : `${child.rule ? '' : '?'}(${serialise(child)})`))
    .join(',');
}

/**
 * A top-level rule with nothing under it ("com", most gTLDs) answers exactly as no rule does: the list's
 * default rule "*" already makes the last label the suffix. Those (about 1,200) are left out of the table,
 * which keeps the background bundle under its size goal; the same holds only while no top-level "*" exists.
 */
function withoutBareTopLevelRules(root: SuffixTrie): SuffixTrie {
  if (root.children.has('*')) throw new Error('a top-level "*" rule: bare top-level rules are no longer redundant');
  return { rule: false, children: new Map([...root.children].filter(([, child]) => child.children.size > 0)) };
}

/** The generated module's full text. */
export async function suffixTableSource(): Promise<string> {
  const { rules, exceptions, version } = await publicSuffixRules();
  const kept = rules.filter(isAscii);
  const keptExceptions = exceptions.filter(isAscii);
  for (const label of [...kept, ...keptExceptions].flatMap((r) => r.split('.'))) {
    if (!/^(?:\*|[a-z0-9_-]+)$/.test(label)) throw new Error(`unexpected label "${label}" in the suffix list`);
  }
  return [
    `// Generated by scripts/build/suffix-table.ts from the Public Suffix List in tldts ${version}. Do not edit: run \`npm run suffix-table\`.`,
    `// ${kept.length} rules and ${keptExceptions.length} exception rules, ICANN and PRIVATE sections, ASCII (punycode) forms only,`,
    `// less the top-level rules with nothing under them (they give the same answer as the default rule "*").`,
    `// Format: label(children) with children separated by commas; "?" marks a node that is not itself a rule.`,
    `export const SUFFIX_RULES = ${JSON.stringify(serialise(withoutBareTopLevelRules(trieOf(kept))))};`,
    `export const SUFFIX_EXCEPTIONS = ${JSON.stringify(serialise(trieOf(keptExceptions)))};`,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SUFFIX_TABLE_FILE, await suffixTableSource());
  console.log(`wrote ${SUFFIX_TABLE_FILE}`);
}
