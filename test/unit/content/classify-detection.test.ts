// Detection classes over plain facts, as tables: page context outside the form, second-factor phrases, exact field
// names, and split boxes decided as a group, each beside the look-alikes that must stay unfilled.
import { describe, expect, it } from 'vitest';
import { classifyField, classifySplitGroup, compactText, hasCodeSignal, type FieldFacts } from '../../../extension/content/classify-field.ts';

function field(over: Partial<FieldFacts>): FieldFacts {
  return { name: '', id: '', type: 'text', autocomplete: '', inputMode: '', maxLength: -1, pattern: '', texts: [], usable: true, ...over };
}

/** A field as factsOf reads it: name and id are also among its texts. */
function named(name: string, over: Partial<FieldFacts> = {}): FieldFacts {
  return field({ ...over, name, texts: [name, ...(over.texts ?? [])] });
}

/** Context as contextOf builds it: each piece (title, form text, preceding headings and paragraphs) compacted apart. */
const ctx = (...pieces: string[]) => pieces.map(compactText).join(' ');

const box = (over: Partial<FieldFacts> = {}) => field({ maxLength: 1, ...over });
const boxes = (n: number, over: (i: number) => Partial<FieldFacts> = () => ({})) => Array.from({ length: n }, (_, i) => box(over(i)));

const bareCode = named('code');
const oneTimeCode = named('code', { autocomplete: 'one-time-code', inputMode: 'numeric' });

describe('context outside the form', () => {
  it.each<[string, FieldFacts, string, 'totp' | null]>([
    ['a heading before the form names the authenticator app', bareCode,
      ctx('Sign in', 'Code Continue', 'Open your authenticator app and enter the code', 'Verify with your authenticator'), 'totp'],
    ['the same bare field with only the form\'s own words', bareCode, ctx('Sign in', 'Code Continue'), null],
    ['a dialog titled "Two-step verification"', bareCode, ctx('Acme', 'Code Continue', 'Two-step verification'), 'totp'],
    ['a paragraph says the code was e-mailed, field has autocomplete="one-time-code"', oneTimeCode,
      ctx('Acme', 'Verification code Verify', 'We sent a verification code to your e-mail address j***@example.test'), null],
    ['a paragraph says the code came by text message', oneTimeCode,
      ctx('Acme', 'Code Verify', 'We texted a code to your phone ending in 42'), null],
    ['"check your inbox" heading', oneTimeCode, ctx('Acme', 'Code', 'Check your inbox'), null],
    ['German: per E-Mail', oneTimeCode, ctx('Acme', 'Code', 'Wir haben Ihnen einen Code per E-Mail geschickt'), null],
    ['Spanish: por correo', oneTimeCode, ctx('Acme', 'Código', 'Te enviamos un código por correo electrónico'), null],
    ['Chinese: 短信', oneTimeCode, ctx('Acme', '验证码', '我们已通过短信发送验证码'), null],
    ['a page that offers the app and SMS is about the app', oneTimeCode,
      ctx('Acme', 'Code', 'Enter the code from your authenticator app. Lost your phone? Get a code by SMS'), 'totp'],
    ['a field labelled "SMS code"', named('sms_code', { autocomplete: 'one-time-code' }), ctx('Two-factor authentication'), null],
    ['"two-factor" does not outweigh an SMS message: the second factor came by SMS', oneTimeCode,
      ctx('Two-factor authentication', 'Code', 'We sent a code by SMS to your phone'), null],
  ])('%s', (_name, facts, context, expected) => {
    expect(classifyField(facts, context)).toBe(expected);
  });
});

describe('second-factor phrases', () => {
  it.each([
    ['second factor', 'Confirm your second factor'],
    ['2-factor', 'Enter your 2-factor code'],
    ['two-step', 'Two-step sign-in'],
    ['verification app', 'Open your verification app'],
    ['authenticator code', 'Authenticator code'],
    ['German', 'Zweiter Faktor erforderlich'],
    ['French', 'Second facteur requis'],
    ['Spanish', 'Segundo factor de autenticación'],
    ['Portuguese', 'Verificação em duas etapas'],
    ['Italian', 'Secondo fattore'],
    ['Dutch', 'Tweede factor'],
    ['Polish', 'Weryfikacja dwuskładnikowa'],
    ['Swedish', 'Tvåfaktorsautentisering'],
    ['Turkish', 'İki faktörlü doğrulama'],
    ['Russian', 'Второй фактор'],
    ['Japanese', '二段階認証'],
    ['Chinese', '双重验证'],
    ['Korean', '2단계 인증'],
  ])('corroborates a bare name="code" field: %s', (_lang, phrase) => {
    expect(classifyField(bareCode, ctx('Acme', phrase))).toBe('totp');
    expect(classifyField(bareCode, ctx('Acme', 'Sign in'))).toBeNull();
  });

  it.each([
    ['its label', field({ texts: ['Second factor'] })],
    ['a 2-factor name', field({ name: 'twoFactorCode', texts: ['twoFactorCode'] })],
    ['a verification-app label', field({ texts: ['Code from your verification app'] })],
  ])('takes a second-factor phrase in the field\'s own words as strong: %s', (_name, facts) => {
    expect(classifyField(facts, ctx('Acme'))).toBe('totp');
  });

  it.each([
    ['a field labelled "Security key"', field({ texts: ['Security key'], inputMode: 'numeric', maxLength: 6 })],
    ['a YubiKey OTP field', named('yubikey_otp', { maxLength: 44 })],
    ['a German security-key field', field({ texts: ['Sicherheitsschlüssel'] })],
  ])('never treats a hardware security key field as a code field: %s', (_name, facts) => {
    expect(classifyField(facts, ctx('Two-factor authentication'))).toBeNull();
  });

  it('does not let a security-key page corroborate a weak field, unless it also names an authenticator app', () => {
    const otp = named('otp', { soleTextInput: true });
    expect(classifyField(otp, ctx('Two-factor login', 'Insert your security key and touch it'))).toBeNull();
    expect(classifyField(otp, ctx('Use your security key, or enter the code from your authenticator app'))).toBe('totp');
  });
});

describe('exact field names', () => {
  it.each(['otp', 'totp', 'mfa', '2fa', 'passcode', 'authcode', 'OTP'])('takes name="%s" as strong when it is the only text-like input', (name) => {
    expect(hasCodeSignal(named(name))).toBe(true);
    expect(classifyField(named(name, { soleTextInput: true }), ctx('Sign in'))).toBe('totp');
  });

  it('takes an exact id too', () => {
    expect(classifyField(field({ id: 'mfa', texts: ['mfa'], soleTextInput: true }), ctx('Sign in'))).toBe('totp');
  });

  it.each<[string, FieldFacts, string]>([
    ['passcode beside a user name field (a password)', named('passcode', { type: 'password', soleTextInput: false }), ctx('Sign in')],
    ['otp beside other inputs', named('otp', { soleTextInput: false }), ctx('Sign in')],
    ['a longer name that only contains the word', named('otp_sent_to', { soleTextInput: true }), ctx('Sign in')],
    ['an exact name on a page about an e-mailed code', named('otp', { soleTextInput: true }), ctx('Acme', 'We emailed you a one-time code')],
  ])('does not take a look-alike: %s', (_name, facts, context) => {
    expect(classifyField(facts, context)).toBeNull();
  });
});

describe('split boxes decided as a group', () => {
  const neutral = ctx('Sign in', 'Continue');
  it.each<[string, FieldFacts[], string, string, 'totp' | 'recovery' | null]>([
    ['autocomplete="one-time-code" on the first box only, plain text boxes', boxes(6, (i) => ({
      autocomplete: i === 0 ? 'one-time-code' : 'off', texts: [`Character ${i + 1}`] })), neutral, '', 'totp'],
    ['autocomplete="one-time-code" on the last box only', boxes(6, (i) => ({ autocomplete: i === 5 ? 'one-time-code' : '' })), neutral, '', 'totp'],
    ['the same plain text boxes without it', boxes(6, (i) => ({ autocomplete: 'off', texts: [`Character ${i + 1}`] })), neutral, '', null],
    ['decisive autocomplete even beside a word that would rule a field out', boxes(6, (i) => ({
      autocomplete: i === 0 ? 'one-time-code' : '', texts: ['card'] })), neutral, '', 'totp'],
    ['role="group" aria-label names the authenticator code', boxes(6), neutral, 'Authenticator code', 'totp'],
    ['a fieldset legend "Two-step code"', boxes(6), neutral, 'Two-step code', 'totp'],
    ['a group labelled "Phone number"', boxes(6), neutral, 'Phone number', null],
    ['a group labelled "Card number"', boxes(4, () => ({ inputMode: 'numeric' })), neutral, 'Card number', null],
    ['a group labelled "Recovery code"', boxes(8), neutral, 'Recovery code', 'recovery'],
    ['decisive boxes on a page that says the code was e-mailed', boxes(6, (i) => ({
      autocomplete: i === 0 ? 'one-time-code' : '', inputMode: 'numeric' })),
    ctx('Acme', 'Verify', 'We sent a code to your e-mail address'), '', null],
    ['numeric boxes on an SMS page', boxes(6, () => ({ inputMode: 'numeric' })), ctx('Acme', 'Enter the code we texted you'), '', null],
    ['a group labelled "SMS code"', boxes(6, () => ({ inputMode: 'numeric' })), neutral, 'SMS code', null],
    ['a group labelled "Code from your authenticator app, or by SMS"', boxes(6), neutral, 'Code from your authenticator app, or by SMS', 'totp'],
  ])('%s', (_name, group, context, label, expected) => {
    expect(classifySplitGroup(group, context, label)).toBe(expected);
  });
});
