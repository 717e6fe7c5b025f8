// chrome.i18n for unit tests: reads _locales/<lang>/messages.json and substitutes exactly as the browser does
// ($NAME$ → the placeholder's content, $1…$9 → the substitutions, $$ → $), so tests see the real words.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type MessagesFile = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> }>;

export const LOCALES_DIR = resolve(import.meta.dirname, '../../../_locales');

export function readMessages(locale: string): MessagesFile {
  return JSON.parse(readFileSync(resolve(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as MessagesFile;
}

/** One message as chrome.i18n.getMessage renders it; '' for an unknown key, as the browser answers. */
export function renderMessage(file: MessagesFile, key: string, substitutions: readonly string[] = []): string {
  const entry = file[key];
  if (!entry) return '';
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders[name.toLowerCase()] ?? whole);
  return withPlaceholders.replace(/\$(\$|[1-9])/g, (_whole, what: string) => (what === '$' ? '$' : substitutions[Number(what) - 1] ?? ''));
}

/** Installs globalThis.chrome.i18n answering in `locale` (English by default), keeping any other chrome.* stub. */
export function installChromeI18n(locale = 'en', uiLanguage = 'en-US'): void {
  const file = readMessages(locale);
  const english = locale === 'en' ? file : readMessages('en');
  const g = globalThis as unknown as { chrome?: Record<string, unknown> };
  g.chrome = {
    ...(g.chrome ?? {}),
    i18n: {
      getMessage: (key: string, subs?: string | string[]) => {
        const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
        return renderMessage(key in file ? file : english, key, list);
      },
      getUILanguage: () => uiLanguage,
    },
  };
}
