// Words for what addAccounts did, including the duplicates it refused to save twice.
import { plural, t } from '../../i18n.ts';
import type { ResponseOf } from '../../messages.ts';

function nameOf(a: { issuer: string; account: string }): string {
  return a.issuer ? `${a.issuer} (${a.account})` : a.account;
}

export function describeAddResult(r: ResponseOf<'addAccounts'>): string {
  const parts: string[] = [];
  if (r.added.length === 1 && r.added[0]) parts.push(t('savedAccount', nameOf(r.added[0])));
  else if (r.added.length > 1) parts.push(plural('savedAccounts', r.added.length));
  if (r.duplicates.length > 0) {
    parts.push(t('alreadyInKeyfob', r.duplicates.map(nameOf).join(', ')));
  }
  return parts.join(' ') || t('nothingToSave');
}
