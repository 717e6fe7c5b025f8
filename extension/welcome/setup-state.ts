// What the welcome page shows as done: whether a vault exists and whether Keyfob's button is on the toolbar, kept
// current by the browser's events (no polling).
import { useEffect, useState } from 'preact/hooks';
import { callBackground } from '../messages.ts';

/** Firefox words and draws its extensions menu differently (a gear, then "Pin to Toolbar"). */
export function isFirefox(userAgent: string): boolean {
  return /\bFirefox\//.test(userAgent);
}

/** Runs `check` now, when the tab comes back into view or focus, and whenever `more` says so; returns the cleanup. */
function watch(check: () => void, more: (listener: () => void) => () => void): () => void {
  check();
  const onVisible = () => { if (document.visibilityState === 'visible') check(); };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('focus', check);
  const stopMore = more(check);
  return () => {
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('focus', check);
    stopMore();
  };
}

/**
 * Whether a vault exists (null until the background answered). Creating or joining a vault starts a session, which
 * writes to session storage: that change is the signal to ask again, whichever window the vault was made in. Only the
 * names of the changed keys would be needed; the values are not looked at.
 */
export function useVaultExists(): boolean | null {
  const [exists, setExists] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    const check = () => {
      callBackground('getStatus', {}).then(({ vault }) => { if (live) setExists(vault !== 'none'); }, () => undefined);
    };
    const stop = watch(check, (listener) => {
      const onChange = (_changes: unknown, area: string) => { if (area === 'session') listener(); };
      chrome.storage.onChanged.addListener(onChange);
      return () => chrome.storage.onChanged.removeListener(onChange);
    });
    return () => { live = false; stop(); };
  }, []);
  return exists;
}

/** Whether the user has pinned Keyfob's button (false where the browser cannot say: the step then stays open). */
export function useOnToolbar(): boolean {
  const [pinned, setPinned] = useState(false);
  useEffect(() => {
    // Chrome 91+ and Firefox 118+ answer; an older browser has no such call.
    if (typeof chrome.action.getUserSettings !== 'function') return;
    let live = true;
    const check = () => {
      chrome.action.getUserSettings().then((s) => { if (live) setPinned(s.isOnToolbar === true); }, () => undefined);
    };
    const stop = watch(check, (listener) => {
      // Chrome 130+ says at once; elsewhere the tab's return to focus after pinning is the moment to ask.
      const changed = chrome.action.onUserSettingsChanged as typeof chrome.action.onUserSettingsChanged | undefined;
      if (!changed) return () => undefined;
      changed.addListener(listener);
      return () => changed.removeListener(listener);
    });
    return () => { live = false; stop(); };
  }, []);
  return pinned;
}
