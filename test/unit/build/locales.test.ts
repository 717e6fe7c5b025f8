// The translations are complete and consistent (every locale has exactly the English keys, the same placeholders,
// no empty message), and the files moved to chrome.i18n stay free of hard-coded words.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHardCodedText } from './hard-coded-text.ts';
import { LOCALES_DIR, readMessages, renderMessage, type MessagesFile } from '../support/chrome-i18n.ts';

const REQUIRED = ['en', 'de', 'fr', 'es', 'ja', 'pt_BR'];
const locales = readdirSync(LOCALES_DIR).sort();
const english = readMessages('en');

/** Placeholder names used in a message, and each one's $n, e.g. "count=$1". */
function placeholdersOf(entry: MessagesFile[string]): string[] {
  const used = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase());
  const declared = Object.entries(entry.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`);
  return [...new Set(used)].sort().map((name) => declared.find((d) => d.startsWith(`${name}=`)) ?? `${name}=UNDECLARED`);
}

describe('_locales', () => {
  it('has the six languages Keyfob ships, English as the reference', () => {
    for (const locale of REQUIRED) expect(locales).toContain(locale);
  });

  it.each(locales)('%s has every English key and no other', (locale) => {
    const keys = Object.keys(readMessages(locale)).sort();
    expect(keys).toEqual(Object.keys(english).sort());
  });

  it.each(locales)('%s: every message is non-empty and uses the same placeholders as English', (locale) => {
    const file = readMessages(locale);
    for (const [key, entry] of Object.entries(file)) {
      const reference = english[key];
      if (!reference) continue; // reported by the key test
      expect(entry.message.trim(), `${locale}/${key}`).not.toBe('');
      expect(placeholdersOf(entry), `${locale}/${key}`).toEqual(placeholdersOf(reference));
      // A placeholder declared but never used, or used but not declared, would show a literal $NAME$.
      expect(Object.keys(entry.placeholders ?? {}).length, `${locale}/${key}`).toBe(placeholdersOf(entry).length);
    }
  });

  it('counted messages come in _one and _other pairs, the count always $1', () => {
    for (const key of Object.keys(english).filter((k) => /_(one|other)$/.test(k))) {
      const stem = key.replace(/_(one|other)$/, '');
      expect(Object.keys(english), key).toEqual(expect.arrayContaining([`${stem}_one`, `${stem}_other`]));
      // plural() passes the count first, whatever order the words put it in ("Found a QR code" may leave it out).
      const placeholders = english[key]?.placeholders ?? {};
      if (placeholders.count) expect(placeholders.count.content, key).toBe('$1');
      if (key.endsWith('_other')) expect(Object.values(placeholders).map((p) => p.content), key).toContain('$1');
      expect(renderMessage(english, `${stem}_other`, ['7', 'x', 'y']), key).toContain('7');
    }
  });

  it.each(locales)('%s: pluralLocale is a language Intl.PluralRules knows', (locale) => {
    const tag = readMessages(locale).pluralLocale?.message ?? '';
    expect(Intl.PluralRules.supportedLocalesOf([tag])).toEqual([tag]);
    expect(tag.replace('-', '_')).toBe(locale);
  });

  it.each(locales)('%s: the store summary (extDescription) fits Chrome Web Store\'s 132 characters', (locale) => {
    expect([...(readMessages(locale).extDescription?.message ?? '')].length).toBeLessThanOrEqual(132);
  });

  it('renders substitutions in the translated order', () => {
    expect(renderMessage(english, 'toolbarFillable_other', ['3'])).toBe('Keyfob: 3 accounts can fill this page');
    expect(renderMessage(readMessages('ja'), 'inlineNextCodeIn_other', ['12'])).toBe('次のコードまで 12 秒');
  });
});

/**
 * The files whose user-visible words all come from _locales: the whole popup (new files are picked up by themselves),
 * the in-page UI, and the background's menus and toolbar titles. The background's and the transport's error messages
 * stay English in code but are never shown alone: error-text.ts words every code (test/unit/popup/error-text.test.ts).
 * The shared parsers' and password policy's refusals travel as structured reasons that reason-text.ts words
 * (test/unit/popup/reason-text.test.ts).
 */
const POPUP_FILES = readdirSync(resolve(LOCALES_DIR, '../extension/popup'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f)).map((f) => `extension/popup/${f.replaceAll('\\', '/')}`).sort();
const MOVED = [
  ...POPUP_FILES,
  'extension/content/autofill.ts',
  'extension/content/recovery-codes.ts',
  'extension/content/inline-ui.ts',
  'extension/background/context-menu.ts',
  'extension/background/autofill/fill-commands.ts',
  'extension/background/toolbar-state.ts',
];

describe('hard-coded user-visible text', () => {
  it.each(MOVED)('%s shows no word that is not from _locales', (file) => {
    expect(findHardCodedText(file)).toEqual([]);
  });

  it('the scan finds JSX text, labels, titles and sentences handed to the UI', () => {
    const found = findHardCodedText('sample.tsx', `
      export function A() {
        setError('The passwords do not match');
        setResult('Filled');
        button.textContent = 'Go';
        el.setAttribute('aria-label', 'Close');
        const ok = t('save');
        return <main title="Hello" data-testid="fine-id"><h1>Welcome</h1><p>{busy ? 'Creating…' : t('save')}</p><span>•</span>{'42'}</main>;
      }`);
    expect(found.map((f) => f.text)).toEqual(['The passwords do not match', 'Filled', 'Go', 'Close', 'Hello', 'Welcome', 'Creating…']);
  });
});
