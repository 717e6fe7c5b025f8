// Requests from pages that wait on the user (a fill to choose or unlock for, recovery codes to save, a choice to redeem),
// as one list per session key: kept in session storage because the worker may stop before the user answers, and
// worth nothing once older than the list's maximum age.
import type { SessionKey } from '../../session-keys.ts';
import { sessionStore } from '../platform/session-store.ts';

export interface WaitingRequest {
  /** When the request was made (epoch ms); it counts as waiting for the list's maximum age from then. */
  createdAt: number;
}

export interface WaitingRequests<T extends WaitingRequest> {
  /** The first request matching `pick` that is still fresh at `now`, left in place; null when none is. */
  find(pick: (r: T) => boolean, now: number): Promise<T | null>;
  /** Adds `request`, dropping the ones it `replaces` and those stale by its own `createdAt`. */
  add(request: T, replaces: (r: T) => boolean): Promise<void>;
  /** Removes and returns every fresh request matching `pick`; stale ones are dropped on the way. */
  take(pick: (r: T) => boolean, now: number): Promise<T[]>;
  /** Removes and returns the first fresh request matching `pick` (the others stay); stale ones are dropped on the way. */
  takeFirst(pick: (r: T) => boolean, now: number): Promise<T | null>;
}

export function waitingRequests<T extends WaitingRequest>(key: SessionKey, maxAgeMs: number): WaitingRequests<T> {
  const read = async (): Promise<T[]> => (await sessionStore.get<T[]>(key)) ?? [];
  const freshAt = (now: number) => (r: T): boolean => now - r.createdAt < maxAgeMs;
  const keepFresh = async (all: T[], gone: (r: T) => boolean, now: number): Promise<void> => {
    const fresh = freshAt(now);
    await sessionStore.set(key, all.filter((r) => !gone(r) && fresh(r)));
  };
  return {
    async find(pick, now) {
      const fresh = freshAt(now);
      return (await read()).find((r) => pick(r) && fresh(r)) ?? null;
    },
    async add(request, replaces) {
      const fresh = freshAt(request.createdAt);
      const others = (await read()).filter((r) => !replaces(r) && fresh(r));
      await sessionStore.set(key, [...others, request]);
    },
    async take(pick, now) {
      const all = await read();
      const fresh = freshAt(now);
      const taken = all.filter((r) => pick(r) && fresh(r));
      await keepFresh(all, (r) => taken.includes(r), now);
      return taken;
    },
    async takeFirst(pick, now) {
      const all = await read();
      const fresh = freshAt(now);
      const found = all.find((r) => pick(r) && fresh(r)) ?? null;
      await keepFresh(all, (r) => r === found, now);
      return found;
    },
  };
}
