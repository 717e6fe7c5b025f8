// The account detail's "Icon" section: what the row shows and why, a brand chosen from the bundled set, the captured
// site icon taken back, the icon cleared to the letter, or everything back to automatic. Each choice saves at once.
import { useState } from 'preact/hooks';
import { t } from '../../i18n.ts';
import { callBackground, type AccountView } from '../../messages.ts';
import { siteIconOf, type AccountIcon as StoredIcon } from '../../../src/shared/account-icon.ts';
import { errorText } from '../error-text.ts';
import { AccountIcon } from './AccountIcon.tsx';
import { BrandPicker } from './BrandPicker.tsx';
import { useBrandSet } from './brand-set.ts';
import { shownIcon } from './icon-choice.ts';

/** The icon after choosing `next`, keeping a captured favicon aside so "Use site icon" can bring it back. */
export function withSiteKept(next: { kind: 'brand'; slug: string } | { kind: 'none' }, current: StoredIcon | undefined): StoredIcon {
  const site = siteIconOf(current);
  return site ? { ...next, site } : next;
}

export function IconSection({ account }: { account: AccountView }) {
  const [icon, setIcon] = useState<StoredIcon | undefined>(account.icon);
  const [picking, setPicking] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const brands = useBrandSet();
  const site = siteIconOf(icon);
  const shown = shownIcon({ ...account, icon }, brands);

  const save = async (next: StoredIcon | null) => {
    setError('');
    try {
      const { account: saved } = await callBackground('updateAccount', { id: account.id, patch: { icon: next } });
      setIcon(saved.icon);
      setPicking(false);
      setStatus(t('iconChanged'));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const describe = shown.kind === 'site' ? t('iconShownSite')
    : shown.kind === 'brand' ? t('iconShownBrand', shown.brand.title)
    : icon === undefined ? t('iconShownAutomatic') : t('iconShownLetter');

  return (
    <section class="stack" aria-labelledby="icon-heading" data-testid="icon-section">
      <h2 id="icon-heading" class="hint">{t('iconHeading')}</h2>
      <p class="move-buttons" style={{ margin: 0 }}>
        <AccountIcon account={{ ...account, icon }} />
        <span data-testid="icon-shown">{describe}</span>
      </p>
      <div class="move-buttons">
        {site !== null && icon?.kind !== 'site' && <button type="button" onClick={() => void save({ kind: 'site', data: site })}>{t('useSiteIcon')}</button>}
        <button type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>{t('chooseBrandIcon')}</button>
        {icon?.kind !== 'none' && <button type="button" onClick={() => void save(withSiteKept({ kind: 'none' }, icon))}>{t('clearIcon')}</button>}
        {icon !== undefined && <button type="button" onClick={() => void save(null)}>{t('automaticIcon')}</button>}
      </div>
      {picking && <BrandPicker onPick={(b) => void save(withSiteKept({ kind: 'brand', slug: b.slug }, icon))} />}
      {error && <p role="alert" class="error">{error}</p>}
      <p role="status" class="hint" data-testid="icon-status">{status}</p>
    </section>
  );
}
