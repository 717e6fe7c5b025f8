// Decides from plain facts about an input whether it wants a one-time code, a recovery code, or nothing.
import * as signals from './otp-signals.ts';
import { ASCII, compactText } from './compact-text.ts';

export { compactText };

const { AUTOCOMPLETE_OTHER, AUTOCOMPLETE_OTP, EXACT_NAMES, WEAK_TOKENS } = signals;

export type FieldVerdict = 'totp' | 'recovery' | null;

/** What surrounds a field beyond its running text, read by field-facts.ts (texts compacted). */
export interface Around {
  /** Headings and legends near the field, the selected method tab, the enclosing dialog's label. */
  headings: string;
  /** Links and buttons other than the field's own submit: other methods, "resend", "cancel". */
  others: string;
  /** A phone number with masked digits (or written out) or a masked e-mail address is shown near the field. */
  destination: boolean;
}

/** What the DOM tells about one input, gathered by field-facts.ts; plain data so it can be tested without a DOM. */
export interface FieldFacts {
  type: string;
  autocomplete: string;
  inputMode: string;
  /** -1 when absent. */
  maxLength: number;
  /** -1 when absent; optional for facts built by hand. */
  minLength?: number;
  pattern: string;
  /** The name and id attributes as written (they are also among `texts`). */
  name: string;
  id: string;
  /** name, id, placeholder, aria-label, title and label text. */
  texts: string[];
  usable: boolean;
  /** No other text-like input in the field's form; only read for fields with a code signal. */
  soleTextInput?: boolean;
  /** The structure around the field; absent when only the running text (context) is known. */
  around?: Around;
}

const TEXTUAL_TYPES = new Set(['', 'text', 'tel', 'number', 'password']);

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
const RESEND_PHRASES = tokenList(() => signals.RESEND_PHRASES);
const MESSAGE_CHANNELS = tokenList(() => signals.MESSAGE_CHANNELS);
const EMAIL_CHANNELS = tokenList(() => signals.EMAIL_CHANNELS);
const SENT_WORDS = tokenList(() => signals.SENT_WORDS);

function includesAny(haystack: string, needles: TokenList | readonly string[]): boolean {
  if (Array.isArray(needles)) return needles.some((n: string) => haystack.includes(n));
  const list = needles as TokenList;
  if (list.ascii().some((n) => haystack.includes(n))) return true;
  return !ASCII.test(haystack) && list.other().some((n) => haystack.includes(n));
}

/**
 * "backup e-mail" is not a recovery-code field: the words must also speak of a code. A field that names the
 * authenticator too ("Authenticator or recovery code") takes either, so it is a code field.
 */
function isRecovery(own: string): boolean {
  return includesAny(own, RECOVERY_TOKENS) && /code|key|codigo|token|secret/.test(own) && !includesAny(own, AUTHENTICATOR_APP_PHRASES);
}

/**
 * A length or pattern a 6–8 digit code cannot fit: at least nine characters required, at most five allowed, or a
 * pattern that refuses six digits (a 16-letter backup code).
 */
function cannotHoldCode(f: FieldFacts): boolean {
  if ((f.minLength ?? -1) > 8 || (f.maxLength >= 2 && f.maxLength <= 5)) return true;
  if (!f.pattern) return false;
  try {
    return !new RegExp(`^(?:${f.pattern})$`, 'u').test('123456');
  } catch {
    return false;
  }
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
  /** The code was sent (SMS, e-mail, push…), by more than an authenticator named in the same place says otherwise. */
  sentByMessage: boolean;
  /** A hardware security key, and no app is named: its field (often named "otp") takes the key's own passwords. */
  hardwareKey: boolean;
}

/**
 * How strongly the page says the code was sent to the user, by structure as well as words: a destination shown (+2),
 * a resend control or countdown (+2), a channel named in the field's label, a heading or the selected tab (+2), the
 * prose saying it (+2: a message channel, a sentence saying it was sent, or e-mail with "sent"; +1: e-mail alone), and
 * the authenticator offered as another method (+1: then the current one is something else).
 */
function sentScore(own: string, context: string, around: Around | undefined): number {
  const headings = `${own} ${around?.headings ?? ''}`;
  let score = includesAny(headings, MESSAGE_CHANNELS) || includesAny(headings, EMAIL_CHANNELS) ? 2 : 0;
  if (includesAny(context, SMS_OR_EMAIL_PHRASES) || includesAny(context, MESSAGE_CHANNELS)
    || (includesAny(context, EMAIL_CHANNELS) && includesAny(context, SENT_WORDS))) score += 2;
  else if (includesAny(context, EMAIL_CHANNELS)) score += 1;
  if (includesAny(`${context} ${around?.others ?? ''}`, RESEND_PHRASES)) score += 2;
  if (around?.destination) score += 2;
  if (around && includesAny(around.others, AUTHENTICATOR_APP_PHRASES)) score += 1;
  return score;
}

/** `own` is the field's own words, `context` the text around it (which includes its headings). */
function readContext(own: string, context: string, around: Around | undefined): PageSays {
  const text = `${own} ${context}`;
  const app = includesAny(text, AUTHENTICATOR_APP_PHRASES) || (!!around && includesAny(around.headings, AUTHENTICATOR_APP_PHRASES));
  // A page about a hardware key (whose own one-time passwords are typed by the key) corroborates nothing.
  const hardwareKey = !app && includesAny(text, HARDWARE_KEY_PHRASES);
  // An authenticator named in the same place outweighs as much as a sentence about SMS or e-mail.
  const sent = sentScore(own, context, around);
  return {
    app,
    secondFactor: !hardwareKey && includesAny(text, CONTEXT_OTP_PHRASES),
    sentByMessage: sent >= 2 && sent > (app ? 2 : 0),
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
  // The field's own words, or a heading over a field with no code words of its own ("Backup code" above "Code").
  if (isRecovery(own) || (f.around && isRecovery(f.around.headings) && !includesAny(own, STRONG))) return 'recovery';
  const decisive = autocomplete.includes(AUTOCOMPLETE_OTP);
  if (!decisive && autocomplete.some((t) => AUTOCOMPLETE_OTHER.includes(t))) return null;
  if (!decisive && includesAny(own, NEGATIVE_TOKENS)) return null;
  // A 16-letter backup code field, or one that wants 9+ characters: never a TOTP code, a recovery code if it says so.
  if (cannotHoldCode(f)) return includesAny(context, RECOVERY_TOKENS) ? 'recovery' : null;

  // The field's own words count as context too: "SMS code" is as clear as a paragraph about SMS.
  const page = readContext(own, context, f.around);
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
  // The only field of its form, under a heading that names the authenticator (Nextcloud's bare "challenge").
  if (f.soleTextInput && page.app) score += 1;
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
  const page = readContext(own, context, boxes[0]?.around);
  if (page.sentByMessage) return null;
  if (decisive) return 'totp';
  const codeish = boxes.some(looksNumeric) || page.secondFactor || context.includes('code') || includesAny(own, STRONG)
    || wordsOf(words).some((w) => WEAK_TOKENS.includes(w));
  return codeish ? 'totp' : null;
}
