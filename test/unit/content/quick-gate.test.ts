// The first pass over inputs: it must pass every input the classifier could call a code field, and turn ordinary ones away.
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { GATE, mayCarryCodeSignal } from '../../../extension/content/quick-gate.ts';
import { factsOf } from '../../../extension/content/field-facts.ts';
import { createLabelLookup } from '../../../extension/content/label-lookup.ts';
import { compactText, hasCodeSignal } from '../../../extension/content/classify-field.ts';
import * as signals from '../../../extension/content/otp-signals.ts';

const ASCII = /^[^\u0080-\uffff]*$/;

function inputFrom(html: string): HTMLInputElement {
  document.body.innerHTML = html;
  const input = document.querySelector('input');
  if (!input) throw new Error('no input in the fixture');
  return input;
}

describe('GATE', () => {
  it.each([
    ['strong', Object.values(signals.STRONG_TOKENS).flat()],
    ['recovery', signals.RECOVERY_TOKENS],
    ['weak', signals.WEAK_TOKENS],
    ['exact name', signals.EXACT_NAMES],
  ])('matches every ASCII %s token, so no token the classifier reads is turned away', (_kind, tokens) => {
    const missed = tokens.filter((t) => ASCII.test(t)).filter((t) => !GATE.test(compactText(t)));
    expect(missed).toEqual([]);
  });
});

describe('mayCarryCodeSignal', () => {
  it.each([
    '<label>Name 3 <input name="name3"></label>',
    '<input type="email" name="email" placeholder="you@example.com">',
    '<input type="search" name="q" aria-label="Search the catalogue">',
    '<label for="city">City</label><input id="city" name="city">',
  ])('turns away an ordinary input: %s', (html) => {
    expect(mayCarryCodeSignal(inputFrom(html), createLabelLookup())).toBe(false);
  });

  it.each([
    '<input name="f1" autocomplete="one-time-code">',
    '<input name="f1" maxlength="6" inputmode="numeric">',
    '<input name="challenge" autofocus>',
    '<label>Bestätigungscode <input name="f1"></label>',
    '<label for="f1">Enter your verification code</label><input id="f1" name="f1">',
    '<input name="twoFactorToken">',
    '<input name="backup_key" title="Recovery key">',
  ])('passes an input that carries a code signal: %s', (html) => {
    expect(mayCarryCodeSignal(inputFrom(html), createLabelLookup())).toBe(true);
  });

  it('passes every input hasCodeSignal accepts among a mixed form', () => {
    document.body.innerHTML = ['<input name="otp">', '<input name="pin">', '<input id="mfa-code">', '<input placeholder="6-digit code">',
      '<input aria-label="Security code">', '<input name="first_name">', '<input name="zip">', '<input type="tel" maxlength="7">']
      .join('');
    const labels = createLabelLookup();
    for (const input of Array.from(document.querySelectorAll('input'))) {
      if (hasCodeSignal(factsOf(input, false, labels))) expect(mayCarryCodeSignal(input, labels)).toBe(true);
    }
  });
});
