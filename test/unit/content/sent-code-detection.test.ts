// Codes sent to the user, told apart from authenticator codes by the page's structure, and recovery fields by the
// shape of what they accept: over plain facts, and as field-facts.ts reads them from a DOM.
import { describe, expect, it } from 'vitest';
import { classifyField, compactText, type Around, type FieldFacts } from '../../../extension/content/classify-field.ts';
import { showsDestination } from '../../../extension/content/masked-destination.ts';
import { openPage } from './corpus-harness.ts';

const oneTimeCode: FieldFacts = { name: 'code', id: 'code', type: 'text', autocomplete: 'one-time-code', inputMode: 'numeric',
  maxLength: 6, pattern: '', texts: ['code', 'code', 'Code'], usable: true, soleTextInput: true };
const ctx = (...pieces: string[]) => pieces.map(compactText).join(' ');
const around = (over: Partial<Around>): Around => ({ headings: '', others: '', destination: false, ...over });

describe('a code that was sent, by structure', () => {
  it.each<[string, Partial<Around>, string]>([
    ['a masked destination and a resend control', { destination: true, others: compactText('Resend code') }, 'Enter the code'],
    ['a heading naming the channel', { headings: compactText('SMS verification') }, 'Enter the code'],
    ['a German heading naming Signal', { headings: compactText('Signal-Verifizierung') }, 'Code eingeben'],
    ['a countdown to resend in the prose', { destination: true }, 'Not received yet? Resend after 59 seconds'],
    ['the authenticator offered as another method, and e-mail named', { others: compactText('Use your authenticator app') },
      'A verification code has been sent to the email address associated with your account.'],
  ])('leaves a one-time-code field alone: %s', (_name, structure, prose) => {
    expect(classifyField({ ...oneTimeCode, around: around(structure) }, ctx('Sign in', prose))).toBeNull();
  });

  it('still fills when the authenticator is named in the same place as a mention of SMS', () => {
    const facts = { ...oneTimeCode, around: around({ headings: compactText('Authenticator app') }) };
    expect(classifyField(facts, ctx('Sign in', 'Lost your phone? We can send a code by SMS instead'))).toBe('totp');
  });

  it('is not swayed by other methods offered as links: SMS and e-mail as alternatives of an authenticator page', () => {
    const facts = { ...oneTimeCode, around: around({ others: compactText('Have a code emailed to you Have a code sent to your mobile phone') }) };
    expect(classifyField(facts, ctx('Verify it\'s you by mobile app', 'Use the authenticator app in your mobile device'))).toBe('totp');
  });

  it('needs more than one weak hint: the authenticator offered elsewhere alone does not decide', () => {
    const facts = { ...oneTimeCode, around: around({ others: compactText('totp email') }) };
    expect(classifyField(facts, ctx('Authentication Code google:'))).toBe('totp');
  });

  it('leaves a field that names e-mail in its own label alone, even with autocomplete="one-time-code"', () => {
    const facts = { ...oneTimeCode, texts: ['_auth_code', 'Authentication Code email:'], around: around({}) };
    expect(classifyField(facts, ctx('Welcome!'))).toBeNull();
  });
});

describe('recovery fields, by words and by shape', () => {
  it.each([['static token', ['Static token']], ['lookup secret', ['lookup_secret']], ['backup token', ['backup-otp_token']]])(
    'calls a field named like a %s a recovery field', (_name, texts) => {
      expect(classifyField({ ...oneTimeCode, texts, autocomplete: '' }, ctx('Two-factor authentication'))).toBe('recovery');
    });

  it('takes "Authenticator or recovery code" as a code field: it accepts either', () => {
    const facts = { ...oneTimeCode, autocomplete: '', texts: ['otp', 'Authenticator or recovery code', 'Authenticator code'] };
    expect(classifyField(facts, ctx('Two-Factor Authentication'))).toBe('totp');
  });

  it('never gives a TOTP code to a field whose pattern refuses six digits, and calls it recovery when the page says so', () => {
    const backup = { ...oneTimeCode, pattern: '[a-z0-9]{16}', maxLength: 32 };
    expect(classifyField(backup, ctx('Two-Factor Authentication', 'Please enter one of your backup codes:'))).toBe('recovery');
    expect(classifyField(backup, ctx('Two-Factor Authentication'))).toBeNull();
  });

  it('calls a bare code field under a "Backup code" heading a recovery field, unless its own words say otherwise', () => {
    const bare = { ...oneTimeCode, autocomplete: '', texts: ['code'] };
    expect(classifyField({ ...bare, around: around({ headings: compactText('Backup code') }) }, ctx('Backup code'))).toBe('recovery');
    const named = { ...bare, texts: ['code', 'Authentication code'] };
    expect(classifyField({ ...named, around: around({ headings: compactText('Backup code') }) }, ctx('Backup code'))).toBe('totp');
  });

  it('never gives a TOTP code to a field that wants nine or more characters', () => {
    expect(classifyField({ ...oneTimeCode, minLength: 10, maxLength: -1 }, ctx('Two-Factor Authentication'))).toBeNull();
  });
});

describe('destinations as pages show them', () => {
  it.each(['An access code has been sent to +4915*****4567', 'Ein Zugangscode wurde an +49 15*****4567 gesendet', '•••• 1234',
    '(***) ***-1234', 'sent to +31 ** *** **67', 'the code sent to j***@example.com', 'ad****@e******.com', 'We sent it to +31612345678'])(
    'sees one in "%s"', (text) => {
      expect(showsDestination(text)).toBe(true);
    });

  it.each(['editor@example.com', 'Enter the 6-digit code', 'e.g. 123456', 'Step 3 of 4: 2 * 3 = 6'])('sees none in "%s"', (text) => {
    expect(showsDestination(text)).toBe(false);
  });
});

describe('reading the structure from a page', () => {
  async function read(body: string, selector = '#code') {
    const { surroundingsOf } = await import('../../../extension/content/field-facts.ts');
    const page = openPage(`<!doctype html><title>Acme</title><body>${body}</body>`);
    try {
      return surroundingsOf(page.window.document.querySelector(selector) as HTMLInputElement);
    } finally {
      page.close();
    }
  }

  it('puts other methods and resend links in "others", not in the text around the field', async () => {
    const { context, around: a } = await read(`<h2>Verify it's you by email</h2><form>
      <p>We've just sent a 6-digit code to your email: j*****@example.com</p>
      <input id="code" autocomplete="one-time-code"><button type="submit">Continue</button></form>
      <ul><li><a href="?f=1">Use Authenticator application</a></li></ul><a href="?resend">I didn't receive a code</a>`);
    expect(a.headings).toContain('verifyitsyoubyemail');
    expect(a.others).toContain('useauthenticatorapplication');
    expect(a.others).toContain('ididntreceiveacode');
    expect(a.destination).toBe(true);
    expect(context).toContain('continue');
    expect(context).not.toContain('authenticator');
  });

  it('leaves out the labels of other inputs and text hidden by markup', async () => {
    const { context } = await read(`<form><label for="email">Email address</label><input id="email" type="email">
      <label for="code">One time password</label><input id="code"><p style="display: none;">We e-mailed you a code</p>
      <label><input type="checkbox"> Remember this device</label></form>`);
    expect(context).toContain('onetimepassword');
    expect(context).not.toContain('email');
    expect(context).not.toContain('remember');
  });

  it('reads a method chooser\'s choice as a heading: the checked radio and the selected option', async () => {
    const { around: a } = await read(`<form><p>Send the code by</p>
      <label><input type="radio" name="m" value="app"> Authenticator app</label>
      <label><input type="radio" name="m" value="sms" checked> Text message</label>
      <select name="device"><option value="">Select one</option><option value="2" selected>Work phone (SMS)</option></select>
      <label for="code">Code</label><input id="code"></form>`);
    expect(a.headings).toContain('textmessage');
    expect(a.headings).toContain('workphonesms');
    expect(a.headings).not.toContain('authenticatorapp');
  });

  it('reads the selected method tab as a heading', async () => {
    const { around: a } = await read(`<div role="tablist"><a role="tab" aria-selected="false">WebAuthn</a>
      <a role="tab" aria-selected="true">TOTP App</a></div><div><label for="code">Code</label><input id="code"></div>`);
    expect(a.headings).toContain('totpapp');
    expect(a.others).toContain('webauthn');
  });
});
