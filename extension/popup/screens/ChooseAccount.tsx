// "Fill one-time code": the user picks which account fills the waiting field; an account not yet bound to
// the page's site is used only after one "Link this site to …?" confirmation.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { callBackground, type PendingFillView } from '../../messages.ts';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { matchesQuery } from '../components/format-code.ts';
import { errorText } from '../error-text.ts';
import { focusFirstAutofocus } from '../focus-first.ts';

/** Above this many candidates a search field helps more than scrolling. */
const SEARCH_FROM = 6;

type Candidate = PendingFillView['accounts'][number];

export interface ChooseAccountProps {
  tabId: number;
  pending: PendingFillView;
  onCancel: () => void;
}

const nameOf = (a: Candidate) => (a.issuer ? `${a.issuer} / ${a.account}` : a.account);

export function ChooseAccount({ tabId, pending, onCancel }: ChooseAccountProps) {
  const [query, setQuery] = useState('');
  const [confirming, setConfirming] = useState<Candidate | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const [error, setError] = useState('');
  const list = useRef<HTMLUListElement>(null);

  // The confirmation is a step inside this screen, so App's per-screen focus does not reach it.
  useEffect(focusFirstAutofocus, [confirming]);

  const shown = useMemo(
    () => pending.accounts.filter((a) => matchesQuery([a.issuer, a.account], query)),
    [pending.accounts, query],
  );

  const fill = async (account: Candidate, linkSite: boolean) => {
    setBusy(true);
    setError('');
    try {
      const { filled } = await callBackground('choosePendingFill', { tabId, accountId: account.id, linkSite });
      if (filled) {
        setResult('Filled');
        // The page has its code; nothing is left to do here.
        window.close();
      } else {
        setResult('The field could not be filled; the page may have changed.');
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  const choose = (account: Candidate) => {
    if (account.bound) void fill(account, false);
    else setConfirming(account);
  };

  const onListKey = (e: KeyboardEvent) => {
    // Arrow keys move between the choices, so the list works without a mouse.
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.min(buttons.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) { e.preventDefault(); next.focus(); }
  };

  if (result) {
    return <main class="narrow"><h1>Fill one-time code</h1><p role="status" class="notice">{result}</p></main>;
  }

  if (confirming) {
    return (
      <main class="narrow">
        <h1>Fill one-time code</h1>
        <p role="alertdialog" aria-label="Link this site">
          Link this site to {nameOf(confirming)}?
        </p>
        <p>Keyfob will fill its codes on <strong>{pending.site}</strong> from now on.</p>
        {error && <p role="alert" class="error">{error}</p>}
        <div class="row-buttons">
          <button type="button" class="primary" autoFocus disabled={busy} onClick={() => void fill(confirming, true)}>Link and fill</button>
          <button type="button" disabled={busy} onClick={() => setConfirming(null)}>Cancel</button>
        </div>
      </main>
    );
  }

  return (
    <main class="narrow">
      <ScreenHeader title="Fill one-time code" onBack={onCancel} />
      <p>Choose the account for <strong>{pending.site}</strong>.</p>
      {pending.accounts.length >= SEARCH_FROM && (
        <label class="search">
          <span class="visually-hidden">Search</span>
          <input type="search" placeholder="Search" aria-label="Search accounts" value={query} autoFocus
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') { e.preventDefault(); list.current?.querySelector<HTMLButtonElement>('button')?.focus(); }
            }} />
        </label>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      {shown.length === 0 ? (
        <p class="empty">No account matches “{query}”.</p>
      ) : (
        <ul role="list" aria-label="Accounts to fill from" class="plain" ref={list} onKeyDown={onListKey}
          style={{ listStyle: 'none', padding: 0, maxHeight: '420px', overflowY: 'auto' }}>
          {shown.map((a, i) => (
            <li role="listitem" key={a.id} style={{ marginBottom: '6px' }}>
              <button type="button" disabled={busy} autoFocus={i === 0 && pending.accounts.length < SEARCH_FROM}
                style={{ width: '100%', textAlign: 'left' }} onClick={() => choose(a)}>
                {nameOf(a)}{!a.bound && <span class="visually-hidden"> (not linked to this site)</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
