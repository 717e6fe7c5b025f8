// Creating, unlocking, locking the vault and changing its master password; the only code that turns a
// password into the data key.
import type { VaultState } from '../../messages.ts';
import { armAutoLock } from './auto-lock.ts';
import {
  DEFAULT_PBKDF2_ITERATIONS, generateDataKey, unwrapKey, VaultCryptoError, wrapKey, type KdfParams,
} from '../../../src/shared/index.ts';
import { openVaultDb, SCHEMA_VERSION, type VaultHeader } from './db.ts';
import { VaultError } from './errors.ts';
import { judgePassword } from '../../../src/shared/password-policy.ts';
import { hasDataKey, rememberDataKey } from './session-key.ts';
import { upgradeRows } from './accounts.ts';
import { argon2idOutsideWorker } from './argon2id.ts';

export { lockVault } from './lock.ts';

type UnlockListener = () => void;
// Listeners are registered when the worker script starts (not runtime state), so a restart re-registers them.
const unlockListeners: UnlockListener[] = [];

/** Lets other background parts (autofill) react to an unlock, e.g. to finish a fill that was waiting. */
export function onVaultUnlocked(listener: UnlockListener): void {
  unlockListeners.push(listener);
}

export async function readHeader(): Promise<VaultHeader | null> {
  return (await (await openVaultDb()).get('header', 'vault')) ?? null;
}

export async function vaultState(): Promise<VaultState> {
  // Both at once: the popup waits for this answer before it shows anything.
  const [header, unlocked] = await Promise.all([readHeader(), hasDataKey()]);
  if (!header) return 'none';
  return unlocked ? 'unlocked' : 'locked';
}

export async function isUnlocked(): Promise<boolean> {
  return (await vaultState()) === 'unlocked';
}

function requireStrong(password: string): void {
  const verdict = judgePassword(password);
  if (!verdict.ok) throw new VaultError('weak_password', verdict.reason, verdict.why);
}

/** Wraps the data key under `password` with today's default KDF and a fresh salt. */
async function sealHeader(dataKey: CryptoKey, password: string, createdAt: number): Promise<VaultHeader> {
  return { schemaVersion: SCHEMA_VERSION, wrappedKey: await wrapKey(dataKey, password), createdAt };
}

/** Whether a vault's KDF is weaker than what new vaults get (so it is raised at the next unlock). */
export function kdfNeedsUpgrade(kdf: KdfParams): boolean {
  return kdf.name === 'PBKDF2-SHA256' && kdf.iterations < DEFAULT_PBKDF2_ITERATIONS;
}

/** A wrong or unusable password, as opposed to a damaged vault. */
export function isWrongPassword(err: unknown): boolean {
  return err instanceof VaultCryptoError && (err.code === 'wrong-password' || err.code === 'bad-password');
}

export async function createVault(password: string, now: number): Promise<void> {
  requireStrong(password);
  if (await readHeader()) throw new VaultError('vault_exists', 'A vault already exists; unlock it instead');
  const dataKey = await generateDataKey();
  const header = await sealHeader(dataKey, password, now);
  const db = await openVaultDb();
  const tx = db.transaction('header', 'readwrite');
  // add() fails if another window created a vault meanwhile, so one vault can never replace another.
  try {
    await tx.store.add(header, 'vault');
    await tx.done;
  } catch {
    throw new VaultError('vault_exists', 'A vault already exists; unlock it instead');
  }
  await startSession(dataKey);
}

/** Checks a password against the vault and returns the data key it unwraps; nothing else changes. */
export async function verifyMasterPassword(password: string): Promise<{ dataKey: CryptoKey; header: VaultHeader }> {
  const header = await readHeader();
  if (!header) throw new VaultError('no_vault', 'There is no vault yet; create one first');
  try {
    // Extractable only so that it can be put in session storage or rewrapped; it never leaves the worker.
    return { dataKey: await unwrapKey(header.wrappedKey, password, { extractable: true, argon2id: argon2idOutsideWorker }), header };
  } catch (err) {
    if (isWrongPassword(err)) throw new VaultError('wrong_password', 'Wrong password');
    throw err;
  }
}

export async function unlockVault(password: string): Promise<void> {
  const { dataKey, header } = await verifyMasterPassword(password);
  // Vaults made with older, weaker KDF settings are raised to today's on the first unlock.
  if (kdfNeedsUpgrade(header.wrappedKey.kdf) || header.schemaVersion < SCHEMA_VERSION) {
    await writeHeader(await sealHeader(dataKey, password, header.createdAt));
  }
  // Rows sealed by an older schema are resealed now, the first moment the key is at hand.
  await upgradeRows(dataKey);
  await startSession(dataKey);
}

/** Rewraps the one data key under the new password; no account row is touched. */
export async function changeMasterPassword(current: string, next: string): Promise<void> {
  const { dataKey, header } = await verifyMasterPassword(current);
  requireStrong(next);
  await writeHeader(await sealHeader(dataKey, next, header.createdAt));
}

async function writeHeader(header: VaultHeader): Promise<void> {
  const db = await openVaultDb();
  const tx = db.transaction('header', 'readwrite');
  await tx.store.put(header, 'vault');
  await tx.done;
}

export async function startSession(dataKey: CryptoKey): Promise<void> {
  await rememberDataKey(dataKey);
  await armAutoLock();
  for (const listener of unlockListeners) {
    try {
      listener();
    } catch {
      // One failing listener must not undo the unlock the user just did.
    }
  }
}
