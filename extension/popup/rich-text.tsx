// A translated sentence with markup inside it ("Save 8 codes from <strong>bank.test</strong>?"): the words and their
// order come from the message, the elements from the code, so a translation can move them without touching markup.
import type { ComponentChildren } from 'preact';
import { plural, t, type MessageKey, type PluralKey } from '../i18n.ts';

/** Private-use characters that no message contains: marker n stands for parts[n] until the split below. */
const marker = (n: number) => `\uE000${n}\uE001`;

function splitAtMarkers(text: string, parts: readonly ComponentChildren[]): ComponentChildren[] {
  return text.split(/\uE000(\d)\uE001/).map((piece, i) => (i % 2 === 1 ? parts[Number(piece)] : piece));
}

/** The message `key` with $1…$9 replaced by `parts` (strings, numbers or elements), as a list of children. */
export function richText(key: MessageKey, ...parts: ComponentChildren[]): ComponentChildren[] {
  return splitAtMarkers(t(key, ...parts.map((_, n) => marker(n))), parts);
}

/** The counted message (`count` is $1) with $2… replaced by `parts`. */
export function richPlural(stem: PluralKey, count: number, ...parts: ComponentChildren[]): ComponentChildren[] {
  return splitAtMarkers(plural(stem, count, ...parts.map((_, n) => marker(n))), parts);
}
