// What every route receives: configuration, the database, the secrets box and the log (built once in createApp).
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { SecretBox } from './security/secret-box.ts';
import type { AccountKeyer } from './security/account-key.ts';
import type { RecoveryCodeHasher } from './security/recovery-codes.ts';
import type { PublicUrl } from './public-url.ts';

export interface Logger {
  info(line: string): void;
  /** Security alerts (tampered secrets, lockouts): never include codes, secrets, tokens or passwords. */
  alert(line: string): void;
}

export interface AppContext {
  config: Config;
  db: Db;
  box: SecretBox;
  hashRecoveryCode: RecoveryCodeHasher;
  /** Keyed hash standing for an account or e-mail address in rows that must not name it (password back-off). */
  accountKeyOf: AccountKeyer;
  /** A real hash of a random password, checked for unknown e-mails so they take as long as wrong passwords. */
  dummyPasswordHash: string;
  log: Logger;
  /** Where mailed links point and which Host state-changing requests must name (PUBLIC_URL). */
  publicUrl: PublicUrl;
}
