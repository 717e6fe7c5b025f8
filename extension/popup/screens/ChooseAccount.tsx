// "Fill one-time code": the user picks which account fills the waiting field; an account bound to another origin of the
// same site is used only after "Link this site to …?" confirmed with the master password; a recovery code only after
// the user read that it will be used up. The screen names the page the user is on, says so plainly when an embedded
// frame asks, and warns when the page's address imitates a site the user has an account for.
import { plural, t } from '../../i18n.ts';
import { richText } from '../rich-text.tsx';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { callBackground, type PendingFillView } from '../../messages.ts';
import { isInsecureOrigin } from '../../../src/shared/origin.ts';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { matchesQuery } from '../search/search-text.ts';
import { useAction } from '../hooks/use-action.ts';
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
          {richText('frameAsks', <strong>{pending.origin}</strong>, <strong>{pending.topOrigin ?? t('pageYouAreOn')}</strong>)}
        </p>
      ) : (
        <p data-testid="asking-origin">{richText(pending.frame === 'same-origin' ? 'askingForFrame' : 'askingFor', <strong>{pending.origin}</strong>)}</p>
      )}
      {insecure && <p class="warning">{t('insecurePage')}</p>}
    </>
  );
}

export function ChooseAccount({ tabId, pending, onCancel }: ChooseAccountProps) {
  const [query, setQuery] = useState('');
  const [confirming, setConfirming] = useState<Candidate | null>(null);
  const { busy, error, setError, run } = useAction();
  const [password, setPassword] = useState('');
  const [result, setResult] = useState('');
  const list = useRef<HTMLUListElement>(null);

  // The confirmation is a step inside this screen, so App's per-screen focus does not reach it.
  useEffect(focusFirstAutofocus, [confirming]);

  const shown = useMemo(
    () => pending.accounts.filter((a) => matchesQuery([a.issuer, a.account], query)),
    [pending.accounts, query],
  );

  const fill = async (account: Candidate, linkSite: boolean) => {
    const done = await run(async () => {
      const { filled } = await callBackground('choosePendingFill', {
        tabId, origin: pending.origin, accountId: account.id, linkSite, ...(linkSite ? { masterPassword: password } : {}),
      });
      if (filled) {
        setResult(t('filled'));
        // The page has its code; nothing is left to do here.
        window.close();
      } else {
        setResult(t('fieldNotFilled'));
      }
      setConfirming(null);
    });
    // A wrong master password keeps the question open, so the user can type it again.
    if (!done && !linkSite) setConfirming(null);
    setPassword('');
  };

  const dismiss = async () => {
    // The question is answered: the next popup over that tab shows the account list again.
    await callBackground('dismissPendingFill', { tabId }).catch(() => undefined);
    window.close();
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
    return <main class="narrow"><h1>{t('fillOneTimeCode')}</h1><p role="status" class="notice">{result}</p></main>;
  }

  if (confirming) {
    const link = !confirming.bound;
    const left = confirming.recoveryLeft - 1;
    return (
      <main class="narrow">
        <h1>{t('fillOneTimeCode')}</h1>
        <AskingWhere pending={pending} />
        {link && (
          <>
            <p role="alertdialog" aria-label={t('linkThisSite')}>{t('linkSiteTo', nameOf(confirming))}</p>
            <p>{richText('willFillOn', <strong>{pending.origin}</strong>)}</p>
            <p>{t('linkNeedsPassword')}</p>
          </>
        )}
        {recovery && (
          <p role={link ? undefined : 'alertdialog'} aria-label={link ? undefined : t('useRecoveryCodeLabel')} data-testid="recovery-warning">
            {plural('useRecoveryQuestion', left, nameOf(confirming))}
          </p>
        )}
        {error && <p role="alert" class="error">{error}</p>}
        <form class="stack" onSubmit={(e) => { e.preventDefault(); void fill(confirming, link); }}>
          {link && (
            <label>{t('masterPassword')}
              <input type="password" autoComplete="current-password" required autoFocus value={password}
                onInput={(e) => setPassword(e.currentTarget.value)} />
            </label>
          )}
          <div class="row-buttons">
            <button type="submit" class="primary" autoFocus={!link} disabled={busy || (link && password === '')}>
              {link ? t('linkAndFill') : t('useRecoveryCode')}
            </button>
            <button type="button" disabled={busy} onClick={() => { setConfirming(null); setError(''); }}>{t('cancel')}</button>
          </div>
        </form>
      </main>
    );
  }

  if (pending.lookAlike !== null || pending.accounts.length === 0) {
    // Nothing to choose: an account of another site is never offered here. A look-alike page gets the warning and
    // nothing else to press but "I understand" (no link, no code).
    return (
      <main class="narrow">
        <ScreenHeader title={t('fillOneTimeCode')} onBack={onCancel} />
        {pending.lookAlike !== null ? (
          <div role="alert" class="warning" data-testid="look-alike-warning">
            <p><strong>{t('lookAlikeWarning', pending.lookAlike)}</strong></p>
            <p>{t('lookAlikeExplain')}</p>
          </div>
        ) : (
          <>
            <AskingWhere pending={pending} />
            <p data-testid="no-account-for-site">{richText('noAccountForSite', <strong>{pending.origin}</strong>)}</p>
          </>
        )}
        <div class="row-buttons">
          {/* Closes Keyfob's window: nothing is left to do for this page, and no list of codes is shown over it. */}
          <button type="button" class="primary" autoFocus onClick={() => void dismiss()}>{pending.lookAlike !== null ? t('iUnderstand') : t('close')}</button>
        </div>
      </main>
    );
  }

  return (
    <main class="narrow">
      <ScreenHeader title={t('fillOneTimeCode')} onBack={onCancel} />
      <AskingWhere pending={pending} />
      <p>{recovery ? t('chooseRecoveryAccount') : t('chooseAccount')}</p>
      {pending.accounts.length >= SEARCH_FROM && (
        <label class="search">
          <span class="visually-hidden">{t('search')}</span>
          <input type="search" placeholder={t('search')} aria-label={t('searchAccounts')} value={query} autoFocus
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') { e.preventDefault(); list.current?.querySelector<HTMLButtonElement>('button')?.focus(); }
            }} />
        </label>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      {shown.length === 0 ? (
        <p class="empty">{t('noAccountMatches', query)}</p>
      ) : (
        <ul role="list" aria-label={t('accountsToFillFrom')} class="plain" ref={list} onKeyDown={onListKey}
          style={{ listStyle: 'none', padding: 0, maxHeight: '420px', overflowY: 'auto' }}>
          {shown.map((a, i) => (
            <li role="listitem" key={a.id} style={{ marginBottom: '6px' }}>
              <button type="button" disabled={busy} autoFocus={i === 0 && pending.accounts.length < SEARCH_FROM}
                style={{ width: '100%', textAlign: 'start' }} onClick={() => choose(a)}>
                {nameOf(a)}{recovery && ` ${t('recoveryLeft', a.recoveryLeft)}`}{!a.bound && <span class="visually-hidden"> {t('notLinkedToSite')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
