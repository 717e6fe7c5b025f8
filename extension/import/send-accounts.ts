// Hands the accounts read from a file to the background (the vault's only owner), in batches its validator accepts.
import type { ImportedAccount } from '../../src/shared/import/index.ts';
import { originOfUrl } from '../../src/shared/origin.ts';
import { callBackground, type AccountDraft } from '../messages.ts';
import type { ConvertedIcons } from './import-icons.ts';

/** The background takes at most 5,000 drafts a message (MAX_DRAFTS); smaller batches keep each write short. */
const BATCH = 1000;

export interface SendOutcome { added: number; duplicates: { issuer: string; account: string }[] }

/**
 * `link`: indexes of accounts whose URL the user chose to bind; every other account is bound to no site. `icons`: the
 * file's icons converted to site icons, by index (none: the account shows its brand or letter, as before).
 */
export async function sendAccounts(
  source: string, accounts: readonly ImportedAccount[], link: ReadonlySet<number>, icons: ConvertedIcons = [],
): Promise<SendOutcome> {
  const drafts: AccountDraft[] = accounts.map((a, i) => {
    const origin = link.has(i) ? originOfUrl(a.url) : null;
    const icon = icons[i];
    return {
      account: { type: a.type, issuer: a.issuer, account: a.account, secret: a.secret, algorithm: a.algorithm, digits: a.digits, period: a.period, counter: a.counter },
      notes: a.note,
      // Already in normal form (the parsers clean them): kept for the popup's groups and favourites.
      groups: a.groups,
      favourite: a.favorite,
      ...(origin ? { origins: [origin] } : {}),
      ...(icon ? { icon: { kind: 'site' as const, data: icon } } : {}),
    };
  });
  const outcome: SendOutcome = { added: 0, duplicates: [] };
  for (let at = 0; at < drafts.length; at += BATCH) {
    const r = await callBackground('importAccounts', { source, drafts: drafts.slice(at, at + BATCH) });
    outcome.added += r.added;
    outcome.duplicates.push(...r.duplicates);
  }
  return outcome;
}
