// Why the background refused a request, as data that travels in its error reply: a stable code and the values the
// sentence needs, so the popup words it in the UI language while the English `message` stays for logs and the CLI.
import type { MigrationReason, MigrationSkipReason, OtpauthReason, PasswordReason } from '../src/shared/index.ts';

/** Why a backup file could not be imported (made by the background's backup reader, not a shared parser). */
export type BackupReason =
  | { code: 'backup-not-json' | 'backup-not-keyfob' | 'backup-damaged' | 'backup-bad-account' | 'backup-kdf-unsupported' }
  | { code: 'backup-version'; version: string; supported: number }
  | { code: 'backup-kdf-pbkdf2'; iterations: number; maxIterations: number }
  | {
    code: 'backup-kdf-argon2id';
    memoryKiB: number; passes: number; lanes: number;
    maxMemoryKiB: number; maxPasses: number; maxLanes: number;
  };

/** Every reason an error reply or an import's failed line may carry; codes are unique across the union. */
export type ErrorReason = PasswordReason | OtpauthReason | MigrationReason | MigrationSkipReason | BackupReason;
export type ReasonCode = ErrorReason['code'];
