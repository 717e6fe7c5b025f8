// plural() and t() as the popup and content script use them: the form follows the language the messages are in.
import { afterEach, describe, expect, it } from 'vitest';
import { plural, t } from '../../../extension/i18n.ts';
import { installChromeI18n } from '../support/chrome-i18n.ts';

afterEach(() => installChromeI18n('en'));

describe('plural', () => {
  it('uses the singular for 1 only in English', () => {
    installChromeI18n('en');
    expect(plural('secondsLeft', 1)).toBe('1 second left');
    expect(plural('secondsLeft', 0)).toBe('0 seconds left');
    expect(plural('toolbarFillable', 2)).toBe('Keyfob: 2 accounts can fill this page');
  });

  it('uses the singular for 0 and 1 in French and Brazilian Portuguese', () => {
    installChromeI18n('fr', 'fr-FR');
    expect(plural('secondsLeft', 0)).toBe('0 seconde restante');
    expect(plural('secondsLeft', 2)).toBe('2 secondes restantes');
    installChromeI18n('pt_BR', 'pt-BR');
    expect(plural('secondsLeft', 0)).toBe('Falta 0 segundo');
  });

  it('follows the language shown, not the browser\'s: a Russian browser sees English with English forms', () => {
    // Keyfob has no Russian messages, so Chrome shows English; Russian rules would call 21 "one".
    installChromeI18n('en', 'ru');
    expect(plural('secondsLeft', 21)).toBe('21 seconds left');
  });

  it('puts the count where each language wants it, with more substitutions after it', () => {
    installChromeI18n('ja', 'ja');
    expect(plural('savedRecoveryCodes', 8, 'Bank')).toBe('Bank のリカバリーコードを 8 個保存しました');
    installChromeI18n('de', 'de-DE');
    expect(t('copyCode')).toBe('Code kopieren');
    expect(plural('useRecoveryQuestion', 1, 'Bank')).toContain('1 Code bleibt unbenutzt');
  });
});
