// What the toolbar button shows: a padlock on the icon while the vault is locked, and on a tab a badge counting the
// accounts bound to a page of that tab that has a code field. It is extension UI only: nothing here answers a page,
// so a page learns nothing about which accounts exist.
import { isBoundOrigin } from '../../src/shared/index.ts';
import { sha256Hex } from '../../src/shared/text-digest.ts';
import { plural, t } from '../i18n.ts';
import { sessionStore } from './platform/session-store.ts';
import { vault } from './autofill/vault-port.ts';
import type { SenderContext } from './handler-types.ts';
import { toolbarIconPaths, type IconState } from './toolbar-icons.ts';
import { topPageOf } from './autofill/frame-context.ts';
import { onBrowserStartup, toolbarButton } from './platform/toolbar-button.ts';
import { afterWake } from './wake-chores.ts';

/**
 * Tab id → the origins of the documents in it that showed a code field, and the page the tab showed then; in session
 * storage, so a worker restart keeps it.
 */
const FIELD_TABS_KEY = 'toolbar.fieldTabs';
/**
 * The icon state the toolbar shows. The browser keeps what setIcon set for as long as it runs (and resets it with the
 * session storage, at a browser or extension restart), so a worker that wakes does not set it again: decoding the
 * icons was most of what a woken worker did before answering its first message (scripts/bench/worker-start.ts).
 */
const SHOWN_KEY = 'toolbar.shown';
/**
 * `page`: a digest of the tab's top document URL without its fragment, so a tab that has moved on is told from one
 * that has not; the URL itself (with its query string) is never kept, not even until the next lock.
 */
interface FieldTab { origins: string[]; page: string }
type FieldTabs = Record<string, FieldTab>;
// A page with dozens of frames, or a session with hundreds of tabs, must not grow the record without bound.
const MAX_ORIGINS_PER_TAB = 8;
const MAX_TABS = 64;

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

/** How many accounts would fill a code field on one of `origins`: time-based accounts bound to one of them exactly. */
export function countFillable(accounts: readonly { type: string; origins: readonly string[] }[], origins: readonly string[]): number {
  return accounts.filter((a) => a.type !== 'hotp' && origins.some((o) => isBoundOrigin(a.origins, o))).length;
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

/** What the record keeps of a page: a digest of its URL without the fragment. */
function pageDigest(href: string): Promise<string> {
  const hash = href.indexOf('#');
  return sha256Hex(hash === -1 ? href : href.slice(0, hash));
}

/** The page the tab shows now, as its digest; null when no content script of ours answers there. */
async function pageShownIn(tabId: number): Promise<string | null> {
  const href = await topPageOf(tabId);
  return href === null ? null : pageDigest(href);
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
  // Locked: no account can be read, so no badge says one is ready; unlocked: each recorded tab is counted again.
  const tabs = await tabsStillOnTheirPage();
  await Promise.all(Object.entries(tabs).map(([tabId, tab]) => showTab(Number(tabId), tab.origins, state === 'unlocked')));
}

/**
 * The recorded tabs that still show the page whose code field was recorded; the others (closed, or gone on to another
 * page, whose badge the browser has already reset) are dropped from the record. Checked here, at a lock or unlock,
 * rather than by listening to every tab's navigations, which would wake the worker at every page load in the browser.
 */
async function tabsStillOnTheirPage(): Promise<FieldTabs> {
  const tabs = await readFieldTabs();
  const shown = await Promise.all(Object.keys(tabs).map(async (tabId) => [tabId, await pageShownIn(Number(tabId))] as const));
  const live: FieldTabs = {};
  const stale = new Map<string, string>();
  for (const [tabId, page] of shown) {
    const tab = tabs[tabId] as FieldTab;
    if (page === tab.page) live[tabId] = tab;
    else stale.set(tabId, tab.page);
  }
  if (stale.size > 0) {
    await serial(async () => {
      // Read again: a document may have recorded its tab's new page meanwhile, and that entry stays.
      const now = await readFieldTabs();
      for (const [tabId, page] of stale) if (now[tabId]?.page === page) delete now[tabId];
      await sessionStore.set(FIELD_TABS_KEY, now);
    });
  }
  return live;
}

/** The origins of the documents with a code field recorded for a tab (empty when none is), for the popup's page check. */
export async function originsRecordedFor(tabId: number): Promise<string[]> {
  return (await readFieldTabs())[tabId]?.origins ?? [];
}

/** The record with `origin` added to the tab's entry for `page` (an entry for another page is replaced); null: unchanged. */
function withField(tabs: FieldTabs, tabId: number, page: string, origin: string): FieldTabs | null {
  const current = tabs[tabId]?.page === page ? (tabs[tabId] as FieldTab) : { origins: [], page };
  if (current.origins.includes(origin) || current.origins.length >= MAX_ORIGINS_PER_TAB) return null;
  const next: FieldTabs = { ...tabs, [tabId]: { origins: [...current.origins, origin], page } };
  const ids = Object.keys(next).map(Number).sort((a, b) => a - b);
  // Tab ids grow as tabs open, so the lowest ids are the oldest entries (and those of tabs most likely closed).
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_TABS))) delete next[old];
  return next;
}

/**
 * A document reported a code field (it asked for the autofill settings or a code): records its origin for its tab
 * and shows the tab's badge. Never throws and never delays the reply the document waits for.
 */
export function noteCodeField(ctx: SenderContext): void {
  const { tabId, origin, frameId, url } = ctx;
  if (tabId === null || !origin) return;
  void (async () => {
    // The top document's own URL as the browser gives it; a frame's tab asks the top document's content script.
    const page = frameId === 0 && url ? await pageDigest(url) : await pageShownIn(tabId);
    await serial(async () => {
      const tabs = await readFieldTabs();
      const next = page === null ? null : withField(tabs, tabId, page, origin);
      if (next) await sessionStore.set(FIELD_TABS_KEY, next);
      // Unrecorded (no top page answered): the badge still shows now, and is not restored after a lock.
      const origins = page === null ? [origin] : (next ?? tabs)[tabId]?.origins ?? [origin];
      await showTab(tabId, origins, await vault.isUnlocked());
    });
  })().catch(() => undefined);
}

/** Registers the listeners; must run synchronously when the worker script starts so the events wake it. */
export function installToolbarState(): void {
  // The key is added to or removed from session storage by every unlock and every lock path (button, auto-lock).
  sessionStore.onChanged((keys) => {
    if (keys.some((k) => k !== FIELD_TABS_KEY && k !== SHOWN_KEY)) void syncToolbar().catch(() => undefined);
  });
  onBrowserStartup(() => void syncToolbar().catch(() => undefined));
  // No tab listeners: the browser resets a tab's badge and title when it goes on to another page or closes, and the
  // record of tabs with code fields is checked at the next lock or unlock (tabsStillOnTheirPage).
  // Only the first worker of a browser session sets the icon: later ones find it set, since the vault locks and
  // unlocks only through a running worker (which syncs the icon then) and a restart clears the session storage.
  afterWake(() => sessionStore.get<IconState>(SHOWN_KEY).then((shown) => (shown === null ? syncToolbar() : undefined)));
}
