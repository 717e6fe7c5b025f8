// Spots where a code was sent, as pages show it: a phone number with masked digits (or written out in full) or an e-mail
// address with masked letters, e.g. "+49 15*****4567", "•••• 1234", "(***) ***-1234", "j***@example.com".

const MASK = '*•●·';
/** Two or more mask characters among digits, spaces and separators, ending in at least two digits. */
const MASKED_PHONE = new RegExp(`[${MASK}](?:[\\s().-]*[${MASK}]){1,}[\\s().-]*\\d{2,4}(?!\\d)`);
/** An international number written out: a plus, then eight or more digits in groups. */
const FULL_PHONE = /\+\d{1,3}[\s-]?\d(?:[\s-]?\d){6,}/;
/** An e-mail address with a masked local part or domain; a full address is often just the signed-in user's name. */
const MASKED_EMAIL = new RegExp(`[^\\s@]*[${MASK}][^\\s@]*@[^\\s@]+\\.[^\\s@]+|[^\\s@]+@[^\\s@]*[${MASK}][^\\s@]*`);

/** Whether `text` (as written, not compacted) shows a destination a code could have been sent to. */
export function showsDestination(text: string): boolean {
  return MASKED_PHONE.test(text) || MASKED_EMAIL.test(text) || FULL_PHONE.test(text);
}
