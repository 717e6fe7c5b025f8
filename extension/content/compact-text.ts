// Text as every signal list is written: lower case, accents stripped, only letters and digits. Apart from the
// classifier so that the content script's always-loaded part (the recovery heading look) can use it alone.

// Plain ASCII text (most attributes and labels) takes a fast path: Unicode property regexes and NFD
// normalisation cost milliseconds to set up on first use, which every page would otherwise pay.
export const ASCII = /^[^\u0080-\uffff]*$/;

/** Lower case, accents stripped, only letters and digits left: "Código de verificación" → "codigodeverificacion". */
export function compactText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
