// Which TOTP step Keyfob last filled for an account on an origin, so that a code a site has just accepted is never
// filled again (signing out and in within one 30 s step): the next step's code is filled once it is valid. Kept in
// session storage (memory only), since the worker may stop between two sign-ins.
import { SESSION_KEYS } from '../../session-keys.ts';

/** The step last filled, and the document it went to (null where the browser names no documents). */
export interface FilledStep { step: number; documentId: string | null }
type FilledSteps = Record<string, FilledStep>;

const KEY = SESSION_KEYS.filledSteps;
/** Entries older than this many steps can never matter again. */
const KEEP_STEPS = 4;

const entryKey = (accountId: string, origin: string) => `${accountId} ${origin}`;

async function read(): Promise<FilledSteps> {
  const got = await chrome.storage.session.get(KEY);
  return (got[KEY] as FilledSteps | undefined) ?? {};
}

/** The last step filled for this account on this origin, or null. */
export async function lastFilledStep(accountId: string, origin: string): Promise<FilledStep | null> {
  const found = (await read())[entryKey(accountId, origin)];
  return found && typeof found.step === 'number' ? found : null;
}

/** Remembers that the code of `step` was handed to `documentId` on `origin`; stale entries are dropped on the way. */
export async function rememberFilledStep(accountId: string, origin: string, step: number, documentId: string | null): Promise<void> {
  const all = await read();
  const kept: FilledSteps = {};
  for (const [k, s] of Object.entries(all)) if (s.step >= step - KEEP_STEPS) kept[k] = s;
  const key = entryKey(accountId, origin);
  if ((kept[key]?.step ?? -Infinity) <= step) kept[key] = { step, documentId };
  await chrome.storage.session.set({ [KEY]: kept });
}
