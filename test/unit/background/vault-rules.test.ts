// The vault's pure rules: password strength, settings validation, the auto-lock decision, record decoding.
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, toAccountView, type AccountRecord } from '../../../extension/background/vault/account-record.ts';
import { shouldAutoLock } from '../../../extension/background/vault/auto-lock.ts';
import { judgePassword } from '../../../src/shared/password-policy.ts';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../extension/background/vault/settings.ts';

describe('judgePassword', () => {
  it.each(['Short1!', 'password123', 'PASSWORD1', 'abcdefgh', 'Abcdefghij', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'abababababababab'])(
    'refuses %s with a reason',
    (pw) => {
      const verdict = judgePassword(pw);
      expect(verdict.ok).toBe(false);
      expect(!verdict.ok && verdict.reason.length).toBeGreaterThan(10);
    },
  );
  it.each(['Correct-Horse-9', 'Abcdefg1!', 'plain lowercase phrase', 'correct horse battery staple'])('accepts %s', (pw) => {
    expect(judgePassword(pw)).toEqual({ ok: true });
  });
});

describe('mergeSettings', () => {
  it('applies valid changes and keeps the rest', () => {
    expect(mergeSettings(DEFAULT_SETTINGS, { autoLockMinutes: 0, autofillMode: 'on-click' }, true))
      .toEqual({ autoLockMinutes: 0, autofillMode: 'on-click', submitAfterFill: false, useCorrectedTime: false });
  });
  it('keeps the corrected time off by default and takes only true or false for it', () => {
    expect(DEFAULT_SETTINGS.useCorrectedTime).toBe(false);
    expect(mergeSettings(DEFAULT_SETTINGS, { useCorrectedTime: true }, true).useCorrectedTime).toBe(true);
    const bad = { useCorrectedTime: 'yes' } as unknown as Partial<typeof DEFAULT_SETTINGS>;
    expect(() => mergeSettings(DEFAULT_SETTINGS, bad, true)).toThrow(/useCorrectedTime/);
  });
  it('refuses invalid values when strict and ignores them when reading old stored data', () => {
    const bad = { autoLockMinutes: 2.5, autofillMode: 'always' } as unknown as Partial<typeof DEFAULT_SETTINGS>;
    expect(() => mergeSettings(DEFAULT_SETTINGS, bad, true)).toThrow(/autoLockMinutes/);
    expect(mergeSettings(DEFAULT_SETTINGS, bad, false)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('shouldAutoLock', () => {
  it('locks when idle or the screen is locked, never while active or when auto-lock is off', () => {
    expect(shouldAutoLock('idle', 15)).toBe(true);
    expect(shouldAutoLock('locked', 15)).toBe(true);
    expect(shouldAutoLock('active', 15)).toBe(false);
    expect(shouldAutoLock('idle', 0)).toBe(false);
  });
});

describe('account records', () => {
  const record: AccountRecord = {
    account: { type: 'hotp', issuer: 'X', account: 'y', secret: 'jbsw y3dp ehpk 3pxp', algorithm: 'SHA1', digits: 6, period: 30, counter: 7 },
    origins: ['https://x.example'], notes: '', recoveryCodes: [{ code: 'a', used: true }, { code: 'b', used: false }], createdAt: 1,
    groups: ['Bank'], favourite: true,
  };
  it('normalises the secret when decoding and hides it from the view', () => {
    const decoded = decodeRecord(encodeRecord(record));
    expect(decoded?.account.secret).toBe('JBSWY3DPEHPK3PXP');
    const view = toAccountView({ id: 'i', position: 0, record: decoded! });
    expect(view).not.toHaveProperty('secret');
    expect(JSON.stringify(view)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(view.recoveryCodes).toEqual({ total: 2, unused: 1 });
  });
  it('returns null for plaintext that is not a record', () => {
    expect(decodeRecord(new TextEncoder().encode('{"account":{"type":"sms"}}'))).toBeNull();
    expect(decodeRecord(new TextEncoder().encode('not json'))).toBeNull();
  });
});
