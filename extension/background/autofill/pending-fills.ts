// Fills waiting on the user (an unlock, or a choice of account), kept in session storage because the
// worker may be stopped between the request and the user's answer.
import type { FieldKind } from '../../messages.ts';

export interface PendingFill {
  tabId: number;
  frameId: number;
  site: string;
  fieldKind: FieldKind;
  /** locked: waits for an unlock; choose: for the user's pick; none: for an account bound to the site. */
  reason: 'locked' | 'choose' | 'none';
  createdAt: number;
}

/** A recovery code handed to a challenge page, to be marked used once the sign-in got past it. */
export interface RecoveryInFlight {
  tabId: number;
  accountId: string;
  code: string;
  site: string;
  path: string;
}

const PENDING_KEY = 'autofill.pending';
const RECOVERY_KEY = 'autofill.recoveryInFlight';
const MAX_AGE_MS = 10 * 60_000;

async function read<T>(key: string): Promise<T[]> {
  const got = await chrome.storage.session.get(key);
  return (got[key] as T[] | undefined) ?? [];
}

export async function addPendingFill(fill: PendingFill): Promise<void> {
  const others = (await read<PendingFill>(PENDING_KEY))
    .filter((p) => !(p.tabId === fill.tabId && p.frameId === fill.frameId) && fill.createdAt - p.createdAt < MAX_AGE_MS);
  await chrome.storage.session.set({ [PENDING_KEY]: [...others, fill] });
}

/** Removes and returns the pending fills matching `pick` that are still fresh. */
export async function takePendingFills(pick: (p: PendingFill) => boolean, now: number): Promise<PendingFill[]> {
  const all = await read<PendingFill>(PENDING_KEY);
  const taken = all.filter((p) => pick(p) && now - p.createdAt < MAX_AGE_MS);
  await chrome.storage.session.set({ [PENDING_KEY]: all.filter((p) => !taken.includes(p) && now - p.createdAt < MAX_AGE_MS) });
  return taken;
}

export async function peekPendingFill(tabId: number): Promise<PendingFill | null> {
  return (await read<PendingFill>(PENDING_KEY)).find((p) => p.tabId === tabId && p.reason === 'choose') ?? null;
}

export async function rememberRecoveryInFlight(r: RecoveryInFlight): Promise<void> {
  const others = (await read<RecoveryInFlight>(RECOVERY_KEY)).filter((x) => x.tabId !== r.tabId);
  await chrome.storage.session.set({ [RECOVERY_KEY]: [...others, r] });
}

export async function hasRecoveryInFlight(tabId: number): Promise<boolean> {
  return (await read<RecoveryInFlight>(RECOVERY_KEY)).some((x) => x.tabId === tabId);
}

export async function takeRecoveryInFlight(tabId: number): Promise<RecoveryInFlight | null> {
  const all = await read<RecoveryInFlight>(RECOVERY_KEY);
  const found = all.find((x) => x.tabId === tabId) ?? null;
  if (found) await chrome.storage.session.set({ [RECOVERY_KEY]: all.filter((x) => x !== found) });
  return found;
}
