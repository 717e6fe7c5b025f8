// @vitest-environment jsdom
// useAction: the busy flag and error words every popup button that asks the background shares.
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundError } from '../../../../extension/messages.ts';
import { useAction } from '../../../../extension/popup/hooks/use-action.ts';
import { installChromeI18n } from '../../support/chrome-i18n.ts';
import { renderHook, settle, type RenderedHook } from './render-hook.ts';

installChromeI18n();

/** A promise the test resolves or rejects when it chooses, to look at the screen while the work is still running. */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

let hook: RenderedHook<ReturnType<typeof useAction>> | null = null;
afterEach(() => { hook?.unmount(); hook = null; });

describe('useAction', () => {
  it('is busy while the work runs and idle again once it succeeded', async () => {
    hook = renderHook(useAction);
    const work = deferred();
    let running!: Promise<boolean>;
    await settle(async () => { running = hook!.current().run(() => work.promise); });
    expect(hook.current().busy).toBe(true);
    const ok = await settle(async () => { work.resolve(); return running; });
    expect(ok).toBe(true);
    expect(hook.current()).toMatchObject({ busy: false, error: '' });
  });

  it('shows a failure in the popup\'s words and lets the button be pressed again', async () => {
    hook = renderHook(useAction);
    const ok = await settle(() => hook!.current().run(() => Promise.reject(new BackgroundError('wrong_password', 'bad password'))));
    expect(ok).toBe(false);
    expect(hook.current().busy).toBe(false);
    expect(hook.current().error).toBe('Wrong password');
  });

  it('stays busy after a success that leaves the screen, so the button cannot send twice', async () => {
    hook = renderHook(useAction);
    await settle(() => hook!.current().run(() => Promise.resolve(), { leavesScreen: true }));
    expect(hook.current().busy).toBe(true);
  });

  it('ends busy on a failure even when the work meant to leave the screen', async () => {
    hook = renderHook(useAction);
    await settle(() => hook!.current().run(() => Promise.reject(new Error('disk full')), { leavesScreen: true }));
    expect(hook.current()).toMatchObject({ busy: false, error: 'disk full' });
  });

  it('clears the last error when the next run starts', async () => {
    hook = renderHook(useAction);
    await settle(async () => hook!.current().setError('Passwords do not match.'));
    expect(hook.current().error).toBe('Passwords do not match.');
    const work = deferred();
    let running!: Promise<boolean>;
    await settle(async () => { running = hook!.current().run(() => work.promise); });
    expect(hook.current().error).toBe('');
    await settle(async () => { work.resolve(); return running; });
  });

  it('keeps a message the work set itself when it stops early without failing', async () => {
    hook = renderHook(useAction);
    await settle(() => hook!.current().run(async () => hook!.current().setError('Not a web address.')));
    expect(hook.current()).toMatchObject({ busy: false, error: 'Not a web address.' });
  });
});
