// Every reason the shared checks and the background give has a whole sentence in each of the six languages, and the
// popup only makes one from a reason whose values are what its code declares.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readReason, REASON_WORDS, reasonText } from '../../../extension/popup/reason-text.ts';
import { failedLineText } from '../../../extension/popup/screens/settings/failed-line-text.ts';
import { decodeMigrationPayload, decodeMigrationUri, MigrationError } from '../../../src/shared/migration.ts';
import { OtpauthError, parseOtpauthUri, validateOtpAccount } from '../../../src/shared/otpauth.ts';
import { judgePassword } from '../../../src/shared/password-policy.ts';
import type { OtpAccount } from '../../../src/shared/types.ts';
import { payload as migrationPayload } from '../migration-payload-writer.ts';
import { installChromeI18n, readMessages } from '../support/chrome-i18n.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'pt_BR'];
/** Where reasons are made: the shared checks and the background's backup reader. */
const REASON_SOURCES = ['src/shared/password-policy.ts', 'src/shared/otpauth.ts', 'src/shared/migration.ts', 'extension/background/vault/backup.ts'];

/** Reason codes written as literals where reasons are made, and the migration error codes (the error makes its reason). */
function reasonCodesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of REASON_SOURCES) {
    const text = readFileSync(resolve(ROOT, file), 'utf8');
    for (const m of text.matchAll(/\{ code: '([a-z0-9_-]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/new MigrationError\('([a-z_]+)'/g)) codes.add(m[1]!);
  }
  return codes;
}

/** One reason per code (and per enumerated value), with distinct sample values so each can be found in the sentence. */
function sampleReasons(): { reason: Record<string, unknown>; values: string[] }[] {
  return Object.entries(REASON_WORDS).flatMap(([code, wording]) => {
    const entries = Object.entries(wording.params as Record<string, 'number' | 'text' | readonly string[]>);
    const enums = entries.find(([, kind]) => Array.isArray(kind));
    const choices = enums ? (enums[1] as readonly string[]).map((v) => ({ [enums[0]]: v })) : [{}];
    return choices.map((choice) => {
      const reason: Record<string, unknown> = { code, ...choice };
      const values: string[] = [];
      entries.forEach(([name, kind], i) => {
        if (kind === 'number') { reason[name] = 40 + i; values.push(String(40 + i)); }
        if (kind === 'text') { reason[name] = `V${i}x`; values.push(`V${i}x`); }
      });
      return { reason, values };
    });
  });
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

const ACCOUNT: OtpAccount = { type: 'totp', issuer: 'ACME', account: 'a', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

describe('reason words', () => {
  afterEach(() => installChromeI18n());

  it('has words for every reason code the shared checks and the backup reader construct', () => {
    const codes = reasonCodesInSource();
    // The scan must see what it is meant to see, or an empty result would pass.
    expect([...codes]).toEqual(expect.arrayContaining(['password-too-short', 'bad-percent-encoding', 'malformed_payload', 'secret-size', 'backup-damaged']));
    expect([...codes].filter((code) => !Object.hasOwn(REASON_WORDS, code))).toEqual([]);
  });

  it.each(LOCALES)('%s: every reason is a whole sentence in the locale, every value in its place', (locale) => {
    installChromeI18n(locale);
    const english = readMessages('en');
    for (const { reason, values } of sampleReasons()) {
      const text = reasonText(reason);
      const label = `${locale} ${JSON.stringify(reason)}`;
      expect(text, label).toBeTruthy();
      expect(text, label).not.toMatch(/\$[A-Z0-9_]+\$|\$\d/);
      // A sentence chosen by an enumerated value (bad-label's problem) may leave a value out; the others use them all.
      if (!('problem' in reason)) for (const value of values) expect(text, label).toContain(value);
      if (locale !== 'en') {
        installChromeI18n('en');
        const inEnglish = reasonText(reason);
        installChromeI18n(locale);
        expect(text, `${label} is translated`).not.toBe(inEnglish);
      }
    }
    // Every reason message exists in the locale file itself, not only through the English fallback.
    const own = readMessages(locale);
    for (const key of Object.keys(english).filter((k) => k.startsWith('reason') || k.startsWith('field'))) {
      expect(own[key]?.message, `${locale}/${key}`).toBeTruthy();
    }
  });

  it('accepts the reasons the shared parsers really give, and words them', () => {
    const refusals = [
      () => parseOtpauthUri('https://example.com'),
      () => parseOtpauthUri(`otpauth://totp/A?secret=${'A'.repeat(5000)}`),
      () => parseOtpauthUri('otpauth://totp/A%zz?secret=JBSWY3DPEHPK3PXP'),
      () => parseOtpauthUri('otpauth://yaotp/A?secret=JBSWY3DPEHPK3PXP'),
      () => parseOtpauthUri('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP'),
      () => parseOtpauthUri('otpauth://totp/A?issuer=x'),
      () => parseOtpauthUri('otpauth://totp/A?secret=not base32!'),
      () => parseOtpauthUri('otpauth://totp/A?secret=JBSW'),
      () => parseOtpauthUri('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=x'),
      () => parseOtpauthUri('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&period=99999'),
      () => parseOtpauthUri('otpauth://hotp/A?secret=JBSWY3DPEHPK3PXP'),
      () => parseOtpauthUri('otpauth://hotp/A?secret=JBSWY3DPEHPK3PXP&counter=-1'),
      () => parseOtpauthUri('otpauth://totp/%0A?secret=JBSWY3DPEHPK3PXP'),
      () => validateOtpAccount({ ...ACCOUNT, issuer: 'x'.repeat(300) }),
      () => validateOtpAccount({ ...ACCOUNT, algorithm: 'MD5' as OtpAccount['algorithm'] }),
      () => validateOtpAccount({ ...ACCOUNT, secret: 'A'.repeat(200) }),
      () => validateOtpAccount({ ...ACCOUNT, issuer: '', account: '' }),
      () => decodeMigrationUri('otpauth://totp/A'),
      () => decodeMigrationUri('otpauth-migration://offline?data='),
    ];
    const reasons = refusals.map((run) => {
      const err = thrown(run);
      expect(err instanceof OtpauthError || err instanceof MigrationError).toBe(true);
      return (err as OtpauthError | MigrationError).reason;
    });
    for (const reason of reasons) expect(readReason(reason), JSON.stringify(reason)).not.toBeNull();
    expect(new Set(reasons.map((r) => r?.code)).size).toBe(reasons.length);
    installChromeI18n('de');
    expect(reasonText(reasons[7])).toBe('Der geheime Schlüssel ist zu kurz: sichere Codes brauchen mindestens 10 Byte, er hat 2');
    expect(reasonText(reasons[12])).toBe('Der Kontoname enthält Steuerzeichen');
  });

  it('words the accounts an export leaves out, and each password refusal', () => {
    const { skipped } = decodeMigrationPayload(migrationPayload([
      { secret: [1, 2, 3, 4], name: 'short', algorithm: 1, digits: 1, type: 2 },
      { secret: Array.from({ length: 20 }, (_, i) => i), name: 'md5', algorithm: 4, digits: 1, type: 2 },
      { secret: [], name: 'none', algorithm: 1, digits: 1, type: 2 },
    ]));
    installChromeI18n('es');
    expect(skipped.map((s) => reasonText(s.why))).toEqual([
      'Keyfob acepta claves secretas de 10 a 64 bytes; esta tiene 4',
      'Los códigos MD5 no son compatibles',
      'La cuenta no tiene clave secreta',
    ]);
    const passwords = ['short', 'password123', 'aaaaaaaaaaaaaaaa', 'abcdefghij', 'x'.repeat(2000)];
    const words = passwords.map((pw) => { const v = judgePassword(pw); return v.ok ? null : reasonText(v.why); });
    expect(words).toEqual([
      'Usa al menos 8 caracteres',
      'Esta contraseña es demasiado común',
      'Usa más caracteres distintos',
      'Hazla más larga o combina mayúsculas, minúsculas, dígitos y símbolos',
      'Usa como máximo 1024 caracteres',
    ]);
  });

  it('refuses a reason whose values are not what its code declares', () => {
    expect(readReason({ code: 'secret-too-short', bytes: 3, min: 10 })).not.toBeNull();
    expect(readReason({ code: 'secret-too-short', bytes: '3', min: 10 })).toBeNull();
    expect(readReason({ code: 'secret-too-short', bytes: 3 })).toBeNull();
    expect(readReason({ code: 'secret-too-short', bytes: Number.NaN, min: 10 })).toBeNull();
    expect(readReason({ code: 'bad-label', problem: 'not-a-problem', max: 256 })).toBeNull();
    expect(readReason({ code: 'unknown-type', type: 'x'.repeat(41) })).toBeNull();
    expect(readReason({ code: 'toString' })).toBeNull();
    expect(readReason('password-too-common')).toBeNull();
    expect(readReason(null)).toBeNull();
  });

  it('words an import\'s failed line in the UI language, naming the export\'s account, English only without a reason', () => {
    installChromeI18n('fr');
    expect(failedLineText({ line: 2, message: 'x: MD5 codes are not supported', name: 'Bank (bob)', reason: { code: 'md5-unsupported' } }))
      .toBe('Ligne 2 : Bank (bob) : Les codes MD5 ne sont pas pris en charge');
    expect(failedLineText({ line: 3, message: 'English', reason: { code: 'invalid-secret' } }))
      .toBe('Ligne 3 : La clé secrète n\'est pas du base32 valide (lettres A–Z et chiffres 2–7)');
    expect(failedLineText({ line: 4, message: 'This line could not be read' })).toBe('Ligne 4 : This line could not be read');
  });
});
