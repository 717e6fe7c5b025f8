// @vitest-environment jsdom
// useStartUp: the first screen follows the vault's status and what waits in the tab; after an unlock, a fill that
// turns into a choice replaces the list when the background records it (an event, not a poll).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, ResponseOf, Settings } from '../../../../extension/messages.ts';
import { BackgroundError } from '../../../../extension/messages.ts';
import type { Opening } from '../../../../extension/popup/start/opening.ts';
import type { PendingChoice } from '../../../../extension/popup/pending/pending-fill.ts';
import { installChromeI18n } from '../../support/chrome-i18n.ts';
import { renderHook, settle, type RenderedHook } from './render-hook.ts';

installChromeI18n();

const calls = vi.hoisted(() => ({
  opening: null as Opening | null,
  firstScreen: null as (() => Promise<unknown>) | null,
  choice: null as PendingChoice | null,
  watchers: [] as ((choice: PendingChoice) => void)[],
  stopped: 0,
  background: vi.fn(),
}));

vi.mock('../../../../extension/popup/start/opening.ts', () => ({
  takeOpening: () => calls.opening,
  askFirstScreen: () => calls.firstScreen!(),
  readPendingImage: () => Promise.resolve(null),
}));
vi.mock('../../../../extension/popup/pending/pending-fill.ts', () => ({
  findPendingChoice: () => Promise.resolve(calls.choice),
  watchPendingChoice: (_search: string, _forMs: number, onFound: (choice: PendingChoice) => void) => {
    calls.watchers.push(onFound);
    return () => { calls.stopped += 1; };
  },
}));
vi.mock('../../../../extension/popup/pending/pending-recovery-save.ts', () => ({ findPendingRecoverySave: () => Promise.resolve(null) }));
vi.mock('../../../../extension/popup/browser.ts', () => ({ removeSession: () => Promise.resolve() }));
vi.mock('../../../../extension/messages.ts', async (original) => ({
  ...await original<typeof import('../../../../extension/messages.ts')>(),
  callBackground: calls.background,
}));

const { useStartUp } = await import('../../../../extension/popup/hooks/use-start-up.ts');

const SETTINGS = {} as Settings;
const account = (id: string) => ({ id, issuer: 'Example', account: id }) as unknown as AccountView;
const FIRST: ResponseOf<'firstScreen'> = { at: 0, total: 1, accounts: [account('a')], codes: [] };
const CHOICE = { tabId: 7, pending: { origin: 'https://example.com' } } as unknown as PendingChoice;

function opening(vault: 'none' | 'locked' | 'unlocked', extra: Partial<Opening> = {}): Opening {
  return {
    status: Promise.resolve({ vault, settings: SETTINGS }),
    first: Promise.resolve(vault === 'unlocked' ? FIRST : null),
    save: Promise.resolve(null),
    choice: Promise.resolve(null),
    image: Promise.resolve(null),
    page: { answer: Promise.resolve(null), done: true, result: null },
    ...extra,
  };
}

let hook: RenderedHook<ReturnType<typeof useStartUp>> | null = null;

async function start(with_: Opening) {
  calls.opening = with_;
  hook = renderHook(useStartUp);
  const started = hook;
  await started.renders((v) => v.screen.name !== 'loading');
  return started;
}

beforeEach(() => {
  calls.firstScreen = () => Promise.resolve(FIRST);
  calls.choice = null;
  calls.watchers = [];
  calls.stopped = 0;
  calls.background.mockReset();
});
afterEach(() => { hook?.unmount(); hook = null; });

describe('useStartUp', () => {
  it('offers to create a vault when there is none', async () => {
    const h = await start(opening('none'));
    expect(h.current().screen).toEqual({ name: 'create' });
    expect(h.current().settings).toBe(SETTINGS);
  });

  it('asks for the password when the vault is locked', async () => {
    const h = await start(opening('locked'));
    expect(h.current().screen).toEqual({ name: 'unlock' });
  });

  it('shows the list from the first screen asked for with the status, without asking again', async () => {
    calls.firstScreen = () => Promise.reject(new Error('asked twice'));
    const h = await start(opening('unlocked'));
    expect(h.current().screen).toEqual({ name: 'list', notice: '' });
    expect(h.current().list).toMatchObject({ accounts: [account('a')], total: 1, complete: true });
  });

  it('opens the chooser when a fill waits in the tab', async () => {
    const h = await start(opening('unlocked', { choice: Promise.resolve(CHOICE) }));
    expect(h.current().screen).toEqual({ name: 'choose', ...CHOICE });
  });

  it('says what broke when the status cannot be read', async () => {
    const h = await start(opening('unlocked', { status: Promise.reject(new BackgroundError('internal', 'boom')) }));
    expect(h.current().screen.name).toBe('broken');
  });

  it('after an unlock shows the list, then the chooser once the background records a choice', async () => {
    const h = await start(opening('locked'));
    await settle(() => h.current().enterUnlocked());
    expect(h.current().screen).toEqual({ name: 'list', notice: '' });
    expect(calls.watchers).toHaveLength(1);
    await settle(async () => calls.watchers[0]!(CHOICE));
    expect(h.current().screen).toEqual({ name: 'choose', ...CHOICE });
  });

  it('does not let a late choice replace a screen the user already opened', async () => {
    const h = await start(opening('locked'));
    await settle(() => h.current().enterUnlocked());
    await settle(async () => h.current().show({ name: 'add' }));
    await settle(async () => calls.watchers[0]!(CHOICE));
    expect(h.current().screen).toEqual({ name: 'add' });
  });

  it('stops waiting for a choice when the popup closes', async () => {
    const h = await start(opening('locked'));
    await settle(() => h.current().enterUnlocked());
    h.unmount();
    hook = null;
    expect(calls.stopped).toBe(1);
  });

  it('asks for the rest of the list once the first screen showed only part of it', async () => {
    const partial = { ...FIRST, total: 2 };
    calls.background.mockResolvedValue({ accounts: [account('a'), account('b')] });
    const h = await start(opening('unlocked', { first: Promise.resolve(partial) }));
    await h.renders((v) => v.list.accounts.length === 2);
    expect(calls.background).toHaveBeenCalledWith('listAccountViews', {});
    expect(h.current().list).toMatchObject({ total: 2, complete: true });
    expect(h.current().list.accounts.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('forgets the list when the vault is locked from the popup', async () => {
    const h = await start(opening('unlocked'));
    await settle(async () => h.current().showLocked());
    expect(h.current().screen).toEqual({ name: 'unlock' });
    expect(h.current().list.accounts).toEqual([]);
  });

  it('asks for the password again when a call finds the vault locked', async () => {
    const h = await start(opening('unlocked'));
    await settle(async () => h.current().fail(new BackgroundError('locked', 'locked')));
    expect(h.current().screen).toEqual({ name: 'unlock' });
  });
});
