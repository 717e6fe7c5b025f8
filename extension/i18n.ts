// Every word Keyfob shows comes from _locales/<lang>/messages.json through chrome.i18n; this is the one typed door to
// it, small enough for the content script (no tables are bundled: the browser holds the messages).
import type english from '../_locales/en/messages.json';

/** A message name, checked at compile time against the English file (the reference every locale must match). */
export type MessageKey = keyof typeof english;

/** The stem of a counted message: both `<stem>_one` and `<stem>_other` exist. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Stem}_one` ? (`${Stem}_other` extends MessageKey ? Stem : never) : never;
}[MessageKey];

type Substitution = string | number;

/** The message `key` in the browser's language (English when it has no translation), with $1…$9 filled in order. */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  return chrome.i18n.getMessage(key, substitutions.map(String));
}

/**
 * The `<stem>_one` or `<stem>_other` message for `count` (chrome.i18n has no plurals), with `count` as $1. The rule is
 * that of the language the messages are actually shown in (the `pluralLocale` message), not the browser's: a browser
 * in Russian shows English messages, which need English plural rules.
 */
export function plural(stem: PluralKey, count: number, ...more: Substitution[]): string {
  const form = pluralRules().select(count) === 'one' ? 'one' : 'other';
  return t(`${stem}_${form}`, count, ...more);
}

/** Kept per language: building the rules costs more than the lookup, and every code row asks for them each second. */
let rules: { locale: string; rules: Intl.PluralRules } | null = null;
function pluralRules(): Intl.PluralRules {
  const locale = t('pluralLocale') || chrome.i18n.getUILanguage();
  if (rules?.locale !== locale) rules = { locale, rules: new Intl.PluralRules(locale) };
  return rules.rules;
}
