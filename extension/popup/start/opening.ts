// What the popup asks the background the moment it starts: the vault's status, the first screen of the list (rows
// and codes), whether the page in front imitates a bound site (no code is drawn before that answer), any request
// waiting in the tab and any image handed over by the context menu. All in parallel, so an
// unlocked popup paints its codes after one round trip. Started by boot.ts, the page's first and smallest script,
// while the browser is still loading the app's modules; the app takes it when it mounts.
import { callBackground, type ResponseOf } from '../../messages.ts';
import { PENDING_IMAGE_KEY, type PendingImageScan } from '../../image-handoff.ts';
import { readSession } from '../browser.ts';
import { FIRST_SCREEN_ROWS } from '../list-geometry.ts';
import { findPendingChoice, type PendingChoice } from '../pending/pending-fill.ts';
import { findPendingRecoverySave, type PendingRecoverySave } from '../pending/pending-recovery-save.ts';
import { tabForRequest } from '../tab-for-request.ts';

/** The look-alike check of the tab in front: null when there is no tab or the check failed (nothing to warn of). */
export type PageWarning = ResponseOf<'pageWarning'> | null;

/**
 * The check under way, and its answer once in: the list reads `done` when it first renders, so an answer that came
 * before the list draws its codes in the first paint, not a frame later.
 */
export interface PageCheck { answer: Promise<PageWarning>; done: boolean; result: PageWarning }

export interface Opening {
  status: Promise<ResponseOf<'getStatus'>>;
  /** Null when it failed (locked, no vault): the status says why. */
  first: Promise<ResponseOf<'firstScreen'> | null>;
  save: Promise<PendingRecoverySave | null>;
  choice: Promise<PendingChoice | null>;
  /** Only read here: the app removes it from the session when it opens the scan for it. */
  image: Promise<PendingImageScan | null>;
  /** Taken by the account list (takePageCheck), which draws no code before it answers. */
  page: PageCheck;
}

export const askFirstScreen = () => callBackground('firstScreen', { rows: FIRST_SCREEN_ROWS });

/** Never rejects: unhandled while the status is awaited first. */
export const readPendingImage = () => readSession<PendingImageScan>(PENDING_IMAGE_KEY).catch(() => null);

/** Never rejects: a failed check shows the codes, as a page with nothing to warn of does. */
export function askPageCheck(search: string): PageCheck {
  const check: PageCheck = { answer: Promise.resolve(null), done: false, result: null };
  check.answer = tabForRequest(search)
    .then((tabId) => (tabId === null ? null : callBackground('pageWarning', { tabId })))
    .catch(() => null)
    .then((result) => {
      check.done = true;
      check.result = result;
      return result;
    });
  return check;
}

function startOpening(search: string): Opening {
  const first = askFirstScreen().catch(() => null);
  const status = callBackground('getStatus', {});
  // Never rejected: unhandled while the status is awaited first.
  return {
    status, first, save: findPendingRecoverySave(search), choice: findPendingChoice(search), image: readPendingImage(),
    page: askPageCheck(search),
  };
}

/**
 * The page's one opening, shared by the boot script and the app bundle, which are separate files: undefined until one
 * of them starts it, null once the app has taken it (so a boot script that runs late does not ask twice).
 */
interface OpeningSlot { keyfobOpening?: Opening | null }
const slot = globalThis as OpeningSlot;

/** Starts the opening unless the other script already has. */
export function ensureOpening(): void {
  if (slot.keyfobOpening === undefined) slot.keyfobOpening = startOpening(location.search);
}

/** The opening started with the page, once; a later call (the app mounted again) asks afresh. */
export function takeOpening(): Opening {
  const opening = slot.keyfobOpening ?? startOpening(location.search);
  slot.keyfobOpening = null;
  pageCheckSlot.keyfobPageCheck ??= opening.page;
  return opening;
}

/** The opening's page check until the account list takes it; the list shown again later asks afresh. */
interface PageCheckSlot { keyfobPageCheck?: PageCheck | null }
const pageCheckSlot = globalThis as PageCheckSlot;

export function takePageCheck(): PageCheck {
  const early = pageCheckSlot.keyfobPageCheck ?? (slot.keyfobOpening ? slot.keyfobOpening.page : null);
  pageCheckSlot.keyfobPageCheck = null;
  return early ?? askPageCheck(location.search);
}
