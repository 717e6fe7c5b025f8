// Which TOTP step Keyfob last filled for an account on an origin, so that a code a site has just accepted is never
// filled again (signing out and in within one 30 s step): the next step's code is filled once it is valid. Kept in
// session storage (memory only), since the worker may stop between two sign-ins.
import { SESSION_KEYS } from '../../session-keys.ts';

type FilledSteps = Record<string, number>;

const KEY = SESSION_KEYS.filledSteps;
/** Entries older than this many steps can never matter again. */
const KEEP_STEPS = 4;

const entryKey = (accountId: string, origin: string) => `${accountId} ${origin}`;

async function read(): Promise<FilledSteps> {
  const got = await chrome.storage.session.get(KEY);
  return (got[KEY] as FilledSteps | undefined) ?? {};
}

/** The last step filled for this account on this origin, or null. */
export async function lastFilledStep(accountId: string, origin: string): Promise<number | null> {
  return (await read())[entryKey(accountId, origin)] ?? null;
}

/** Remembers that the code of `step` was handed to `origin`; stale entries are dropped on the way. */
export async function rememberFilledStep(accountId: string, origin: string, step: number): Promise<void> {
  const all = await read();
  const kept: FilledSteps = {};
  for (const [k, s] of Object.entries(all)) if (s >= step - KEEP_STEPS) kept[k] = s;
  kept[entryKey(accountId, origin)] = Math.max(step, kept[entryKey(accountId, origin)] ?? step);
  await chrome.storage.session.set({ [KEY]: kept });
}
