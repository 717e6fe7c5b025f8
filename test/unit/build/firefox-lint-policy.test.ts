// Which web-ext lint findings pass npm test: only the few explained ones, recognised exactly; and no source of ours writes HTML.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeLintReport, type LintMessage } from '../../../scripts/build/firefox-lint-policy.ts';

const report = (warnings: LintMessage[], errors: LintMessage[] = []) => ({ errors, warnings, notices: [] });
const files: Record<string, string> = {
  'assets/popup.js': 'function d(e,u){u&&(e.innerHTML=u.__html)}',
  'assets/evil.js': 'function d(e,t){e.innerHTML=t}',
  'extension/content/index.js': 'var x=`extension/content/detector.js`,S=null;function C(){return S??=import(s(x)).catch(e=>{throw S=null,e}),S}',
  'extension/content/other.js': 'function C(){return import(s(u))}',
};
const source = (file: string): string => files[file] ?? '';
/** web-ext reports 1-based columns. */
const columnOf = (file: string, text: string): number => source(file).indexOf(text) + 1;

describe('judgeLintReport', () => {
  it("keeps Preact's dangerouslySetInnerHTML assignment and refuses any other innerHTML assignment", () => {
    const preact = { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file: 'assets/popup.js', line: 1, column: columnOf('assets/popup.js', 'e.innerHTML') };
    const other = { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file: 'assets/evil.js', line: 1, column: columnOf('assets/evil.js', 'e.innerHTML') };
    const verdict = judgeLintReport(report([preact, other]), source);
    expect(verdict.kept.map((k) => k.message)).toEqual([preact]);
    expect(verdict.refused).toEqual([other]);
    expect(verdict.ok).toBe(false);
  });

  it('keeps the content script\'s one import of its packaged detector, and refuses an import anywhere else', () => {
    const unsafeImport = (file: string) => ({ code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe call to import for argument 0', file, line: 1, column: columnOf(file, 'import(') });
    const detector = unsafeImport('extension/content/index.js');
    const other = unsafeImport('extension/content/other.js');
    const verdict = judgeLintReport(report([detector, other]), source);
    expect(verdict.kept.map((k) => k.message)).toEqual([detector]);
    expect(verdict.refused).toEqual([other]);
  });

  it('keeps the combined-manifest and offscreen warnings, and passes a report of only those', () => {
    const verdict = judgeLintReport(report([
      { code: 'BACKGROUND_SERVICE_WORKER_IGNORED', message: 'Unsupported "/background/service_worker" manifest property is ignored by Firefox.', file: 'manifest.json' },
      { code: 'MANIFEST_PERMISSIONS', message: '/permissions: Invalid permissions "offscreen" at 9.', file: 'manifest.json' },
      { code: 'UNSUPPORTED_API', message: 'offscreen.createDocument is not supported', file: 'service-worker.js', line: 1, column: 5 },
    ]), source);
    expect(verdict).toMatchObject({ ok: true, refused: [] });
  });

  it('refuses every error, another invalid permission and an unknown warning', () => {
    const error = { code: 'MANIFEST_FIELD_REQUIRED', message: '"/name" is a required property', file: 'manifest.json' };
    const permission = { code: 'MANIFEST_PERMISSIONS', message: '/permissions: Invalid permissions "debugger" at 3.', file: 'manifest.json' };
    const unknown = { code: 'DANGEROUS_EVAL', message: 'eval can be harmful.', file: 'assets/popup.js', line: 1, column: 1 };
    const verdict = judgeLintReport(report([permission, unknown], [error]), source);
    expect(verdict.refused).toEqual([error, permission, unknown]);
    expect(verdict.ok).toBe(false);
  });
});

describe('extension sources', () => {
  it('never build markup from strings (innerHTML, outerHTML, insertAdjacentHTML, document.write, dangerouslySetInnerHTML)', () => {
    const dir = resolve(import.meta.dirname, '../../../extension');
    const offenders = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && /\.(ts|tsx|html)$/.test(d.name))
      .map((d) => join(d.parentPath, d.name))
      .filter((file) => /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML)\b|document\.write\(/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
