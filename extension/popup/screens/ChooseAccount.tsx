// "Fill one-time code": the user picks which account fills the waiting field; an account not yet bound to the asking
// origin is used only after one "Link this site to …?" confirmation; a recovery code only after the user read that it
// will be used up. The screen names the page the user is on, and says so plainly when an embedded frame asks.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { callBackground, type PendingFillView } from '../../messages.ts';
import { isInsecureOrigin } from '../../../src/shared/origin.ts';
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

/** Who asks, in words: the page itself, or a frame embedded in it (of the same or another origin). */
function AskingWhere({ pending }: { pending: PendingFillView }) {
  const insecure = isInsecureOrigin(pending.origin);
  return (
    <>
      {pending.frame === 'cross-origin' ? (
        <p role="alert" class="warning" data-testid="frame-warning">
          An embedded frame from <strong>{pending.origin}</strong> asks for a code on the page
          {' '}<strong>{pending.topOrigin ?? 'you are on'}</strong>. Fill it only if you expected that site inside this page.
        </p>
      ) : (
        <p data-testid="asking-origin">For <strong>{pending.origin}</strong>{pending.frame === 'same-origin' ? ' (a frame of this page)' : ''}.</p>
      )}
      {insecure && <p class="warning">This page is not encrypted (plain http): anyone on the network can see the code.</p>}
    </>
  );
}

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
      const { filled } = await callBackground('choosePendingFill', { tabId, origin: pending.origin, accountId: account.id, linkSite });
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

  const recovery = pending.fieldKind === 'recovery';
  const choose = (account: Candidate) => {
    // A recovery code is spent when given, so it always takes a second, explicit step.
    if (account.bound && !recovery) void fill(account, false);
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
    const link = !confirming.bound;
    const left = confirming.recoveryLeft - 1;
    return (
      <main class="narrow">
        <h1>Fill one-time code</h1>
        <AskingWhere pending={pending} />
        {link && (
          <>
            <p role="alertdialog" aria-label="Link this site">Link this site to {nameOf(confirming)}?</p>
            <p>Keyfob will fill its codes on <strong>{pending.origin}</strong> from now on.</p>
          </>
        )}
        {recovery && (
          <p role={link ? undefined : 'alertdialog'} aria-label={link ? undefined : 'Use a recovery code'} data-testid="recovery-warning">
            Use one of {nameOf(confirming)}’s recovery codes? It will be used up: {left} {left === 1 ? 'code stays' : 'codes stay'} unused.
          </p>
        )}
        {error && <p role="alert" class="error">{error}</p>}
        <div class="row-buttons">
          <button type="button" class="primary" autoFocus disabled={busy} onClick={() => void fill(confirming, link)}>
            {link ? 'Link and fill' : 'Use recovery code'}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(null)}>Cancel</button>
        </div>
      </main>
    );
  }

  return (
    <main class="narrow">
      <ScreenHeader title="Fill one-time code" onBack={onCancel} />
      <AskingWhere pending={pending} />
      <p>{recovery ? 'Choose the account whose recovery code to use.' : 'Choose the account.'}</p>
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
                style={{ width: '100%', textAlign: 'start' }} onClick={() => choose(a)}>
                {nameOf(a)}{recovery && ` (${a.recoveryLeft} left)`}{!a.bound && <span class="visually-hidden"> (not linked to this site)</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
