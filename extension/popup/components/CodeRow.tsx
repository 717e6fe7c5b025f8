// One account in the list: its icon (site, brand or letter), issuer, name, current code (click copies), countdown, the next code near
// expiry, and a star that pins it to the top.
import { plural, t } from '../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground, type AccountView, type CodeView } from '../../messages.ts';
import { AccountIcon } from '../icons/AccountIcon.tsx';
import { codeToCopy, copyCode } from '../copy-code.ts';
import { groupCode } from './format-code.ts';

/** Seconds before expiry from which the next code is shown next to the current one. */
const SHOW_NEXT_BELOW_S = 7;

export interface CodeRowProps {
  account: AccountView;
  code: CodeView | undefined;
  /** A code generated on request (HOTP advances a counter, so it is never fetched in the background). */
  hotpCode: string | undefined;
  now: number;
  /** The page in front imitates this account's site: no code is shown or copied while it is. */
  hidden: boolean;
  index: number;
  total: number;
  top: number;
  onOpen: (id: string) => void;
  onHotp: (id: string) => void;
  onFavourite: (id: string, favourite: boolean) => void;
  /** In Select mode: whether this row is selected (a checkbox takes the star's place); undefined otherwise. */
  selected?: boolean;
  onSelect?: (id: string, selected: boolean) => void;
}

export function CodeRow({ account, code, hotpCode, now, hidden, index, total, top, onOpen, onHotp, onFavourite, selected, onSelect }: CodeRowProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const title = account.issuer || account.account;
  const isHotp = account.type === 'hotp';
  const current = hidden ? undefined : isHotp ? hotpCode : code && code.validUntil > now ? code.code : undefined;
  const secondsLeft = code ? Math.max(0, Math.ceil((code.validUntil - now) / 1000)) : 0;

  const copy = async () => {
    if (hidden) return;
    if (!current) {
      if (isHotp) onHotp(account.id);
      return;
    }
    const ok = await copyCode(...codeToCopy(current, isHotp ? undefined : code, Date.now()));
    setCopied(ok ? 'yes' : 'failed');
    // Counted for "most used" (an account id and a number, nothing else); a count lost is no reason to bother anyone.
    if (ok) callBackground('countUse', { id: account.id }).catch(() => undefined);
    setTimeout(() => setCopied(null), 1500);
  };

  return (
    <li role="listitem" class="row" aria-setsize={total} aria-posinset={index + 1} style={{ top: `${top}px` }}>
      {/* Named by what it shows (WCAG 2.5.3, label in name: a voice user says what they see), the action told first. */}
      <button type="button" class="copy" onClick={copy}>
        {current && <span class="visually-hidden">{t('copyCode')}</span>}
        {/* Decorative: the issuer's name follows in text. A data URL, an inline path or a colour: nothing is fetched. */}
        <AccountIcon account={account} />
        <span class="who">
          <span class="issuer">{title}</span>
          {account.issuer && <span class="account">{account.account}</span>}
        </span>
        <span class="code" data-testid="code">{hidden ? t('codeHiddenHere') : current ? groupCode(current) : isHotp ? t('getCode') : '··· ···'}</span>
      </button>
      {!isHotp && code && !hidden && (
        <span class="countdown" data-testid="countdown" aria-label={plural('secondsLeft', secondsLeft)}
          style={{ '--left': String(secondsLeft / code.period) }}>{secondsLeft}</span>
      )}
      {!isHotp && current && code?.nextCode && secondsLeft <= SHOW_NEXT_BELOW_S && (
        <span class="next" data-testid="next-code">{t('nextCode', groupCode(code.nextCode))}</span>
      )}
      {selected === undefined ? (
        <button type="button" class={account.favourite ? 'star pinned' : 'star'} onClick={() => onFavourite(account.id, !account.favourite)}
          aria-label={account.favourite ? t('unpin') : t('pinToTop')} title={account.favourite ? t('unpin') : t('pinToTop')}>
          <span aria-hidden="true">{account.favourite ? '★' : '☆'}</span>
        </button>
      ) : (
        <input type="checkbox" class="pick" checked={selected} aria-label={t('selectAccount', title)}
          onChange={(e) => onSelect?.(account.id, e.currentTarget.checked)} />
      )}
      <button type="button" class="more" onClick={() => onOpen(account.id)} aria-label={t('detailsFor', title, account.account)}>⋯</button>
      {copied && <span class="copied" role="status">{copied === 'yes' ? t('copied') : t('copyFailed')}</span>}
    </li>
  );
}
