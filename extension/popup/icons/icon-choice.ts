// Which picture a row shows for an account: its site icon, else its chosen brand, else a brand matched by issuer,
// else the letter avatar ("Clear icon" goes straight to the letter). Pure.
import type { AccountView } from '../../messages.ts';
import { avatarFor, type Avatar } from '../components/avatar.ts';
import type { Brand, BrandSet } from './brand-match.ts';

export type ShownIcon =
  | { kind: 'site'; data: string }
  | { kind: 'brand'; brand: Brand }
  | { kind: 'letter'; avatar: Avatar };

/** `brands` is null until the bundled set has loaded: a brand row shows its letter until then. */
export function shownIcon(account: Pick<AccountView, 'issuer' | 'account' | 'icon'>, brands: BrandSet | null): ShownIcon {
  const icon = account.icon;
  if (icon?.kind === 'site') return { kind: 'site', data: icon.data };
  const brand = icon?.kind === 'brand' ? brands?.bySlug.get(icon.slug)
    : icon?.kind === 'none' || !brands ? undefined
    : brands.match(account.issuer);
  return brand ? { kind: 'brand', brand } : { kind: 'letter', avatar: avatarFor(account.issuer, account.account) };
}
