// User settings (not secret): kept in chrome.storage.local, with defaults and validation of changes.
import type { AutofillMode, Settings } from '../../messages.ts';
import { localStore } from '../platform/browser-api.ts';
import { VaultError } from './errors.ts';
import { serialQueue } from './write-queue.ts';

const KEY = 'settings';
export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15, autofillMode: 'automatic', submitAfterFill: false, useCorrectedTime: false };
/** 0 means "only when the browser closes or on Lock"; the upper bound is one day. */
export const MAX_AUTO_LOCK_MINUTES = 1440;
const MODES: readonly AutofillMode[] = ['automatic', 'on-click', 'off'];

export async function readSettings(): Promise<Settings> {
  const stored = await localStore.get<Partial<Settings>>(KEY);
  // Stored values are re-checked so a setting written by an older version cannot break the worker.
  return mergeSettings(DEFAULT_SETTINGS, stored ?? {}, false);
}

// Changes one after another: two sent at once (two toggles in quick succession) would each read the same settings
// and the second write would undo the first.
const inOrder = serialQueue();

export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  return inOrder(async () => {
    const merged = mergeSettings(await readSettings(), patch, true);
    await localStore.set(KEY, merged);
    return merged;
  });
}

/** Applies the valid fields of `patch`; with `strict`, an invalid field is an error instead of ignored. */
export function mergeSettings(base: Settings, patch: Partial<Settings>, strict: boolean): Settings {
  const out = { ...base };
  const bad = (field: string): void => {
    if (strict) throw new VaultError('invalid_request', `Invalid value for setting "${field}"`);
  };
  if (patch.autoLockMinutes !== undefined) {
    const m = patch.autoLockMinutes;
    if (Number.isInteger(m) && m >= 0 && m <= MAX_AUTO_LOCK_MINUTES) out.autoLockMinutes = m;
    else bad('autoLockMinutes');
  }
  if (patch.autofillMode !== undefined) {
    if (MODES.includes(patch.autofillMode)) out.autofillMode = patch.autofillMode;
    else bad('autofillMode');
  }
  if (patch.submitAfterFill !== undefined) {
    if (typeof patch.submitAfterFill === 'boolean') out.submitAfterFill = patch.submitAfterFill;
    else bad('submitAfterFill');
  }
  if (patch.useCorrectedTime !== undefined) {
    if (typeof patch.useCorrectedTime === 'boolean') out.useCorrectedTime = patch.useCorrectedTime;
    else bad('useCorrectedTime');
  }
  return out;
}
