// What the popup asks the background the moment its script starts, before Preact or any screen has run: the vault's
// status, the first screen of the list (rows and codes), and any request waiting in the tab. All in parallel, so an
// unlocked popup paints its codes after one round trip.
import { callBackground, type ResponseOf } from '../messages.ts';
import { FIRST_SCREEN_ROWS } from './list-geometry.ts';
import { findPendingChoice, type PendingChoice } from './pending-fill.ts';
import { findPendingRecoverySave, type PendingRecoverySave } from './pending-recovery-save.ts';

export interface Opening {
  status: Promise<ResponseOf<'getStatus'>>;
  /** Null when it failed (locked, no vault): the status says why. */
  first: Promise<ResponseOf<'firstScreen'> | null>;
  save: Promise<PendingRecoverySave | null>;
  choice: Promise<PendingChoice | null>;
}

export const askFirstScreen = () => callBackground('firstScreen', { rows: FIRST_SCREEN_ROWS });

function startOpening(search: string): Opening {
  const first = askFirstScreen().catch(() => null);
  const status = callBackground('getStatus', {});
  // Never rejected: unhandled while the status is awaited first.
  return { status, first, save: findPendingRecoverySave(search), choice: findPendingChoice(search) };
}

let started: Opening | null = startOpening(location.search);

/** The opening started with the script, once; a later call (the app mounted again) asks afresh. */
export function takeOpening(): Opening {
  const opening = started ?? startOpening(location.search);
  started = null;
  return opening;
}
