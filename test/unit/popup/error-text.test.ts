// The popup words every error code the background (or the transport) can answer with, in the UI's language.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundError } from '../../../extension/messages.ts';
import { ERROR_WORDS, errorText } from '../../../extension/popup/error-text.ts';
import { judgePassword } from '../../../src/shared/password-policy.ts';
import { installChromeI18n, readMessages, renderMessage } from '../support/chrome-i18n.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const BACKGROUND_FILES = readdirSync(resolve(ROOT, 'extension/background'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f)).map((f) => `extension/background/${f.replaceAll('\\', '/')}`);
const SOURCES = [...BACKGROUND_FILES, 'extension/messages.ts'].map((file) => ({ file, text: readFileSync(resolve(ROOT, file), 'utf8') }));

/** Every error construction in the background and the transport: `new XError(<first argument>` and router replies. */
function errorCodesInSource(): { codes: Set<string>; notLiteral: string[] } {
  const codes = new Set<string>();
  const notLiteral: string[] = [];
  for (const { file, text } of SOURCES) {
    for (const m of text.matchAll(/new (?:HandlerError|VaultError|BackgroundError)\(\s*([^,]+),/g)) {
      const literal = /^'([a-z_]+)'$/.exec(m[1]!.trim());
      if (literal) codes.add(literal[1]!);
      // The transport re-raises whatever code the background replied with; that code is checked where it is made.
      else if (!(file === 'extension/messages.ts' && m[1]!.trim() === 'reply.error.code')) notLiteral.push(`${file}: ${m[0]}`);
    }
    for (const m of text.matchAll(/error: \{ code: '([a-z_]+)'/g)) codes.add(m[1]!);
  }
  return { codes, notLiteral };
}

const SAMPLE_MESSAGE = 'An English sentence only the background wrote';

describe('error words', () => {
  afterEach(() => installChromeI18n());

  it('has words for every error code the background, the router and the transport construct', () => {
    const { codes, notLiteral } = errorCodesInSource();
    // The scan must see the codes it is meant to see, or an empty result would pass.
    expect([...codes]).toEqual(expect.arrayContaining(['forbidden', 'invalid_request', 'internal', 'locked', 'wrong_password', 'invalid_backup', 'no_answer']));
    expect(notLiteral).toEqual([]);
    expect([...codes].filter((code) => !Object.hasOwn(ERROR_WORDS, code))).toEqual([]);
  });

  it.each(['en', 'de', 'fr', 'es', 'ja', 'pt_BR'])('%s: shows the locale\'s words for each code, never the background\'s sentence alone', (locale) => {
    installChromeI18n(locale);
    const messages = readMessages(locale);
    for (const [code, key] of Object.entries(ERROR_WORDS)) {
      const words = renderMessage(messages, key);
      expect(words, `${locale} ${key}`).not.toBe('');
      const shown = errorText(new BackgroundError(code, SAMPLE_MESSAGE));
      expect(shown.startsWith(words), `${locale} ${code}`).toBe(true);
    }
  });

  it('never shows the background\'s English sentence, with or without a reason', () => {
    const shown = Object.keys(ERROR_WORDS).filter((code) => errorText(new BackgroundError(code, SAMPLE_MESSAGE)).includes(SAMPLE_MESSAGE));
    expect(shown).toEqual([]);
    expect(errorText(new BackgroundError('invalid_backup', 'This backup is damaged and cannot be read', { code: 'backup-damaged' })))
      .toBe('This file cannot be imported: This backup is damaged and cannot be read');
    installChromeI18n('fr');
    const verdict = judgePassword('password123');
    if (verdict.ok) throw new Error('password123 must be refused');
    expect(errorText(new BackgroundError('weak_password', verdict.reason, verdict.why)))
      .toBe('Ce mot de passe est trop faible : Ce mot de passe est trop courant');
    // A reason the popup cannot trust (unknown code, a value of the wrong kind) leaves the code's words alone.
    expect(errorText(new BackgroundError('weak_password', SAMPLE_MESSAGE, { code: 'password-too-short', min: '<b>8</b>' })))
      .toBe('Ce mot de passe est trop faible');
    expect(errorText(new BackgroundError('invalid_account', SAMPLE_MESSAGE, { code: 'constructor' }))).toBe('Ce compte ne peut pas être ajouté');
  });

  it('keeps the English wording the e2e tests and users know for the existing codes', () => {
    expect(errorText(new BackgroundError('wrong_password', 'Wrong backup password'))).toBe('Wrong password');
    expect(errorText(new BackgroundError('locked', SAMPLE_MESSAGE))).toBe('Keyfob is locked; unlock it first');
    expect(errorText(new BackgroundError('no_answer', SAMPLE_MESSAGE))).toBe('Keyfob did not answer; try again');
  });

  it('gives generic words, not the raw message, for a code it does not know', () => {
    expect(errorText(new BackgroundError('tampered', 'The encrypted data has been altered or damaged.'))).toBe('Something went wrong');
    installChromeI18n('ja');
    expect(errorText(new BackgroundError('constructor', SAMPLE_MESSAGE))).toBe(renderMessage(readMessages('ja'), 'errorUnknown'));
  });
});
