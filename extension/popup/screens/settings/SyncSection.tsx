// Settings → Sync: the setup form while sync is off, its state once on, and the recovery kit (shown once) after
// turning sync on or rotating the sync key. One action for the section, so a failure reads alike wherever it happened.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n.ts';
import { callBackground, type SyncView } from '../../../messages.ts';
import { useAction } from '../../hooks/use-action.ts';
import { errorText } from '../../error-text.ts';
import { RecoveryKit } from './RecoveryKit.tsx';
import { SyncSetupForm } from './SyncSetupForm.tsx';
import { SyncStatusPanel } from './SyncStatusPanel.tsx';

/** `joinOnly`: the first-run screen's "Join a synced vault" (no vault here yet); `onJoined` then opens the list. */
export function SyncSection({ joinOnly = false, onJoined }: { joinOnly?: boolean; onJoined?: () => void }) {
  const [view, setView] = useState<SyncView | null>(null);
  const [kit, setKit] = useState<string | null>(null);
  /** The kit on screen came from Rotate sync key: the other browsers must join again with it. */
  const [rotated, setRotated] = useState(false);
  const action = useAction();
  const { setError } = action;

  useEffect(() => {
    if (!joinOnly) void callBackground('syncStatus', {}).then(setView, (err: unknown) => setError(errorText(err)));
  }, [joinOnly, setError]);

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
    return (
      <SyncStatusPanel view={view} action={action} onView={setView}
        onRotated={(newKit, next) => { setRotated(true); setKit(newKit); setView(next); }} />
    );
  }

  return (
    <SyncSetupForm joinOnly={joinOnly} action={action}
      onStarted={(newKit, next) => { setKit(newKit); setView(next); }}
      onJoined={(next) => { setView(next); onJoined?.(); }} />
  );
}
