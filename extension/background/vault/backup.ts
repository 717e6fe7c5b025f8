// Export (encrypted backup with its own password, or a plain otpauth:// list after the master password)
// and import (Keyfob backups, otpauth:// lists, Google Authenticator migration URIs); import only adds.
import {
  checkAccountIcon, checkImportKdf, checkKdfParams, cleanGroups, decodeMigrationUri, formatOtpauthUri, IMPORT_KDF_LIMITS, MigrationError, openWithPassword,
  OtpauthError, parseOtpauthUri, sealWithPassword, validateOtpAccount, VaultCryptoError, type KdfParams, type PasswordEnvelope,
} from '../../../src/shared/index.ts';
import type { BackupReason, ErrorReason } from '../../error-reason.ts';
import type { ImportFailure } from '../../messages.ts';
import { addAccounts, listAccounts, type NewAccount } from './accounts.ts';
import { originsOf } from './account-record.ts';
import { VaultError } from './errors.ts';
import { isWrongPassword, verifyMasterPassword } from './lifecycle.ts';
import { judgePassword } from '../../../src/shared/password-policy.ts';
import { requireDataKey } from './session-key.ts';
import { argon2idOutsideWorker } from './argon2id.ts';
import { formatAegisExport } from '../../../src/shared/import/aegis-export.ts';

export const BACKUP_FORMAT = 'keyfob-backup';
export const BACKUP_VERSION = 1;

/** The backup file: a versioned envelope around the sealed account list. */
interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Sealed with a key derived from the backup password; the KDF parameters travel inside. */
  sealed: PasswordEnvelope;
}

interface BackupContent {
  /** `sites` (registrable domains) in backups written before origin binding; read as origins on import. */
  accounts: {
    account: NewAccount['account'];
    origins?: string[];
    sites?: string[];
    notes: string;
    recoveryCodes: string[];
    /** Absent in backups written before groups and favourites: they restore as none. */
    groups?: string[];
    favourite?: boolean;
    /** Absent in backups written before icons, and for an account whose icon is automatic. */
    icon?: unknown;
  }[];
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/**
 * Every unused secret and recovery code, sealed under a password of the caller's choosing: so the master
 * password is checked first, or anyone at an unlocked popup could carry the whole vault away.
 */
export async function exportEncrypted(masterPassword: string, backupPassword: string, now: number): Promise<ExportedFile> {
  await verifyMasterPassword(masterPassword);
  const verdict = judgePassword(backupPassword);
  if (!verdict.ok) throw new VaultError('weak_password', verdict.reason, verdict.why);
  const { accounts } = await listAccounts();
  const content: BackupContent = {
    accounts: accounts.map(({ record }) => ({
      account: record.account,
      origins: record.origins,
      notes: record.notes,
      // Only unused codes are worth restoring.
      recoveryCodes: record.recoveryCodes.filter((c) => !c.used).map((c) => c.code),
      groups: record.groups,
      favourite: record.favourite,
      icon: record.icon,
    })),
  };
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date(now).toISOString(),
    sealed: await sealWithPassword(new TextEncoder().encode(JSON.stringify(content)), backupPassword),
  };
  return { fileName: `keyfob-backup-${day(now)}.json`, mimeType: 'application/json', text: JSON.stringify(file, null, 2) };
}

/** An Aegis plain vault (Aegis, 2FAS, Ente, Proton and others import it): leaving Keyfob takes one file (issue 22). */
export async function exportAegis(masterPassword: string, now: number): Promise<ExportedFile> {
  await verifyMasterPassword(masterPassword);
  const { accounts } = await listAccounts();
  const text = formatAegisExport(
    accounts.map(({ record }) => ({ account: record.account, notes: record.notes, groups: record.groups, favourite: record.favourite, icon: record.icon })),
    () => crypto.randomUUID(),
  );
  return { fileName: `keyfob-aegis-${day(now)}.json`, mimeType: 'application/json', text };
}

export async function exportOtpauthList(masterPassword: string, now: number): Promise<ExportedFile> {
  await verifyMasterPassword(masterPassword);
  const { accounts } = await listAccounts();
  const lines = [
    '# Keyfob export: every line below is a secret key in plain text. Keep this file safe and delete it after use.',
    ...accounts.map(({ record }) => formatOtpauthUri(record.account)),
  ];
  return { fileName: `keyfob-otpauth-${day(now)}.txt`, mimeType: 'text/plain', text: `${lines.join('\n')}\n` };
}

export interface ImportResult {
  added: number;
  duplicates: number;
  failed: ImportFailure[];
}

/** Imports a backup or a list of URIs; accounts whose secret is already present are counted, not changed. */
export async function importData(text: string, backupPassword: string | undefined, now: number): Promise<ImportResult> {
  // Fail before spending a key derivation on a backup that could not be saved anyway.
  await requireDataKey();
  const trimmed = text.trim();
  const { drafts, failed } = trimmed.startsWith('{')
    ? { drafts: await readBackup(trimmed, backupPassword), failed: [] }
    : readUriLines(text);
  const { added, duplicates } = await addAccounts(drafts, now);
  return { added: added.length, duplicates: duplicates.length, failed };
}

async function readBackup(text: string, password: string | undefined): Promise<NewAccount[]> {
  let file: Partial<BackupFile>;
  try {
    file = JSON.parse(text) as Partial<BackupFile>;
  } catch {
    throw backupError('This file is not a Keyfob backup (it is not valid JSON)', { code: 'backup-not-json' });
  }
  if (file.format !== BACKUP_FORMAT || !file.sealed) throw backupError('This file is not a Keyfob backup', { code: 'backup-not-keyfob' });
  if (file.version !== BACKUP_VERSION) {
    throw backupError(`This backup is format version ${String(file.version)}; this Keyfob reads version ${BACKUP_VERSION}`,
      { code: 'backup-version', version: String(file.version).slice(0, 20), supported: BACKUP_VERSION });
  }
  // Before the password is asked for or anything derived: a hostile file could otherwise hold the worker for minutes.
  try {
    checkImportKdf(file.sealed.kdf);
  } catch (err) {
    if (err instanceof VaultCryptoError) throw backupError(`This backup cannot be opened. ${err.message}`, kdfReason(file.sealed.kdf));
    throw err;
  }
  if (!password) throw new VaultError('wrong_password', 'This backup is encrypted: enter its backup password');
  let content: BackupContent;
  try {
    content = JSON.parse(new TextDecoder().decode(await openWithPassword(file.sealed, password, '', { argon2id: argon2idOutsideWorker }))) as BackupContent;
  } catch (err) {
    if (isWrongPassword(err)) throw new VaultError('wrong_password', 'Wrong backup password');
    throw backupError('This backup is damaged and cannot be read', { code: 'backup-damaged' });
  }
  if (!Array.isArray(content.accounts)) throw backupError('This backup is damaged and cannot be read', { code: 'backup-damaged' });
  return content.accounts.map((a) => {
    try {
      return {
        account: validateOtpAccount(a.account),
        origins: originsOf(a),
        notes: typeof a.notes === 'string' ? a.notes : '',
        recoveryCodes: Array.isArray(a.recoveryCodes) ? a.recoveryCodes.filter((c) => typeof c === 'string') : [],
        groups: cleanGroups(a.groups),
        favourite: a.favourite === true,
        // An icon that fails the check restores as automatic: the account itself matters more than its picture.
        icon: checkAccountIcon(a.icon) ?? undefined,
      };
    } catch {
      throw backupError('This backup contains an account that cannot be read', { code: 'backup-bad-account' });
    }
  });
}

function backupError(message: string, reason: BackupReason): VaultError {
  return new VaultError('invalid_backup', message, reason);
}

/**
 * What the refused key derivation asks for against what Keyfob accepts, for the popup's sentence (checkImportKdf's
 * English message says the same): parameters over the import caps, or a derivation Keyfob does not know at all.
 */
function kdfReason(kdf: unknown): BackupReason {
  let params: KdfParams;
  try {
    params = checkKdfParams(kdf);
  } catch {
    return { code: 'backup-kdf-unsupported' };
  }
  const cap = IMPORT_KDF_LIMITS;
  if (params.name === 'PBKDF2-SHA256') return { code: 'backup-kdf-pbkdf2', iterations: params.iterations, maxIterations: cap.pbkdf2MaxIterations };
  return {
    code: 'backup-kdf-argon2id',
    memoryKiB: params.memoryKiB, passes: params.iterations, lanes: params.parallelism,
    maxMemoryKiB: cap.argon2MaxMemoryKiB, maxPasses: cap.argon2MaxIterations, maxLanes: cap.argon2MaxParallelism,
  };
}

/** One URI per line; blank lines and `#` comments are skipped; each bad line is reported by number. */
function readUriLines(text: string): { drafts: NewAccount[]; failed: ImportResult['failed'] } {
  const drafts: NewAccount[] = [];
  const failed: ImportResult['failed'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    try {
      if (/^otpauth-migration:/i.test(line)) {
        const { accounts, skipped } = decodeMigrationUri(line);
        for (const account of accounts) {
          try {
            drafts.push({ account: validateOtpAccount(account) });
          } catch (err) {
            const name = account.issuer || account.account;
            failed.push({ line: i + 1, message: `${name}: ${messageOf(err)}`, name, ...reasonOf(err) });
          }
        }
        for (const s of skipped) failed.push({ line: i + 1, message: `${s.name}: ${s.reason}`, name: s.name, reason: s.why });
      } else {
        drafts.push({ account: parseOtpauthUri(line) });
      }
    } catch (err) {
      failed.push({ line: i + 1, message: messageOf(err), ...reasonOf(err) });
    }
  });
  if (drafts.length === 0 && failed.length === 0) failed.push({ line: 1, message: 'Nothing to import: the text is empty' });
  return { drafts, failed };
}

function messageOf(err: unknown): string {
  if (err instanceof OtpauthError || err instanceof MigrationError || err instanceof VaultError) return err.message;
  return 'This line could not be read';
}

/** The parser's reason for a failed line, when it gave one (the popup then words the line itself). */
function reasonOf(err: unknown): { reason?: ErrorReason } {
  const reason = err instanceof OtpauthError || err instanceof MigrationError || err instanceof VaultError ? err.reason : undefined;
  return reason ? { reason } : {};
}

function day(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}
