// Decides from plain facts about an input whether it wants a one-time code, a recovery code, or nothing.
import * as signals from './otp-signals.ts';

const { AUTOCOMPLETE_OTHER, AUTOCOMPLETE_OTP, WEAK_TOKENS } = signals;

export type FieldVerdict = 'totp' | 'recovery' | null;

/** What the DOM tells about one input, gathered by field-facts.ts; plain data so it can be tested without a DOM. */
export interface FieldFacts {
  type: string;
  autocomplete: string;
  inputMode: string;
  /** -1 when absent. */
  maxLength: number;
  pattern: string;
  /** name, id, placeholder, aria-label, title and label text. */
  texts: string[];
  usable: boolean;
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

/** A token list split once into ASCII tokens (already compact) and the rest, compacted on first non-ASCII text. */
interface TokenList { ascii: string[]; other(): string[] }

function tokenList(tokens: readonly string[]): TokenList {
  let other: string[] | null = null;
  const rest = tokens.filter((t) => !ASCII.test(t));
  return {
    ascii: tokens.filter((t) => ASCII.test(t)),
    // Compacted like page text, so e.g. Japanese voiced marks are stripped on both sides.
    other: () => (other ??= rest.map(compactText)),
  };
}

const STRONG = tokenList(Object.values(signals.STRONG_TOKENS).flat());
const NEGATIVE_TOKENS = tokenList(signals.NEGATIVE_TOKENS);
const RECOVERY_TOKENS = tokenList(signals.RECOVERY_TOKENS);
const SMS_OR_EMAIL_PHRASES = tokenList(signals.SMS_OR_EMAIL_PHRASES);
const CONTEXT_OTP_PHRASES = tokenList(signals.CONTEXT_OTP_PHRASES);

function includesAny(haystack: string, needles: TokenList | readonly string[]): boolean {
  if (Array.isArray(needles)) return needles.some((n: string) => haystack.includes(n));
  const list = needles as TokenList;
  if (list.ascii.some((n) => haystack.includes(n))) return true;
  return !ASCII.test(haystack) && list.other().some((n) => haystack.includes(n));
}

/** "backup e-mail" is not a recovery-code field: the words must also speak of a code. */
function isRecovery(own: string): boolean {
  return includesAny(own, RECOVERY_TOKENS) && (own.includes('code') || own.includes('key') || own.includes('codigo'));
}

function looksNumeric(f: FieldFacts): boolean {
  return f.inputMode === 'numeric' || f.type === 'tel' || f.type === 'number' || /\\d|\[0-9\]/.test(f.pattern);
}

/** Whether the field's own attributes carry any code signal, so gathering page context is worth it. */
export function hasCodeSignal(f: FieldFacts): boolean {
  if (f.autocomplete.split(/\s+/).includes(AUTOCOMPLETE_OTP)) return true;
  const compact = compactText(f.texts.join(' '));
  if (includesAny(compact, STRONG) || includesAny(compact, RECOVERY_TOKENS)) return true;
  const words = wordsOf(f.texts.join(' '));
  if (words.some((w) => WEAK_TOKENS.includes(w))) return true;
  return looksNumeric(f) && f.maxLength >= 6 && f.maxLength <= 8;
}

/**
 * Classifies one input. `context` is the compact text around it (form, heading, title): it corroborates weak
 * signals and tells SMS / e-mail code pages apart from authenticator ones.
 */
export function classifyField(f: FieldFacts, context: string): FieldVerdict {
  if (!f.usable || !TEXTUAL_TYPES.has(f.type)) return null;
  const autocomplete = f.autocomplete.toLowerCase().split(/\s+/).filter(Boolean);
  const own = compactText(f.texts.join(' '));
  if (isRecovery(own)) return 'recovery';
  const decisive = autocomplete.includes(AUTOCOMPLETE_OTP);
  if (!decisive && autocomplete.some((t) => AUTOCOMPLETE_OTHER.includes(t))) return null;
  if (!decisive && includesAny(own, NEGATIVE_TOKENS)) return null;

  const aboutAuthenticator = includesAny(context, CONTEXT_OTP_PHRASES);
  if (includesAny(context, SMS_OR_EMAIL_PHRASES) && !aboutAuthenticator) return null;
  if (decisive) return 'totp';

  let score = 0;
  if (includesAny(own, STRONG)) score += 3;
  if (wordsOf(f.texts.join(' ')).some((w) => WEAK_TOKENS.includes(w))) score += 1;
  if (looksNumeric(f)) score += 1;
  if (f.maxLength >= 6 && f.maxLength <= 8) score += 1;
  if (aboutAuthenticator) score += 2;
  return score >= 3 ? 'totp' : null;
}

/** Split boxes: the group's own words (all boxes' texts) and context decide; boxes are one character each. */
export function classifySplitGroup(boxes: FieldFacts[], context: string): FieldVerdict {
  if (boxes.length < 4 || boxes.length > 8) return null;
  if (!boxes.every((b) => b.usable && TEXTUAL_TYPES.has(b.type))) return null;
  const own = compactText(boxes.flatMap((b) => b.texts).join(' '));
  const autocomplete = boxes.map((b) => b.autocomplete.toLowerCase()).join(' ');
  if (isRecovery(own)) return 'recovery';
  if (!autocomplete.includes(AUTOCOMPLETE_OTP) && (includesAny(own, NEGATIVE_TOKENS)
    || AUTOCOMPLETE_OTHER.some((t) => autocomplete.split(/\s+/).includes(t)))) return null;
  const aboutAuthenticator = includesAny(context, CONTEXT_OTP_PHRASES);
  if (includesAny(context, SMS_OR_EMAIL_PHRASES) && !aboutAuthenticator) return null;
  const first = boxes[0] as FieldFacts;
  const codeish = looksNumeric(first) || aboutAuthenticator || context.includes('code') || includesAny(own, STRONG)
    || wordsOf(boxes.flatMap((b) => b.texts).join(' ')).some((w) => WEAK_TOKENS.includes(w));
  return codeish ? 'totp' : null;
}
