// Which `web-ext lint` findings Keyfob keeps on purpose (each explained in README "Packages for the stores"); any other fails.
import { DETECTOR_FILE } from '../../extension/content/detector-file.ts';

export interface LintMessage { code: string; message: string; file?: string; line?: number; column?: number }
export interface LintReport { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] }

/** A kept warning: why it is harmless, and how to recognise exactly that one and nothing broader. */
interface KeptWarning { why: string; matches(m: LintMessage, source: (file: string) => string): boolean }

/** The text of a minified file from a finding's 1-based line and column on. */
function textAt(source: string, line: number | undefined, column: number | undefined): string {
  if (!line || !column) return '';
  return (source.split('\n')[line - 1] ?? '').slice(column - 1, column - 1 + 80);
}

export const KEPT_WARNINGS: readonly KeptWarning[] = [
  {
    why: 'one manifest for both browsers: Chromium runs background.service_worker, Firefox the same file from background.scripts',
    matches: (m) => m.code === 'BACKGROUND_SERVICE_WORKER_IGNORED' && m.file === 'manifest.json',
  },
  {
    why: 'Chromium needs "offscreen" to clear the clipboard from its worker; Firefox ignores the permission (its event page has a document)',
    matches: (m) => m.code === 'MANIFEST_PERMISSIONS' && m.file === 'manifest.json' && /^\/permissions: Invalid permissions "offscreen" at \d+\.$/.test(m.message),
  },
  {
    why: 'the worker calls chrome.offscreen only after checking it exists (background/clipboard/clipboard-access.ts), so never in Firefox',
    matches: (m) => m.code === 'UNSUPPORTED_API' && /^offscreen\.(createDocument|closeDocument) is not supported$/.test(m.message),
  },
  {
    // Preact's diff sets innerHTML only for the dangerouslySetInnerHTML prop, which no Keyfob source uses (a unit test scans for it).
    why: "Preact's own dangerouslySetInnerHTML branch (dom.innerHTML = props.dangerouslySetInnerHTML.__html), unused by Keyfob",
    matches: (m, source) => m.code === 'UNSAFE_VAR_ASSIGNMENT' && m.file !== undefined
      && /^[\w$]+\.innerHTML\s*=\s*[\w$]+\.__html\b/.test(textAt(source(m.file), m.line, m.column)),
  },
  {
    // The one import() of the content script (load-detector.ts): its argument is runtime.getURL of a file in the package.
    why: 'the content script imports its own packaged detector module, by runtime.getURL of a fixed path; no remote code',
    matches: (m, source) => m.code === 'UNSAFE_VAR_ASSIGNMENT' && m.file === 'extension/content/index.js'
      && /^import\([\w$]+\([\w$]+\)\)/.test(textAt(source(m.file), m.line, m.column))
      && source(m.file).split(DETECTOR_FILE).length === 2 && source(m.file).split('import(').length === 2,
  },
];

export interface LintVerdict { ok: boolean; kept: Array<{ message: LintMessage; why: string }>; refused: LintMessage[] }

/** Every error is refused; a warning passes only when one KEPT_WARNINGS entry recognises it. Notices never fail. */
export function judgeLintReport(report: LintReport, source: (file: string) => string): LintVerdict {
  const kept: LintVerdict['kept'] = [];
  const refused: LintMessage[] = [...report.errors];
  for (const warning of report.warnings) {
    const rule = KEPT_WARNINGS.find((k) => k.matches(warning, source));
    if (rule) kept.push({ message: warning, why: rule.why });
    else refused.push(warning);
  }
  return { ok: refused.length === 0, kept, refused };
}
