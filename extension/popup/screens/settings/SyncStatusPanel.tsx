// Settings → Sync while sync is on: where it syncs, the last sync, each browser's state with a way to remove one (by
// rotating the sync key), "Sync now", "Turn off" and a clear word for each failure.
import { useState } from 'preact/hooks';
import { t } from '../../../i18n.ts';
import { callBackground, type SyncErrorCode, type SyncView } from '../../../messages.ts';
import { requestHostAccess } from '../../browser.ts';
import type { Action } from '../../hooks/use-action.ts';
import { RotateSyncKey } from './RotateSyncKey.tsx';
import { SYNC_ERROR_WORDS } from './sync-words.ts';

function when(ms: number | null): string {
  return ms === null ? t('syncNever') : new Date(ms).toLocaleString(chrome.i18n.getUILanguage());
}

export function syncErrorText(code: SyncErrorCode): string {
  return t(SYNC_ERROR_WORDS[code]);
}

export interface SyncStatusPanelProps {
  view: SyncView;
  action: Action;
  onView: (view: SyncView) => void;
  /** The key was rotated: the new kit, which the other browsers must join again with. */
  onRotated: (kit: string, view: SyncView) => void;
}

export function SyncStatusPanel({ view, action, onView, onRotated }: SyncStatusPanelProps) {
  const { busy, error, setError, run } = action;
  /** The device the user asked to remove from the list: the rotation form opens for it. */
  const [removing, setRemoving] = useState<string | null>(null);
  const s = view.status;
  return (
    <section aria-labelledby="sync-title" data-testid="sync-on">
      <h2 id="sync-title">{t('sync')}</h2>
      <p>{view.backend === 'webdav' ? t('syncOnWebdav', view.webdav?.url ?? '') : t('syncOnBrowser')}</p>
      <p data-testid="sync-last">{t('syncLast', when(s.lastSyncAt))}</p>
      {s.error && <p role="alert" class="error" data-testid="sync-error" data-code={s.error.code}>{syncErrorText(s.error.code)}</p>}
      {s.error?.code === 'forbidden' && view.webdav && (
        // Access withdrawn in the browser's settings after sync was on: asked again from this click, then synced.
        <button type="button" disabled={busy} onClick={() => void run(async () => {
          if (await requestHostAccess(view.webdav!.url)) onView(await callBackground('syncNow', {}));
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
        onRotated={(newKit, next) => { setRemoving(null); onRotated(newKit, next); }} />
      {error && <p role="alert" class="error">{error}</p>}
      <div class="actions">
        <button type="button" disabled={busy || view.running} onClick={() => void run(async () => onView(await callBackground('syncNow', {})))}>
          {busy || view.running ? t('syncRunning') : t('syncNow')}
        </button>
        <button type="button" class="destructive" disabled={busy} onClick={() => void run(async () => onView(await callBackground('disableSync', {})))}>
          {t('syncTurnOff')}
        </button>
      </div>
    </section>
  );
}
