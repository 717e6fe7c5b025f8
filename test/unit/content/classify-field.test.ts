// The field classifier, on plain facts: what counts as a one-time-code field, a recovery field, or neither.
import { describe, expect, it } from 'vitest';
import { classifyField, classifySplitGroup, compactText, hasCodeSignal, type FieldFacts } from '../../../extension/content/classify-field.ts';
import { pickRecoveryCodes } from '../../../extension/content/recovery-codes.ts';
import * as signals from '../../../extension/content/otp-signals.ts';

function field(over: Partial<FieldFacts>): FieldFacts {
  return { name: '', id: '', type: 'text', autocomplete: '', inputMode: '', maxLength: -1, pattern: '', texts: [], usable: true, ...over };
}

const box = (over: Partial<FieldFacts> = {}) => field({ maxLength: 1, inputMode: 'numeric', ...over });
const NEUTRAL = compactText('Sign in to your account');
const AUTHENTICATOR = compactText('Enter the code from your authenticator app');

describe('classifyField', () => {
  it('takes autocomplete="one-time-code" as decisive', () => {
    expect(classifyField(field({ autocomplete: 'one-time-code', texts: ['code'] }), NEUTRAL)).toBe('totp');
  });

  it.each([
    ['totp', ['totp']],
    ['otp-code id', ['otp-code']],
    ['two-factor name', ['twoFactorCode']],
    ['German label', ['Bestätigungscode']],
    ['French label', ['Code de vérification']],
    ['Spanish label', ['Código de verificación']],
    ['Japanese label', ['認証コード']],
    ['Russian label', ['Код подтверждения']],
  ])('recognises a strong word in any language (%s)', (_name, texts) => {
    expect(classifyField(field({ texts }), NEUTRAL)).toBe('totp');
  });

  it('needs corroboration for the weak word "code": numeric and six long is enough', () => {
    expect(classifyField(field({ texts: ['code'] }), NEUTRAL)).toBeNull();
    expect(classifyField(field({ texts: ['code'], inputMode: 'numeric', maxLength: 6 }), NEUTRAL)).toBe('totp');
  });

  it('accepts a bare numeric 6-digit field only when the page talks about an authenticator', () => {
    const bare = field({ type: 'tel', maxLength: 6 });
    expect(hasCodeSignal(bare)).toBe(true);
    expect(classifyField(bare, NEUTRAL)).toBeNull();
    expect(classifyField(bare, AUTHENTICATOR)).toBe('totp');
  });

  it.each([
    ['postal code', field({ texts: ['postal_code', 'Postal code'], inputMode: 'numeric', maxLength: 6 })],
    ['zip', field({ texts: ['zip'], inputMode: 'numeric', maxLength: 5 })],
    ['phone', field({ type: 'tel', autocomplete: 'tel', texts: ['phone'], maxLength: 8 })],
    ['mobile', field({ type: 'tel', texts: ['mobile', 'Mobile number'], inputMode: 'numeric', maxLength: 8 })],
    ['card security code', field({ texts: ['cvc', 'Security code'], inputMode: 'numeric', maxLength: 4 })],
    ['card security code by label', field({ texts: ['Card security code'], inputMode: 'numeric', maxLength: 4 })],
    ['coupon', field({ texts: ['coupon', 'Coupon code'], maxLength: 8 })],
    ['captcha', field({ texts: ['captcha_code'], maxLength: 6 })],
    ['cc number', field({ autocomplete: 'cc-number', texts: ['number'], inputMode: 'numeric' })],
  ])('rejects a look-alike: %s', (_name, facts) => {
    expect(classifyField(facts, AUTHENTICATOR)).toBeNull();
  });

  it('rejects hidden, disabled or read-only fields and non-text types', () => {
    expect(classifyField(field({ autocomplete: 'one-time-code', usable: false }), NEUTRAL)).toBeNull();
    expect(classifyField(field({ autocomplete: 'one-time-code', type: 'checkbox' }), NEUTRAL)).toBeNull();
  });

  it('rejects a code field on a page that says the code came by SMS or e-mail', () => {
    const sms = compactText('We sent a text message with a code to your phone');
    expect(classifyField(field({ autocomplete: 'one-time-code', texts: ['code'] }), sms)).toBeNull();
    const both = compactText('Enter the code from your authenticator app, or get one by SMS');
    expect(classifyField(field({ autocomplete: 'one-time-code' }), both)).toBe('totp');
  });

  it('calls a recovery-code field a recovery field, never a TOTP one', () => {
    expect(classifyField(field({ texts: ['recovery_code', 'Recovery code'] }), AUTHENTICATOR)).toBe('recovery');
    expect(classifyField(field({ autocomplete: 'one-time-code', texts: ['backup-code'] }), NEUTRAL)).toBe('recovery');
  });

  it('does not mistake a backup e-mail field for a recovery-code field', () => {
    expect(classifyField(field({ texts: ['backup_email'], type: 'text' }), AUTHENTICATOR)).toBeNull();
  });
});

describe('signal lists', () => {
  it('keeps every plain-ASCII token already compact, since the fast path matches them as written', () => {
    const lists = [Object.values(signals.STRONG_TOKENS).flat(), signals.NEGATIVE_TOKENS, signals.RECOVERY_TOKENS,
      signals.SMS_OR_EMAIL_PHRASES, signals.CONTEXT_OTP_PHRASES, signals.RECOVERY_LIST_PHRASES, signals.WEAK_TOKENS,
      signals.AUTHENTICATOR_APP_PHRASES, signals.HARDWARE_KEY_PHRASES, signals.EXACT_NAMES];
    const ascii = lists.flat().filter((t) => /^[\x20-\x7e]*$/.test(t));
    expect(ascii.filter((t) => compactText(t) !== t)).toEqual([]);
  });

  it('writes a token in ASCII when its compact form is ASCII, since other tokens are only tried on non-ASCII text', () => {
    const lists = [Object.values(signals.STRONG_TOKENS).flat(), signals.NEGATIVE_TOKENS, signals.RECOVERY_TOKENS,
      signals.SMS_OR_EMAIL_PHRASES, signals.CONTEXT_OTP_PHRASES, signals.AUTHENTICATOR_APP_PHRASES, signals.HARDWARE_KEY_PHRASES];
    const misspelt = lists.flat().filter((t) => !/^[\x20-\x7e]*$/.test(t) && /^[\x20-\x7e]*$/.test(compactText(t)));
    expect(misspelt).toEqual([]);
  });
});

describe('classifySplitGroup', () => {
  it('accepts four to eight one-character numeric boxes', () => {
    expect(classifySplitGroup(Array.from({ length: 6 }, () => box()), NEUTRAL)).toBe('totp');
    expect(classifySplitGroup(Array.from({ length: 4 }, () => box()), NEUTRAL)).toBe('totp');
  });

  it('refuses fewer than four or more than eight boxes', () => {
    expect(classifySplitGroup(Array.from({ length: 3 }, () => box()), AUTHENTICATOR)).toBeNull();
    expect(classifySplitGroup(Array.from({ length: 9 }, () => box()), AUTHENTICATOR)).toBeNull();
  });

  it('refuses split boxes that belong to a phone number or a card', () => {
    expect(classifySplitGroup(Array.from({ length: 4 }, (_, i) => box({ texts: [`phone_${i}`] })), AUTHENTICATOR)).toBeNull();
    expect(classifySplitGroup(Array.from({ length: 4 }, () => box({ autocomplete: 'cc-number' })), AUTHENTICATOR)).toBeNull();
  });
});

describe('pickRecoveryCodes', () => {
  it('finds a list of same-shaped codes', () => {
    const codes = ['a1b2c3-d4e5f6', 'b1b2c3-d4e5f6', 'c1b2c3-d4e5f6', 'd1b2c3-d4e5f6', 'e1b2c3-d4e5f6'];
    expect(pickRecoveryCodes([...codes, ' '])).toEqual(codes);
  });

  it('ignores ordinary lists of words and mixed shapes', () => {
    expect(pickRecoveryCodes(['Home', 'Settings', 'Sign out', 'Help'])).toBeNull();
    expect(pickRecoveryCodes(['a1b2', 'a1b2c3d4', 'x9y8z7w6v5', 'q1'])).toBeNull();
  });
});
