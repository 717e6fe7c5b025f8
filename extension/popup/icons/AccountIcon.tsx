// The picture at the start of an account's row or detail: a captured site icon, a bundled brand mark on its colour, or
// the letter avatar, all in the avatar's box so rows never move when an icon arrives. Decorative: the name follows.
import type { AccountView } from '../../messages.ts';
import { brandInk } from './brand-ink.ts';
import { useBrandSet } from './brand-set.ts';
import { shownIcon } from './icon-choice.ts';

/** The avatar's box, inline so the picture has the same size in a row, the detail and the picker. */
const BOX = { flex: 'none', width: '24px', height: '24px', borderRadius: '50%', display: 'grid', placeItems: 'center', overflow: 'hidden' };

export function AccountIcon({ account }: { account: Pick<AccountView, 'issuer' | 'account' | 'icon'> }) {
  const shown = shownIcon(account, useBrandSet());
  if (shown.kind === 'site') {
    // A data URL the background checked (a small PNG or WebP): nothing is fetched.
    return (
      <span class="avatar" aria-hidden="true" data-icon="site" style={{ ...BOX, background: 'transparent', borderRadius: '4px' }}>
        <img src={shown.data} alt="" width={24} height={24} style={{ width: '24px', height: '24px', objectFit: 'contain' }} />
      </span>
    );
  }
  if (shown.kind === 'brand') {
    return (
      <span class="avatar" aria-hidden="true" data-icon="brand" data-brand={shown.brand.slug} style={{ ...BOX, background: shown.brand.hex }}>
        <svg viewBox="0 0 24 24" width="14" height="14" focusable="false"><path d={shown.brand.path} fill={brandInk(shown.brand.hex)} /></svg>
      </span>
    );
  }
  return (
    <span class="avatar" aria-hidden="true" data-icon="letter"
      style={{ ...BOX, background: shown.avatar.background, color: '#ffffff', fontWeight: 600, fontSize: '13px', lineHeight: 1 }}>
      {shown.avatar.letter}
    </span>
  );
}
