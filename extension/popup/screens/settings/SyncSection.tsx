// Settings → Sync: choose a backend and turn sync on (the recovery kit is shown once) or join a vault synced from
// another browser; once on, the last sync, each browser's state, "Sync now" and a clear word for each failure.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n.ts';
import { callBackground, type SyncBackendKind, type SyncErrorCode, type SyncView } from '../../../messages.ts';
import { requestHostAccess } from '../../browser.ts';
import { errorText } from '../../error-text.ts';
import { RecoveryKit } from './RecoveryKit.tsx';
import { RotateSyncKey } from './RotateSyncKey.tsx';
import { SYNC_ERROR_WORDS } from './sync-words.ts';

type Mode = 'start' | 'join';

function when(ms: number | null): string {
  return ms === null ? t('syncNever') : new Date(ms).toLocaleString(chrome.i18n.getUILanguage());
}

export function syncErrorText(code: SyncErrorCode): string {
  return t(SYNC_ERROR_WORDS[code]);
}

/** `joinOnly`: the first-run screen's "Join a synced vault" (no vault here yet); `onJoined` then opens the list. */
export function SyncSection({ joinOnly = false, onJoined }: { joinOnly?: boolean; onJoined?: () => void }) {
  const [view, setView] = useState<SyncView | null>(null);
  const [kit, setKit] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  /** The device the user asked to remove from the list: the rotation form opens for it. */
  const [removing, setRemoving] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>(joinOnly ? 'join' : 'start');
  const [backend, setBackend] = useState<SyncBackendKind>('storage-sync');
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [appPassword, setAppPassword] = useState('');
  const [master, setMaster] = useState('');
  const [kitInput, setKitInput] = useState('');
  /** The kit on screen came from Rotate sync key: the other browsers must join again with it. */
  const [rotated, setRotated] = useState(false);

  useEffect(() => {
    if (!joinOnly) void callBackground('syncStatus', {}).then(setView, (err: unknown) => setError(errorText(err)));
  }, [joinOnly]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    void act(async () => {
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
        setKit(result.kit);
        setView(result.view);
      } else {
        setView((await callBackground('joinSync', { ...target, masterPassword: master, kit: kitInput })).view);
        onJoined?.();
      }
      setMaster('');
      setAppPassword('');
      setKitInput('');
    });
  };

  if (kit) {
    return (
      <section aria-labelledby="sync-title">
        <h2 id="sync-title">{t('sync')}</h2>
        {rotated && <p class="notice" data-testid="sync-rotated">{t('syncRotated')}</p>}
        <RecoveryKit kit={kit} onDone={() => { setKit(null); setRotated(false); }} />
      </section>
    );
  }

  if (view?.enabled) {
    const s = view.status;
    return (
      <section aria-labelledby="sync-title" data-testid="sync-on">
        <h2 id="sync-title">{t('sync')}</h2>
        <p>{view.backend === 'webdav' ? t('syncOnWebdav', view.webdav?.url ?? '') : t('syncOnBrowser')}</p>
        <p data-testid="sync-last">{t('syncLast', when(s.lastSyncAt))}</p>
        {s.error && <p role="alert" class="error" data-testid="sync-error" data-code={s.error.code}>{syncErrorText(s.error.code)}</p>}
        {s.error?.code === 'forbidden' && view.webdav && (
          // Access withdrawn in the browser's settings after sync was on: asked again from this click, then synced.
          <button type="button" disabled={busy} onClick={() => void act(async () => {
            if (await requestHostAccess(view.webdav!.url)) setView(await callBackground('syncNow', {}));
            else setError(t('syncPermissionDeclined'));
          })}>{t('syncAllowAccess')}</button>
        )}
        {s.refused > 0 && <p class="warning" data-testid="sync-refused">{t('syncRefused', s.refused)}</p>}
        {s.merged > 0 && <p class="notice" data-testid="sync-merged">{t('syncMerged', s.merged)}</p>}
        {(s.stale ?? 0) > 0 && <p class="warning" data-testid="sync-stale">{t('syncStale', s.stale ?? 0)}</p>}
        {(s.withheld ?? 0) > 0 && <p class="warning" data-testid="sync-withheld">{t('syncWithheld', s.withheld ?? 0)}</p>}
        {(s.dropped ?? 0) > 0 && <p class="notice" data-testid="sync-dropped">{t('syncDropped', s.dropped ?? 0)}</p>}
        {s.digest && (
          // The fork check: two browsers that synced the same edits show the same digest.
          <p class="hint" data-testid="sync-digest" data-epoch={s.epoch} data-digest={s.digest} title={t('syncForkHint')}>
            {t('syncFolderState', String(s.epoch ?? 0), s.digest)}
          </p>
        )}
        {s.devices.length > 0 && (
          <>
            <h3>{t('syncDevices')}</h3>
            <ul class="devices">
              {s.devices.map((d) => (
                <li key={d.id}>
                  <span>{d.self ? t('syncThisDevice', d.name) : d.name}</span><span>{when(d.lastSyncAt)}</span>
                  {!d.self && (
                    <button type="button" class="link" aria-label={t('syncRemoveDeviceLabel', d.name)} onClick={() => setRemoving(d.name)}>
                      {t('syncRemoveDevice')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        <RotateSyncKey key={removing ?? ''} removing={removing}
          onRotated={(newKit, next) => { setRotated(true); setRemoving(null); setKit(newKit); setView(next); }} />
        {error && <p role="alert" class="error">{error}</p>}
        <div class="actions">
          <button type="button" disabled={busy || view.running} onClick={() => void act(async () => setView(await callBackground('syncNow', {})))}>
            {busy || view.running ? t('syncRunning') : t('syncNow')}
          </button>
          <button type="button" class="destructive" disabled={busy} onClick={() => void act(async () => setView(await callBackground('disableSync', {})))}>
            {t('syncTurnOff')}
          </button>
        </div>
      </section>
    );
  }

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
