// The content script's loaded-on-need part: classifying fields, asking for and filling codes, the in-page controls and
// the recovery-code offer. index.ts, injected into every page, loads it (load-detector.ts) only when a page has an
// input that passes the quick gate, a recovery-code heading, or a fill command comes: most pages never compile it.
// It runs in the same isolated world as index.ts, but as a module of its own: it shares no state with it.
export { considerInputs, fillNow } from './autofill.ts';
export { offerToSaveRecoveryCodes } from './recovery-codes.ts';
