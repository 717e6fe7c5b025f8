// Vault life-cycle and settings methods: status, create, unlock, lock, change password, settings.
import type { HandlerTable } from '../handler-types.ts';
import { expectObject } from '../handler-types.ts';
import { armAutoLock } from '../vault/auto-lock.ts';
import { changeMasterPassword, createVault, isUnlocked, lockVault, unlockVault, vaultState } from '../vault/lifecycle.ts';
import { readSettings, updateSettings } from '../vault/settings.ts';
import { rewrapSyncKeyFile } from '../sync/sync-service.ts';
import { expectEmpty, expectPassword, expectSettingsPatch } from './vault-validators.ts';

type VaultMethods = 'getStatus' | 'createVault' | 'unlock' | 'lock' | 'changeMasterPassword' | 'updateSettings';

export const vaultHandlers: HandlerTable<VaultMethods> = {
  getStatus: {
    allow: ['extension-page'],
    parse: expectEmpty,
    run: async () => {
      const [vault, settings] = await Promise.all([vaultState(), readSettings()]);
      return { vault, settings };
    },
  },
  createVault: {
    allow: ['extension-page'],
    parse: (raw) => ({ password: expectPassword(expectObject(raw), 'password') }),
    run: async ({ password }) => {
      await createVault(password, Date.now());
      return { vault: 'unlocked' };
    },
  },
  unlock: {
    allow: ['extension-page'],
    parse: (raw) => ({ password: expectPassword(expectObject(raw), 'password') }),
    run: async ({ password }) => {
      await unlockVault(password);
      return { vault: 'unlocked' };
    },
  },
  lock: {
    allow: ['extension-page'],
    parse: expectEmpty,
    run: async () => {
      await lockVault();
      return { vault: 'locked' };
    },
  },
  changeMasterPassword: {
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      return { current: expectPassword(o, 'current'), next: expectPassword(o, 'next') };
    },
    run: async ({ current, next }) => {
      await changeMasterPassword(current, next);
      // A synced vault's key file follows, so a new browser joins with the new password (and the same kit).
      await rewrapSyncKeyFile(next);
      return { changed: true };
    },
  },
  updateSettings: {
    allow: ['extension-page'],
    parse: (raw) => ({ patch: expectSettingsPatch(raw) }),
    run: async ({ patch }) => {
      const settings = await updateSettings(patch);
      if (patch.autoLockMinutes !== undefined && (await isUnlocked())) await armAutoLock();
      return { settings };
    },
  },
};
