// Which TOTP step Keyfob last filled for an account on an origin, so that a code a site has just accepted is never
// filled again (signing out and in within one 30 s step): the next step's code is filled once it is valid. Kept in
// session storage (memory only), since the worker may stop between two sign-ins. At Lock, only origins and the time
// until which each must not be given a code again are kept: no account, no document.
import { SESSION_KEYS } from '../../session-keys.ts';
import { sessionStore } from '../platform/session-store.ts';

/** The step last filled, and the document it went to (null where the browser names no documents). */
export interface FilledStep { step: number; documentId: string | null }
interface StoredStep extends FilledStep { periodMs: number }
type FilledSteps = Record<string, StoredStep>;
/** Origin → the moment (epoch ms) the last step filled there ended: what a lock keeps of the record above. */
type FilledOrigins = Record<string, number>;

const KEY = SESSION_KEYS.filledSteps;
const ORIGINS_KEY = SESSION_KEYS.filledOrigins;
/** Entries older than this many steps can never matter again. */
const KEEP_STEPS = 4;

const entryKey = (accountId: string, origin: string) => `${accountId} ${origin}`;

async function read<T>(key: string): Promise<Record<string, T>> {
  return (await sessionStore.get<Record<string, T>>(key)) ?? {};
}

/** The last step filled for this account on this origin (a step of `periodSeconds`), or null. */
export async function lastFilledStep(accountId: string, origin: string, periodSeconds: number): Promise<FilledStep | null> {
  const found = (await read<StoredStep>(KEY))[entryKey(accountId, origin)];
  if (found && typeof found.step === 'number') return { step: found.step, documentId: found.documentId ?? null };
  // Filled before a lock: the step that held the moment the filled step ended is the one not to give again.
  const until = (await read<number>(ORIGINS_KEY))[origin];
  return typeof until === 'number' ? { step: Math.floor((until - 1) / (periodSeconds * 1000)), documentId: null } : null;
}

/** Remembers that the code of `step` was handed to `documentId` on `origin`; stale entries are dropped on the way. */
export async function rememberFilledStep(accountId: string, origin: string, step: number, periodSeconds: number, documentId: string | null): Promise<void> {
  const all = await read<StoredStep>(KEY);
  const kept: FilledSteps = {};
  for (const [k, s] of Object.entries(all)) if (s.step >= step - KEEP_STEPS) kept[k] = s;
  const key = entryKey(accountId, origin);
  if ((kept[key]?.step ?? -Infinity) <= step) kept[key] = { step, documentId, periodMs: periodSeconds * 1000 };
  await sessionStore.set(KEY, kept);
}

/**
 * At Lock: the record shrinks to origin → end of the last step filled there (still ahead of `now`), so unlocking within
 * the same step still does not fill that code again, while which account was used where, and in which document, goes.
 */
export async function keepFilledOriginsOnly(now: number): Promise<void> {
  const [steps, origins] = await Promise.all([read<StoredStep>(KEY), read<number>(ORIGINS_KEY)]);
  const kept: FilledOrigins = {};
  for (const [origin, until] of Object.entries(origins)) if (until > now) kept[origin] = until;
  for (const [key, s] of Object.entries(steps)) {
    const origin = key.slice(key.indexOf(' ') + 1);
    const until = (s.step + 1) * (s.periodMs || 30_000);
    if (until > now) kept[origin] = Math.max(kept[origin] ?? 0, until);
  }
  if (Object.keys(kept).length === 0) await sessionStore.remove(ORIGINS_KEY);
  else await sessionStore.set(ORIGINS_KEY, kept);
}
