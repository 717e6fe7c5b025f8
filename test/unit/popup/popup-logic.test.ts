// The popup's pure parts: code grouping, password strength, the manual form, scanned payloads.
import { describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../../src/shared/index.ts';
import { groupCode } from '../../../extension/popup/components/format-code.ts';
import { rateMasterPassword } from '../../../extension/popup/components/PasswordStrength.tsx';
import { installChromeI18n } from '../support/chrome-i18n.ts';

installChromeI18n();
import { EMPTY_FORM, uriFromFields } from '../../../extension/popup/screens/account-form.ts';
import { describeAddResult } from '../../../extension/popup/screens/describe-add-result.ts';
import { classifyPayloads } from '../../../extension/popup/scan/qr-payloads.ts';

describe('groupCode', () => {
  it('splits six- and eight-digit codes into halves and leaves short ones alone', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(groupCode('1234567')).toBe('123 4567');
    expect(groupCode('1234')).toBe('1234');
  });
});

describe('rateMasterPassword', () => {
  it('calls anything under 8 characters too short, shows the background’s own refusal reason, and rewards length and variety', () => {
    expect(rateMasterPassword('short').score).toBe(0);
    expect(rateMasterPassword('aaaaaaaaaaaa').score).toBe(1);
    expect(rateMasterPassword('password123').label).toMatch(/too common/);
    expect(rateMasterPassword('lowercase12').score).toBeLessThan(rateMasterPassword('Correct Horse Battery 9').score);
    expect(rateMasterPassword('Correct Horse Battery 9').score).toBe(4);
  });
});

describe('uriFromFields', () => {
  it('turns the manual form into a URI the shared parser reads back to the same account', () => {
    const uri = uriFromFields({ ...EMPTY_FORM, issuer: 'ACME Co', account: 'alice@example.com', secret: 'jbsw y3dp-ehpk 3pxp', digits: '8', algorithm: 'SHA256' });
    expect(parseOtpauthUri(uri)).toMatchObject({
      type: 'totp', issuer: 'ACME Co', account: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP', digits: 8, algorithm: 'SHA256', period: 30,
    });
  });

  it('keeps the counter for HOTP accounts', () => {
    const uri = uriFromFields({ ...EMPTY_FORM, type: 'hotp', account: 'bob', secret: 'JBSWY3DPEHPK3PXP', counter: '42' });
    expect(parseOtpauthUri(uri)).toMatchObject({ type: 'hotp', account: 'bob', counter: 42 });
  });
});

describe('classifyPayloads', () => {
  it('separates accounts, malformed 2FA payloads (with the parser’s words) and unrelated QR codes', () => {
    const out = classifyPayloads([
      'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A',
      'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A',
      'otpauth://totp/B:b?secret=!!!',
      'otpauth-migration://offline?data=%%%',
      'https://example.com/',
    ]);
    expect(out.items).toHaveLength(1);
    expect(out.problems).toHaveLength(2);
    expect(out.problems.every((p) => p.length > 10)).toBe(true);
    expect(out.unrelated).toBe(1);
  });
});

describe('describeAddResult', () => {
  it('names what was saved and what was refused as a duplicate', () => {
    const text = describeAddResult({
      added: [{
        id: 'x', position: 0, type: 'totp', issuer: 'A', account: 'a', algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
        origins: [], notes: '', recoveryCodes: { total: 0, unused: 0 }, groups: [], favourite: false,
      }],
      duplicates: [{ issuer: 'B', account: 'b' }],
    });
    expect(text).toBe('Saved A (a). Already in Keyfob, not saved twice: B (b).');
  });
});
