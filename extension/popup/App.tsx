// Popup root: asks the background where the vault stands and shows the matching screen.
import { t } from '../i18n.ts';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { callBackground, type AccountView, type CodeView, type PendingFillView, type ResponseOf, type Settings as SettingsValue } from '../messages.ts';
import { removeSession } from './browser.ts';
import { PENDING_IMAGE_KEY, type PendingImageScan } from '../image-handoff.ts';
import { errorText, isLockedError } from './error-text.ts';
import { focusFirstAutofocus } from './focus-first.ts';
import { askFirstScreen, readPendingImage, takeOpening } from './opening.ts';
import { findPendingChoice, watchPendingChoice } from './pending-fill.ts';
import { findPendingRecoverySave, type PendingRecoverySave } from './pending-recovery-save.ts';
import { AccountDetail } from './screens/AccountDetail.tsx';
import { AccountList } from './screens/AccountList.tsx';
import { AddAccount } from './screens/AddAccount.tsx';
import { ChooseAccount } from './screens/ChooseAccount.tsx';
import { CreateVault } from './screens/CreateVault.tsx';
import { SaveRecoveryCodes } from './screens/SaveRecoveryCodes.tsx';
import { ScanScreen, type ScanSource } from './screens/scan/ScanScreen.tsx';
import { Settings } from './screens/Settings.tsx';
import { Unlock } from './screens/Unlock.tsx';

type Screen =
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

/** An image sent from the "Add to Keyfob" context menu, waiting for the popup to decode it (read by the opening). */
async function takePendingImage(read: Promise<PendingImageScan | null> = readPendingImage()): Promise<ScanSource | null> {
  const pending = await read;
  if (!pending) return null;
  await removeSession(PENDING_IMAGE_KEY);
  return { kind: 'image', dataUrl: pending.dataUrl, frameUrl: pending.frameUrl, pageUrl: pending.pageUrl };
}

/** The list as far as it is known: the first screen's rows (and codes) at first, every account once `complete`. */
interface ListState {
  accounts: AccountView[];
  total: number;
  codes: CodeView[];
  complete: boolean;
}

const EMPTY_LIST: ListState = { accounts: [], total: 0, codes: [], complete: true };

function firstScreenList(first: ResponseOf<'firstScreen'>): ListState {
  return { accounts: first.accounts, total: first.total, codes: first.codes, complete: first.accounts.length >= first.total };
}

export function App() {
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [list, setList] = useState<ListState>(EMPTY_LIST);
  const { accounts } = list;
  const [settings, setSettings] = useState<SettingsValue | null>(null);

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
    watchPendingChoice(location.search, 2_000, (late) => setScreen((now) => (now.name === 'list' ? { name: 'choose', ...late } : now)));
  }, [showList]);

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
    // The first screen was asked for together with the status (opening.ts): when already unlocked (the usual case)
    // it is ready as soon as the status is, one round trip sooner. When locked it fails and is ignored.
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

  const back = useCallback(() => void showList(), [showList]);

  useEffect(focusFirstAutofocus, [screen]);

  // Read by the Escape listener at the moment of the key press: a listener re-made after each screen change runs only
  // after the new screen is painted, so an Escape pressed as soon as a sub-screen showed was judged by the old one.
  const shown = useRef(screen);
  shown.current = screen;

  useEffect(() => {
    // Escape steps back to the list from any sub-screen, so the whole popup works from the keyboard.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (['detail', 'add', 'settings', 'scan', 'choose'].includes(shown.current.name)) {
        e.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back]);

  const lock = async () => {
    try {
      await callBackground('lock', {});
      setList(EMPTY_LIST);
      setScreen({ name: 'unlock' });
    } catch (err) {
      fail(err);
    }
  };
  const scanFile = (file: File) => setScreen({ name: 'scan', source: { kind: 'file', file } });

  switch (screen.name) {
    case 'loading':
      return <main class="narrow"><p role="status">{t('starting')}</p></main>;
    case 'broken':
      return <main class="narrow"><h1>{t('extName')}</h1><p role="alert" class="error">{screen.message}</p></main>;
    case 'create':
      return <CreateVault onCreated={() => void showList()} />;
    case 'unlock':
      return <Unlock onUnlocked={() => void enterUnlocked()} />;
    case 'list':
      return (
        <AccountList accounts={accounts} total={list.total} complete={list.complete} codes={list.codes} notice={screen.notice} onError={fail}
          onOpen={(id) => setScreen({ name: 'detail', id })}
          onScan={() => setScreen({ name: 'scan', source: { kind: 'tab' } })}
          onAdd={() => setScreen({ name: 'add' })}
          onSettings={() => setScreen({ name: 'settings' })}
          onLock={() => void lock()} />
      );
    case 'detail': {
      const account = accounts.find((a) => a.id === screen.id);
      if (!account) { back(); return null; }
      return <AccountDetail account={account} onBack={back} onChanged={(n) => void showList(n)} />;
    }
    case 'add':
      return <AddAccount onBack={back} onSaved={(n) => void showList(n)} onImage={scanFile} />;
    case 'settings':
      return settings
        ? <Settings settings={settings} onSettings={setSettings} onBack={back} onImported={() => undefined} />
        : null;
    case 'scan':
      return <ScanScreen source={screen.source} onBack={back} onSaved={(n) => void showList(n)} onImage={scanFile} />;
    case 'choose':
      return <ChooseAccount tabId={screen.tabId} pending={screen.pending} onCancel={back} />;
    case 'save-codes':
      return <SaveRecoveryCodes tabId={screen.tabId} view={screen.view} onDone={(n) => void showList(n)} />;
  }
}
