// Bench: raw and gzip size of what the popup, the background worker and a page's content script really load.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildExtensionInto } from './extension-build.ts';
import type { BenchOptions, BenchRow } from './types.ts';
import { runIfMain } from './standalone.ts';

interface ChromeManifest {
  background?: { service_worker?: string };
  action?: { default_popup?: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
  web_accessible_resources?: { resources?: string[] }[];
}

/** The files one entry loads, split into what loads at once and what loads only on demand. */
export interface LoadSet {
  initial: string[];
  lazy: string[];
}

// Minified chunks quote with ", ' or `; specifiers are relative ("./x.js"), root-absolute ("/assets/x.js")
// or, in crxjs's content-script loader, root-relative inside chrome.runtime.getURL("assets/x.js").
const STATIC_IMPORT = /\bfrom\s*["'`]([^"'`]+)["'`]|\bimport\s*["'`]([^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?(?:chrome\.runtime\.getURL\(\s*)?["'`]([^"'`]+)["'`]/g;
const ANY_ASSET = /["'`](\/?assets\/[^"'`]+\.(?:js|css|wasm))["'`]/g;
const HTML_REF = /<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g;
// A data file of the package named in code, which fetches it with chrome.runtime.getURL (the worker's suffix table):
// only a name that is a file of the build counts, and it is loaded on demand, never at start.
const PACKAGE_DATA = /["'`]([A-Za-z0-9_][\w./-]*\.json)["'`]/g;

function resolveRef(distDir: string, fromFile: string, spec: string): string | null {
  if (/^[a-z]+:/i.test(spec)) return null;
  const rel = spec.startsWith('./') || spec.startsWith('../')
    ? posix.join(posix.dirname(fromFile), spec)
    : spec.replace(/^\//, '');
  return existsSync(join(distDir, rel)) ? posix.normalize(rel) : null;
}

function refsOf(distDir: string, file: string, text: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(pattern)) {
    const spec = m[1] ?? m[2];
    const ref = spec === undefined ? null : resolveRef(distDir, file, spec);
    if (ref !== null && ref !== file) found.push(ref);
  }
  return found;
}

/**
 * Walks the built files from `entries`. `eagerDynamic` treats dynamic imports as initial loads: the
 * content-script loader always imports its chunk straight away, so a page pays for it on every load.
 */
export function collectLoadSet(distDir: string, entries: string[], eagerDynamic = false): LoadSet {
  const initial = new Set<string>();
  const lazy = new Set<string>();
  const visit = (file: string, isInitial: boolean): void => {
    if (isInitial ? initial.has(file) : initial.has(file) || lazy.has(file)) return;
    (isInitial ? initial : lazy).add(file);
    if (isInitial) lazy.delete(file);
    if (file.endsWith('.wasm') || file.endsWith('.json')) return;
    const text = readFileSync(join(distDir, file), 'utf8');
    if (file.endsWith('.html')) {
      for (const ref of refsOf(distDir, file, text, HTML_REF)) visit(ref, isInitial);
      return;
    }
    for (const ref of refsOf(distDir, file, text, STATIC_IMPORT)) visit(ref, isInitial);
    for (const ref of refsOf(distDir, file, text, DYNAMIC_IMPORT)) visit(ref, isInitial && eagerDynamic);
    for (const ref of refsOf(distDir, file, text, ANY_ASSET)) visit(ref, false);
    for (const ref of refsOf(distDir, file, text, PACKAGE_DATA)) visit(ref, false);
  };
  for (const entry of entries) visit(entry, true);
  return { initial: [...initial].sort(), lazy: [...lazy].sort() };
}

function sizes(distDir: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(distDir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kib = (bytes: number): number => Math.round((bytes / 1024) * 100) / 100;

function rowsFor(distDir: string, label: string, set: LoadSet): BenchRow[] {
  const now = sizes(distDir, set.initial);
  const rows: BenchRow[] = [
    { name: `bundle ${label} raw`, value: kib(now.raw), unit: 'KiB', note: `${set.initial.length} files: ${set.initial.join(', ')}` },
    { name: `bundle ${label} gzip`, value: kib(now.gzip), unit: 'KiB' },
  ];
  if (set.lazy.length > 0) {
    const later = sizes(distDir, set.lazy);
    rows.push({ name: `bundle ${label} lazy raw`, value: kib(later.raw), unit: 'KiB', note: `loaded on demand: ${set.lazy.join(', ')}` });
    rows.push({ name: `bundle ${label} lazy gzip`, value: kib(later.gzip), unit: 'KiB' });
  }
  return rows;
}

/**
 * The content script imports its loaded-on-need part by a computed URL (load-detector.ts), which no import pattern
 * can follow: the web-accessible scripts are what it may load that way, so they count as lazy.
 */
function withContentModules(load: LoadSet, manifest: ChromeManifest): LoadSet {
  const modules = (manifest.web_accessible_resources ?? []).flatMap((r) => r.resources ?? []).filter((f) => f.endsWith('.js'));
  return { initial: load.initial, lazy: [...new Set([...load.lazy, ...modules.filter((f) => !load.initial.includes(f))])] };
}

/** Measures a fresh build of the current source (or KEYFOB_DIST when given), never touching dist/. */
export async function benchBundleSize(_opts: BenchOptions, distOverride = process.env.KEYFOB_DIST): Promise<BenchRow[]> {
  const ownBuild = distOverride === undefined || distOverride === '';
  const distDir = ownBuild ? mkdtempSync(join(tmpdir(), 'kf-bench-dist-')) : resolve(distOverride);
  try {
    if (ownBuild) buildExtensionInto(distDir, { stdio: ['ignore', 'ignore', 'inherit'] });
    const manifestFile = join(distDir, 'manifest.json');
    if (!existsSync(manifestFile)) throw new Error(`no built extension in ${distDir} (did the build fail?)`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ChromeManifest;
    const rows: BenchRow[] = [];
    const popup = manifest.action?.default_popup;
    if (popup) rows.push(...rowsFor(distDir, 'popup', collectLoadSet(distDir, [popup])));
    const worker = manifest.background?.service_worker;
    if (worker) rows.push(...rowsFor(distDir, 'background', collectLoadSet(distDir, [worker])));
    const content = (manifest.content_scripts ?? []).flatMap((cs) => [...(cs.js ?? []), ...(cs.css ?? [])]);
    if (content.length > 0) rows.push(...rowsFor(distDir, 'content script', withContentModules(collectLoadSet(distDir, content, true), manifest)));
    return rows;
  } finally {
    if (ownBuild) rmSync(distDir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, benchBundleSize);
