// Popup root: shows the screen start-up chose (hooks/use-start-up.ts) and moves between screens as the user asks.
import { t } from '../i18n.ts';
import { useCallback, useEffect } from 'preact/hooks';
import { callBackground } from '../messages.ts';
import { focusFirstAutofocus } from './focus-first.ts';
import { useEscape } from './hooks/use-escape.ts';
import { useStartUp, type Screen } from './hooks/use-start-up.ts';
import { AccountDetail } from './screens/AccountDetail.tsx';
import { AccountList } from './screens/AccountList.tsx';
import { AddAccount } from './screens/AddAccount.tsx';
import { ChooseAccount } from './screens/ChooseAccount.tsx';
import { CreateVault } from './screens/CreateVault.tsx';
import { SaveRecoveryCodes } from './screens/SaveRecoveryCodes.tsx';
import { ScanScreen } from './screens/scan/ScanScreen.tsx';
import { Settings } from './screens/Settings.tsx';
import { Unlock } from './screens/Unlock.tsx';

/** The screens Escape leaves for the list. */
const STEPS_BACK_ON_ESCAPE: ReadonlySet<Screen['name']> = new Set(['detail', 'add', 'settings', 'scan', 'choose']);

export function App() {
  const { screen, show, list, settings, setSettings, fail, showList, enterUnlocked, showLocked } = useStartUp();
  const { accounts } = list;

  const back = useCallback(() => void showList(), [showList]);

  useEffect(focusFirstAutofocus, [screen]);
  useEscape(STEPS_BACK_ON_ESCAPE.has(screen.name), back);

  const lock = async () => {
    try {
      await callBackground('lock', {});
      showLocked();
    } catch (err) {
      fail(err);
    }
  };
  const scanFile = (file: File) => show({ name: 'scan', source: { kind: 'file', file } });

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
          onOpen={(id) => show({ name: 'detail', id })}
          onScan={() => show({ name: 'scan', source: { kind: 'tab' } })}
          onAdd={() => show({ name: 'add' })}
          onSettings={() => show({ name: 'settings' })}
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
