// Popup start-up: takes the opening (start/opening.ts), shows the first screen it calls for (create, unlock, a waiting
// save or choice, a handed-over image, or the list), and keeps the screen and the list from then on.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { callBackground, type AccountView, type CodeView, type PendingFillView, type ResponseOf, type Settings } from '../../messages.ts';
import { PENDING_IMAGE_KEY, type PendingImageScan } from '../../image-handoff.ts';
import { removeSession } from '../browser.ts';
import { errorText, isLockedError } from '../error-text.ts';
import { askFirstScreen, readPendingImage, takeOpening } from '../start/opening.ts';
import { findPendingChoice, watchPendingChoice } from '../pending/pending-fill.ts';
import { findPendingRecoverySave, type PendingRecoverySave } from '../pending/pending-recovery-save.ts';
import type { ScanSource } from '../screens/scan/ScanScreen.tsx';

export type Screen =
  | { name: 'loading' }
  | { name: 'broken'; message: string }
  | { name: 'create' }
  | { name: 'unlock' }
  | { name: 'list'; notice: string }
  | { name: 'detail'; id: string }
  | { name: 'add' }
  | { name: 'settings' }
  | { name: 'scan'; source: ScanSource }
  | { name: 'choose'; tabId: number; pending: PendingFillView }
  | ({ name: 'save-codes' } & PendingRecoverySave);

/** The list as far as it is known: the first screen's rows (and codes) at first, every account once `complete`. */
export interface ListState {
  accounts: AccountView[];
  total: number;
  codes: CodeView[];
  complete: boolean;
}

export const EMPTY_LIST: ListState = { accounts: [], total: 0, codes: [], complete: true };

export function firstScreenList(first: ResponseOf<'firstScreen'>): ListState {
  return { accounts: first.accounts, total: first.total, codes: first.codes, complete: first.accounts.length >= first.total };
}

/** An image sent from the "Add to Keyfob" context menu, waiting for the popup to decode it (read by the opening). */
async function takePendingImage(read: Promise<PendingImageScan | null> = readPendingImage()): Promise<ScanSource | null> {
  const pending = await read;
  if (!pending) return null;
  await removeSession(PENDING_IMAGE_KEY);
  return { kind: 'image', dataUrl: pending.dataUrl, frameUrl: pending.frameUrl, pageUrl: pending.pageUrl };
}

export interface StartUp {
  screen: Screen;
  show: (screen: Screen) => void;
  list: ListState;
  /** Null until the status arrived. */
  settings: Settings | null;
  setSettings: (settings: Settings) => void;
  /** A failed call: locked (or no vault) asks for the password again, anything else is shown as broken. */
  fail: (err: unknown) => void;
  /** Reloads the list's first screen and shows it, with a notice of what just happened ('' for none). */
  showList: (notice?: string) => Promise<void>;
  /** After the password opened the vault: the request waiting in the tab, or the list. */
  enterUnlocked: () => Promise<void>;
  /** The vault was locked here: the list is forgotten and the password asked for. */
  showLocked: () => void;
}

export function useStartUp(): StartUp {
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [list, setList] = useState<ListState>(EMPTY_LIST);
  const [settings, setSettings] = useState<Settings | null>(null);
  const stopWatching = useRef<(() => void) | null>(null);

  const fail = useCallback((err: unknown) => {
    if (isLockedError(err)) setScreen({ name: 'unlock' });
    else setScreen({ name: 'broken', message: errorText(err) });
  }, []);

  // The first screen paints from one message; the rest of the list follows (below), so search and scrolling see it all.
  const showList = useCallback(async (notice = '') => {
    try {
      setList(firstScreenList(await askFirstScreen()));
      setScreen({ name: 'list', notice });
    } catch (err) {
      fail(err);
    }
  }, [fail]);

  const enterUnlocked = useCallback(async () => {
    const save = await findPendingRecoverySave(location.search);
    if (save) { setScreen({ name: 'save-codes', ...save }); return; }
    const choice = await findPendingChoice(location.search);
    if (choice) { setScreen({ name: 'choose', ...choice }); return; }
    const pending = await takePendingImage().catch(() => null);
    if (pending) setScreen({ name: 'scan', source: pending });
    else await showList();
    // A fill that waited for the unlock turns into a choice only after the page asked again (several accounts
    // fit): the list is shown meanwhile, and the choice replaces it when the background records it.
    stopWatching.current?.();
    stopWatching.current = watchPendingChoice(location.search, 2_000,
      (late) => setScreen((now) => (now.name === 'list' ? { name: 'choose', ...late } : now)));
  }, [showList]);

  useEffect(() => () => stopWatching.current?.(), []);

  useEffect(() => {
    // Effects run after the first screen is painted: only then is the whole list asked for.
    if (list.complete) return;
    let cancelled = false;
    callBackground('listAccountViews', {}).then((all) => {
      if (!cancelled) setList((now) => ({ ...now, accounts: all.accounts, total: all.accounts.length, complete: true }));
    }).catch((err: unknown) => { if (!cancelled) fail(err); });
    return () => { cancelled = true; };
  }, [list.complete, fail]);

  // A layout effect: it runs as soon as "Starting…" is rendered, not after the browser has painted it (a frame later),
  // so answers that arrived while the app's scripts loaded are shown at once.
  useLayoutEffect(() => {
    // The first screen was asked for together with the status (start/opening.ts): when already unlocked (the usual
    // case) it is ready as soon as the status is, one round trip sooner. When locked it fails and is ignored.
    const opening = takeOpening();
    opening.status.then(async (status) => {
      setSettings(status.settings);
      if (status.vault === 'none') { setScreen({ name: 'create' }); return; }
      if (status.vault === 'locked') { setScreen({ name: 'unlock' }); return; }
      const save = await opening.save;
      if (save) { setScreen({ name: 'save-codes', ...save }); return; }
      const [choice, pending, first] = await Promise.all([opening.choice, takePendingImage(opening.image).catch(() => null), opening.first]);
      if (choice) setScreen({ name: 'choose', ...choice });
      else if (pending) setScreen({ name: 'scan', source: pending });
      else if (first) { setList(firstScreenList(first)); setScreen({ name: 'list', notice: '' }); }
      else await showList();
    }).catch((err: unknown) => setScreen({ name: 'broken', message: errorText(err) }));
  }, [showList]);

  const showLocked = useCallback(() => {
    setList(EMPTY_LIST);
    setScreen({ name: 'unlock' });
  }, []);

  return { screen, show: setScreen, list, settings, setSettings, fail, showList, enterUnlocked, showLocked };
}
