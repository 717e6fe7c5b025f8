// Every error the shared core and the CLI throw on purpose shares one base: callers branch on `code`, logs read `name`.
import { describe, expect, it } from 'vitest';
import { CodedError, isCodedError } from '../../../src/shared/coded-error.ts';
import { base32Decode } from '../../../src/shared/base32.ts';
import { base64ToBytes } from '../../../src/shared/base64.ts';
import { decodeMigrationUri } from '../../../src/shared/migration.ts';
import { parseOtpauthUri } from '../../../src/shared/otpauth.ts';
import { normaliseSyncKit } from '../../../src/shared/sync/recovery-kit.ts';
import { CliUsageError } from '../../../scripts/cli/cli-io.ts';

function thrown(work: () => unknown): unknown {
  try { work(); } catch (err) { return err; }
  throw new Error('expected a throw');
}

describe('CodedError', () => {
  it('is what the shared parsers throw, each with its own name and a code of its own list', () => {
    const cases: [unknown, string, string][] = [
      [thrown(() => base32Decode('!!')), 'Base32Error', 'invalid-character'],
      [thrown(() => base64ToBytes('@@@@')), 'Base64Error', 'invalid-base64'],
      [thrown(() => decodeMigrationUri('https://example.com')), 'MigrationError', 'not_migration_uri'],
      [thrown(() => parseOtpauthUri('https://example.com')), 'OtpauthError', 'not-otpauth'],
      [thrown(() => normaliseSyncKit('ABCD')), 'SyncKitError', 'kit-length'],
      [new CliUsageError('bad flag'), 'CliUsageError', 'usage'],
    ];
    for (const [err, name, code] of cases) {
      expect(isCodedError(err)).toBe(true);
      expect(err).toBeInstanceOf(Error);
      expect((err as CodedError).name).toBe(name);
      expect((err as CodedError).code).toBe(code);
      expect((err as CodedError).message.length).toBeGreaterThan(0);
    }
  });

  it('keeps a bug apart from a refusal: a TypeError is not coded', () => {
    expect(isCodedError(new TypeError('x'))).toBe(false);
    expect(isCodedError({ code: 'usage', message: 'forged' })).toBe(false);
  });
});
