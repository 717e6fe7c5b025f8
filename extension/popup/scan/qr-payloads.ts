// Sorts decoded QR texts into accounts to add, migration batches, and clear reasons for the rest.
// Direct module imports (not the index) keep the Public Suffix List out of the popup's first load.
import { t } from '../../i18n.ts';
import { reasonText } from '../reason-text.ts';
import { decodeMigrationUri } from '../../../src/shared/migration.ts';
import { parseOtpauthUri } from '../../../src/shared/otpauth.ts';
import type { OtpAccount } from '../../../src/shared/index.ts';

export interface MigrationBatch { size: number; index: number; id: number }

export type ScanItem =
  | { kind: 'account'; account: OtpAccount }
  | { kind: 'migration'; accounts: OtpAccount[]; batch: MigrationBatch };

export interface ClassifiedPayloads {
  items: ScanItem[];
  /** The parser's words for 2FA payloads that are malformed. */
  problems: string[];
  /** QR codes that are not about two-factor codes at all (links, text). */
  unrelated: number;
  /** Accounts an export carried that Keyfob cannot use, with the reason. */
  skipped: string[];
}

function messageOf(err: unknown): string {
  return (err instanceof Error && 'reason' in err ? reasonText(err.reason) : null) ?? t('qrUnreadable');
}

export function classifyPayloads(payloads: readonly string[]): ClassifiedPayloads {
  const out: ClassifiedPayloads = { items: [], problems: [], unrelated: 0, skipped: [] };
  for (const text of new Set(payloads)) {
    const scheme = text.trim().slice(0, 24).toLowerCase();
    try {
      if (scheme.startsWith('otpauth-migration:')) {
        const { accounts, batch, skipped } = decodeMigrationUri(text.trim());
        out.items.push({ kind: 'migration', accounts, batch });
        out.skipped.push(...skipped.map((s) => t('skippedAccount', s.name || t('anAccount'), reasonText(s.why) ?? t('qrUnreadable'))));
      } else if (scheme.startsWith('otpauth:')) {
        out.items.push({ kind: 'account', account: parseOtpauthUri(text.trim()) });
      } else {
        out.unrelated += 1;
      }
    } catch (err) {
      out.problems.push(messageOf(err));
    }
  }
  return out;
}

/** Same secret means the same account (what the vault treats as a duplicate). */
export function sameSecret(a: OtpAccount, b: OtpAccount): boolean {
  return a.secret.replace(/=+$/, '').toUpperCase() === b.secret.replace(/=+$/, '').toUpperCase();
}
