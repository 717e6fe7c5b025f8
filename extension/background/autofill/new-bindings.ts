// What binding more origins to an account would mean, for the popup's confirmation: which origins are new, which are
// of another site than the account's (a bank that moved, a single sign-on domain, or a phishing page the user was
// talked into adding), and which imitate a site some account is bound to.
import { siteOf } from '../../../src/shared/index.ts';
import type { NewBinding } from '../../messages.ts';
import { getAccount } from '../vault/accounts.ts';
import { suffixTable } from '../public-suffixes.ts';
import { lookAlikeFor } from './look-alike-check.ts';

export async function describeNewBindings(id: string, origins: readonly string[]): Promise<NewBinding[]> {
  const { record } = await getAccount(id);
  const added = origins.filter((o) => !record.origins.includes(o));
  if (added.length === 0) return [];
  const suffixes = await suffixTable();
  const boundSites = new Set(record.origins.map((o) => siteOf(o, suffixes)).filter((s): s is string => s !== null));
  const first = record.origins[0];
  const boundHost = first ? new URL(first).host : null;
  return Promise.all(added.map(async (origin) => {
    const site = siteOf(origin, suffixes);
    return {
      origin,
      otherSite: record.origins.length > 0 && (site === null || !boundSites.has(site)),
      boundHost,
      lookAlike: await lookAlikeFor(origin),
    };
  }));
}
