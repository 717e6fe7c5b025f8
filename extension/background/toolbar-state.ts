// What the toolbar button shows: a padlock on the icon while the vault is locked, and on a tab a badge counting the
// accounts bound to a page of that tab that has a code field. It is extension UI only: nothing here answers a page,
// so a page learns nothing about which accounts exist.
import { isBoundOrigin } from '../../src/shared/index.ts';
import { plural, t } from '../i18n.ts';
import { sessionStore } from './browser-api.ts';
import { vault } from './autofill/vault-port.ts';
import type { SenderContext } from './handler-types.ts';
import { toolbarIconPaths, type IconState } from './toolbar-icons.ts';
import { onBrowserStartup, onSessionStorageChanged, tabEvents, toolbarButton } from './toolbar-button.ts';
import { afterWake } from './wake-chores.ts';

/** Tab id → origins of the documents in it that showed a code field; in session storage, so a worker restart keeps it. */
const FIELD_TABS_KEY = 'toolbar.fieldTabs';
/**
 * The icon state the toolbar shows. The browser keeps what setIcon set for as long as it runs (and resets it with the
 * session storage, at a browser or extension restart), so a worker that wakes does not set it again: decoding the
 * icons was most of what a woken worker did before answering its first message (scripts/bench/worker-start.ts).
 */
const SHOWN_KEY = 'toolbar.shown';
type FieldTabs = Record<string, string[]>;
// A page with dozens of frames must not grow the record without bound.
const MAX_ORIGINS_PER_TAB = 8;

// Functions, not strings: chrome.i18n answers only once the extension runs, in the browser's language.
export const TITLES = {
  unlocked: () => t('toolbarUnlocked'),
  locked: () => t('toolbarLocked'),
  fillable: (count: number) => plural('toolbarFillable', count),
} as const;

/** The badge for a number of bound accounts: empty (no badge) for none. */
export function badgeText(count: number): string {
  return count === 0 ? '' : count > 9 ? '9+' : String(count);
}

/** How many accounts would fill a code field on one of `origins`: TOTP accounts bound to one of them exactly. */
export function countFillable(accounts: readonly { type: string; origins: readonly string[] }[], origins: readonly string[]): number {
  return accounts.filter((a) => a.type === 'totp' && origins.some((o) => isBoundOrigin(a.origins, o))).length;
}

// The icon state last set by this worker; null after a (re)start, so the first sync always sets it.
let shownIcon: IconState | null = null;
// Reads and writes of the tab record run one after another, so two frames asking at once both get recorded.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

async function readFieldTabs(): Promise<FieldTabs> {
  return (await sessionStore.get<FieldTabs>(FIELD_TABS_KEY)) ?? {};
}

async function showTab(tabId: number, origins: readonly string[], unlocked: boolean): Promise<void> {
  const count = unlocked ? countFillable(await vault.listAccounts(), origins) : 0;
  // A tab that has gone meanwhile refuses the calls; there is nothing left to show on it.
  await Promise.all([
    toolbarButton.setTabBadge(tabId, badgeText(count)),
    toolbarButton.setTitle(count > 0 ? TITLES.fillable(count) : unlocked ? TITLES.unlocked() : TITLES.locked(), tabId),
  ]).catch(() => undefined);
}

/** Sets the padlock or the plain icon after a lock or unlock, and recounts the badges of the tabs with code fields. */
export async function syncToolbar(): Promise<void> {
  const state = await vault.state();
  const icon: IconState = state === 'locked' ? 'locked' : 'unlocked';
  if (icon === shownIcon) return;
  if (shownIcon === null && (await sessionStore.get<IconState>(SHOWN_KEY)) === icon) {
    shownIcon = icon;
    return;
  }
  shownIcon = icon;
  await Promise.all([
    toolbarButton.setIcon(toolbarIconPaths(icon)),
    toolbarButton.setTitle(TITLES[icon]()),
    toolbarButton.setBadgeColor('#1e40af'),
    sessionStore.set(SHOWN_KEY, icon),
  ]);
  const tabs = await readFieldTabs();
  // Locked: no account can be read, so no badge says one is ready; unlocked: each recorded tab is counted again.
  await Promise.all(Object.entries(tabs).map(([tabId, origins]) => showTab(Number(tabId), origins, state === 'unlocked')));
}

/**
 * A document reported a code field (it asked for the autofill settings or a code): records its origin for its tab
 * and shows the tab's badge. Never throws and never delays the reply the document waits for.
 */
export function noteCodeField(ctx: SenderContext): void {
  const { tabId, origin } = ctx;
  if (tabId === null || !origin) return;
  void serial(async () => {
    const tabs = await readFieldTabs();
    const origins = tabs[tabId] ?? [];
    if (!origins.includes(origin) && origins.length < MAX_ORIGINS_PER_TAB) {
      await sessionStore.set(FIELD_TABS_KEY, { ...tabs, [tabId]: [...origins, origin] });
      origins.push(origin);
    }
    await showTab(tabId, origins, await vault.isUnlocked());
  }).catch(() => undefined);
}

async function forgetTab(tabId: number, clearBadge: boolean): Promise<void> {
  await serial(async () => {
    const tabs = await readFieldTabs();
    if (!(tabId in tabs)) return;
    const { [tabId]: _gone, ...rest } = tabs;
    await sessionStore.set(FIELD_TABS_KEY, rest);
  });
  if (clearBadge) await toolbarButton.setTabBadge(tabId, '').catch(() => undefined);
}

/** Registers the listeners; must run synchronously when the worker script starts so the events wake it. */
export function installToolbarState(): void {
  // The key is added to or removed from session storage by every unlock and every lock path (button, auto-lock).
  onSessionStorageChanged((keys) => {
    if (keys.some((k) => k !== FIELD_TABS_KEY && k !== SHOWN_KEY)) void syncToolbar().catch(() => undefined);
  });
  onBrowserStartup(() => void syncToolbar().catch(() => undefined));
  // The badge describes the page the tab leaves; the browser also resets per-tab badges when the new page commits.
  tabEvents.onLoading((tabId) => void forgetTab(tabId, true).catch(() => undefined));
  tabEvents.onRemoved((tabId) => void forgetTab(tabId, false).catch(() => undefined));
  // Only the first worker of a browser session sets the icon: later ones find it set, since the vault locks and
  // unlocks only through a running worker (which syncs the icon then) and a restart clears the session storage.
  afterWake(() => sessionStore.get<IconState>(SHOWN_KEY).then((shown) => (shown === null ? syncToolbar() : undefined)));
}
