// Text files of otpauth:// links, one a line (Aegis, Authenticator-Extension, Keyfob), and Google Authenticator migration links.
import { decodeMigrationUri, MigrationError, type MigrationSkipReason } from '../migration.ts';
import { formatOtpauthUri } from '../otpauth.ts';
import { EntrySink } from './entry.ts';
import type { FormatReader } from './format-reader.ts';
import { ImportError, type EntrySkipReason } from './types.ts';

const LINK = /^(otpauth|otpauth-migration|steam):\/\//i;

/** The non-empty lines of a text file; Ente also separates links with commas. */
export function linksOf(text: string): string[] {
  return text.split(/\r?\n|,(?=\s*(?:otpauth|steam):)/i).map((l) => l.trim()).filter((l) => l !== '');
}

/** A text whose every non-empty line is a link (a stray header line or two is allowed in a long list). */
export function isLinkList(text: string | null): text is string {
  if (text === null || /^\s*[[{]/.test(text)) return false;
  const lines = linksOf(text);
  const links = lines.filter((l) => LINK.test(l)).length;
  return links > 0 && links >= lines.length - 2;
}

function migrationSkip(why: MigrationSkipReason): EntrySkipReason {
  switch (why.code) {
    case 'md5-unsupported': return { code: 'unsupported-algorithm', algorithm: 'MD5' };
    case 'unknown-algorithm': return { code: 'unsupported-algorithm', algorithm: 'unknown' };
    case 'unknown-code-type': return { code: 'unsupported-type', type: 'unknown' };
    case 'unknown-digits': return { code: 'malformed-entry', field: 'digits' };
    case 'no-secret': return { code: 'malformed-entry', field: 'secret' };
    case 'counter-out-of-range': return { code: 'malformed-entry', field: 'counter' };
    case 'secret-size':
      return why.bytes < why.min
        ? { code: 'invalid-entry', otpauth: { code: 'secret-too-short', bytes: why.bytes, min: why.min } }
        : { code: 'invalid-entry', otpauth: { code: 'secret-too-long', bytes: why.bytes, max: why.max } };
    default: return { code: 'invalid-entry', otpauth: why };
  }
}

/** Files every link of `links` into `sink`: otpauth:// and steam:// one entry each, a migration link its whole batch. */
export function addLinks(sink: EntrySink, links: string[]): void {
  for (const link of links) {
    if (/^otpauth-migration:/i.test(link)) {
      try {
        const batch = decodeMigrationUri(link);
        for (const a of batch.accounts) sink.addUri(formatOtpauthUri(a));
        for (const s of batch.skipped) sink.skip(s.name, migrationSkip(s.why), s.reason);
      } catch (e) {
        if (!(e instanceof MigrationError)) throw e;
        sink.skip('Google Authenticator export', { code: 'malformed-entry', field: 'data' }, e.message);
      }
    } else {
      sink.addUri(link);
    }
  }
}

export const otpauthListReader: FormatReader = {
  detect(input) {
    if (!isLinkList(input.text)) return null;
    const links = linksOf(input.text).filter((l) => LINK.test(l));
    const migration = links.every((l) => /^otpauth-migration:/i.test(l));
    // A migration link holds a batch of accounts: the count is known once decoded, not from the line count.
    return migration
      ? { format: 'google-migration', app: 'Google Authenticator', encrypted: false, entries: null }
      : { format: 'otpauth-list', app: 'otpauth:// links', encrypted: false, entries: links.length };
  },

  async read(input, options) {
    const detected = otpauthListReader.detect(input);
    if (!detected || input.text === null) throw new ImportError('unrecognised-format', 'Not a list of otpauth:// links.');
    options.onProgress?.('reading-entries');
    const sink = new EntrySink();
    addLinks(sink, linksOf(input.text));
    return { format: detected.format, app: detected.app, encrypted: false, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
  },
};
