// Decides from plain facts about an input whether it wants a one-time code, a recovery code, or nothing.
import * as signals from './otp-signals.ts';

const { AUTOCOMPLETE_OTHER, AUTOCOMPLETE_OTP, EXACT_NAMES, WEAK_TOKENS } = signals;

export type FieldVerdict = 'totp' | 'recovery' | null;

/** What the DOM tells about one input, gathered by field-facts.ts; plain data so it can be tested without a DOM. */
export interface FieldFacts {
  type: string;
  autocomplete: string;
  inputMode: string;
  /** -1 when absent. */
  maxLength: number;
  pattern: string;
  /** The name and id attributes as written (they are also among `texts`). */
  name: string;
  id: string;
  /** name, id, placeholder, aria-label, title and label text. */
  texts: string[];
  usable: boolean;
  /** No other text-like input in the field's form; only read for fields with a code signal. */
  soleTextInput?: boolean;
}

const TEXTUAL_TYPES = new Set(['', 'text', 'tel', 'number', 'password']);

// Plain ASCII text (most attributes and labels) takes a fast path: Unicode property regexes and NFD
// normalisation cost milliseconds to set up on first use, which every page would otherwise pay.
const ASCII = /^[^\u0080-\uffff]*$/;

/** Lower case, accents stripped, only letters and digits left: "Código de verificación" → "codigodeverificacion". */
export function compactText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Words of an identifier or label: "twoFactor_code" → ["two", "factor", "code"]. */
export function wordsOf(text: string): string[] {
  const spaced = text.replace(/([a-z])([A-Z])/g, '$1 $2');
  if (ASCII.test(spaced)) return spaced.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return spaced.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * A token list split on first use into ASCII tokens (already compact) and the rest, compacted on first non-ASCII
 * text: building them when the script loads would charge every page, most of which never classify a field.
 */
interface TokenList { ascii(): string[]; other(): string[] }

function tokenList(source: () => readonly string[]): TokenList {
  let ascii: string[] | null = null;
  let other: string[] | null = null;
  return {
    ascii: () => (ascii ??= source().filter((t) => ASCII.test(t))),
    // Compacted like page text, so e.g. Japanese voiced marks are stripped on both sides.
    other: () => (other ??= source().filter((t) => !ASCII.test(t)).map(compactText)),
  };
}

const STRONG = tokenList(() => Object.values(signals.STRONG_TOKENS).flat());
const NEGATIVE_TOKENS = tokenList(() => signals.NEGATIVE_TOKENS);
const RECOVERY_TOKENS = tokenList(() => signals.RECOVERY_TOKENS);
const SMS_OR_EMAIL_PHRASES = tokenList(() => signals.SMS_OR_EMAIL_PHRASES);
const CONTEXT_OTP_PHRASES = tokenList(() => signals.CONTEXT_OTP_PHRASES);
const AUTHENTICATOR_APP_PHRASES = tokenList(() => signals.AUTHENTICATOR_APP_PHRASES);
const HARDWARE_KEY_PHRASES = tokenList(() => signals.HARDWARE_KEY_PHRASES);

function includesAny(haystack: string, needles: TokenList | readonly string[]): boolean {
  if (Array.isArray(needles)) return needles.some((n: string) => haystack.includes(n));
  const list = needles as TokenList;
  if (list.ascii().some((n) => haystack.includes(n))) return true;
  return !ASCII.test(haystack) && list.other().some((n) => haystack.includes(n));
}

/** "backup e-mail" is not a recovery-code field: the words must also speak of a code. */
function isRecovery(own: string): boolean {
  return includesAny(own, RECOVERY_TOKENS) && (own.includes('code') || own.includes('key') || own.includes('codigo'));
}

function looksNumeric(f: FieldFacts): boolean {
  return f.inputMode === 'numeric' || f.type === 'tel' || f.type === 'number' || /\\d|\[0-9\]/.test(f.pattern);
}

/** name or id exactly "otp", "totp", "mfa"…: strong, but only for the sole text-like input of its form. */
function hasExactName(f: FieldFacts): boolean {
  return EXACT_NAMES.includes(f.name.toLowerCase()) || EXACT_NAMES.includes(f.id.toLowerCase());
}

/** Whether the field's own attributes carry any code signal, so gathering page context is worth it. */
export function hasCodeSignal(f: FieldFacts): boolean {
  if (f.autocomplete.split(/\s+/).includes(AUTOCOMPLETE_OTP)) return true;
  if (hasExactName(f)) return true;
  const compact = compactText(f.texts.join(' '));
  if (includesAny(compact, STRONG) || includesAny(compact, RECOVERY_TOKENS)) return true;
  const words = wordsOf(f.texts.join(' '));
  if (words.some((w) => WEAK_TOKENS.includes(w))) return true;
  return looksNumeric(f) && f.maxLength >= 6 && f.maxLength <= 8;
}

/** What the text around a field says: the code's channel, and whether it is about a second factor at all. */
interface PageSays {
  /** An authenticator app is named: outweighs SMS / e-mail. */
  app: boolean;
  /** A second factor of some kind: corroborates weak signals. */
  secondFactor: boolean;
  /** The code came by SMS or e-mail, and no app is named: not ours. */
  sentByMessage: boolean;
  /** A hardware security key, and no app is named: its field (often named "otp") takes the key's own passwords. */
  hardwareKey: boolean;
}

function readContext(context: string): PageSays {
  const app = includesAny(context, AUTHENTICATOR_APP_PHRASES);
  // A page about a hardware key (whose own one-time passwords are typed by the key) corroborates nothing.
  const hardwareKey = !app && includesAny(context, HARDWARE_KEY_PHRASES);
  return {
    app,
    secondFactor: !hardwareKey && includesAny(context, CONTEXT_OTP_PHRASES),
    sentByMessage: !app && includesAny(context, SMS_OR_EMAIL_PHRASES),
    hardwareKey,
  };
}

/**
 * Classifies one input. `context` is the compact text around it (form, preceding headings and paragraphs of its
 * section or dialog, title): it corroborates weak signals and tells SMS / e-mail code pages apart from
 * authenticator ones.
 */
export function classifyField(f: FieldFacts, context: string): FieldVerdict {
  if (!f.usable || !TEXTUAL_TYPES.has(f.type)) return null;
  const autocomplete = f.autocomplete.toLowerCase().split(/\s+/).filter(Boolean);
  const own = compactText(f.texts.join(' '));
  if (isRecovery(own)) return 'recovery';
  const decisive = autocomplete.includes(AUTOCOMPLETE_OTP);
  if (!decisive && autocomplete.some((t) => AUTOCOMPLETE_OTHER.includes(t))) return null;
  if (!decisive && includesAny(own, NEGATIVE_TOKENS)) return null;

  // The field's own words count as context too: "SMS code" is as clear as a paragraph about SMS.
  const page = readContext(`${own} ${context}`);
  // Even autocomplete="one-time-code" only says "a one-time code", not which one: a mailed code is not ours.
  if (page.sentByMessage) return null;
  if (decisive) return 'totp';
  if (f.soleTextInput && hasExactName(f) && !page.hardwareKey) return 'totp';

  let score = 0;
  if (includesAny(own, STRONG)) score += 3;
  if (wordsOf(f.texts.join(' ')).some((w) => WEAK_TOKENS.includes(w))) score += 1;
  if (looksNumeric(f)) score += 1;
  if (f.maxLength >= 6 && f.maxLength <= 8) score += 1;
  if (page.secondFactor) score += 2;
  return score >= 3 ? 'totp' : null;
}

/**
 * Split boxes, decided as one group: the boxes' own words plus the group's label (role="group" / aria-label /
 * fieldset legend, gathered by field-facts.ts), autocomplete="one-time-code" on any box, and the context.
 */
export function classifySplitGroup(boxes: FieldFacts[], context: string, groupLabel = ''): FieldVerdict {
  if (boxes.length < 4 || boxes.length > 8) return null;
  if (!boxes.every((b) => b.usable && TEXTUAL_TYPES.has(b.type))) return null;
  const words = `${groupLabel} ${boxes.flatMap((b) => b.texts).join(' ')}`;
  const own = compactText(words);
  const autocomplete = boxes.flatMap((b) => b.autocomplete.toLowerCase().split(/\s+/));
  if (isRecovery(own)) return 'recovery';
  const decisive = autocomplete.includes(AUTOCOMPLETE_OTP);
  if (!decisive && (includesAny(own, NEGATIVE_TOKENS) || autocomplete.some((t) => AUTOCOMPLETE_OTHER.includes(t)))) return null;
  const page = readContext(`${own} ${context}`);
  if (page.sentByMessage) return null;
  if (decisive) return 'totp';
  const codeish = boxes.some(looksNumeric) || page.secondFactor || context.includes('code') || includesAny(own, STRONG)
    || wordsOf(words).some((w) => WEAK_TOKENS.includes(w));
  return codeish ? 'totp' : null;
}
