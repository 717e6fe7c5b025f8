// Settings → Sync while sync is off: choose a backend (this browser's account or a WebDAV server) and either turn
// sync on here or join a vault synced from another browser with its recovery kit.
import { useState } from 'preact/hooks';
import { t } from '../../../i18n.ts';
import { callBackground, type SyncBackendKind, type SyncView } from '../../../messages.ts';
import { requestHostAccess } from '../../browser.ts';
import type { Action } from '../../hooks/use-action.ts';

type Mode = 'start' | 'join';

export interface SyncSetupFormProps {
  /** The first-run screen's "Join a synced vault": no vault here yet, so only joining is offered. */
  joinOnly: boolean;
  /** The section's action: its error also says why the sync status could not be read. */
  action: Action;
  /** Sync turned on here: the new recovery kit, shown once. */
  onStarted: (kit: string, view: SyncView) => void;
  onJoined: (view: SyncView) => void;
}

export function SyncSetupForm({ joinOnly, action, onStarted, onJoined }: SyncSetupFormProps) {
  const { busy, error, setError, run } = action;
  const [mode, setMode] = useState<Mode>(joinOnly ? 'join' : 'start');
  const [backend, setBackend] = useState<SyncBackendKind>('storage-sync');
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [appPassword, setAppPassword] = useState('');
  const [master, setMaster] = useState('');
  const [kitInput, setKitInput] = useState('');

  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      let webdav;
      if (backend === 'webdav') {
        if (!URL.canParse(url.trim())) {
          setError(t('syncBadUrl'));
          return;
        }
        // Asked from the click: the browser's prompt needs the user's gesture.
        if (!(await requestHostAccess(url.trim()))) {
          setError(t('syncPermissionDeclined'));
          return;
        }
        webdav = { url: url.trim(), username, password: appPassword };
      }
      const target = { backend, ...(webdav ? { webdav } : {}) };
      if (mode === 'start') {
        const result = await callBackground('enableSync', { ...target, masterPassword: master });
        onStarted(result.kit, result.view);
      } else {
        onJoined((await callBackground('joinSync', { ...target, masterPassword: master, kit: kitInput })).view);
      }
      setMaster('');
      setAppPassword('');
      setKitInput('');
    });
  };

  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">{joinOnly ? t('syncJoin') : t('sync')}</h2>
      <p class="hint">{t('syncIntro')}</p>
      <form class="stack" onSubmit={submit}>
        <fieldset>
          <legend>{t('syncWhere')}</legend>
          <label class="choice"><input type="radio" name="sync-backend" checked={backend === 'storage-sync'} onChange={() => setBackend('storage-sync')} />{t('syncBackendBrowser')}</label>
          <label class="choice"><input type="radio" name="sync-backend" checked={backend === 'webdav'} onChange={() => setBackend('webdav')} />{t('syncBackendWebdav')}</label>
        </fieldset>
        {backend === 'webdav' && (
          <>
            <label>{t('syncWebdavUrl')}
              <input type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
            </label>
            <label>{t('syncWebdavUser')}
              <input type="text" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
            </label>
            <label>{t('syncWebdavPassword')}
              <input type="password" autoComplete="off" required value={appPassword} onInput={(e) => setAppPassword(e.currentTarget.value)} />
            </label>
          </>
        )}
        {!joinOnly && (
          <fieldset>
            <legend>{t('syncHow')}</legend>
            <label class="choice"><input type="radio" name="sync-mode" checked={mode === 'start'} onChange={() => setMode('start')} />{t('syncStart')}</label>
            <label class="choice"><input type="radio" name="sync-mode" checked={mode === 'join'} onChange={() => setMode('join')} />{t('syncJoin')}</label>
          </fieldset>
        )}
        {mode === 'join' && (
          <label>{t('syncKitInput')}
            <input type="text" required autoComplete="off" spellcheck={false} value={kitInput} onInput={(e) => setKitInput(e.currentTarget.value)} />
          </label>
        )}
        <label>{mode === 'join' ? t('syncJoinPassword') : t('masterPassword')}
          <input type="password" autoComplete="current-password" required value={master} onInput={(e) => setMaster(e.currentTarget.value)} />
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? t('syncRunning') : mode === 'join' ? t('syncJoinButton') : t('syncTurnOn')}</button>
      </form>
    </section>
  );
}
