// The toolbar button across service-worker restarts: the browser keeps what the icon and title were set to for the
// whole browser session, so a woken worker leaves them alone (decoding the icons again was most of a wake's cost),
// and a lock or unlock after the restart is still shown.
import { expect, it, describe } from 'vitest';
import type { Page } from 'puppeteer-core';
import { callBackgroundFrom as value, stopServiceWorker, type Harness } from './harness.ts';
import { freshVaultPerTest } from './fresh-vault.ts';

const PASSWORD = 'Correct-Horse-9';

/** The button's title everywhere (no tab), read from an extension page, and what the worker recorded as shown. */
async function shown(page: Page): Promise<{ title: string; recorded: unknown }> {
  return page.evaluate(async () => ({
    title: await chrome.action.getTitle({}),
    recorded: (await chrome.storage.session.get('toolbar.shown'))['toolbar.shown'],
  }));
}

async function waitForTitle(page: Page, title: string): Promise<void> {
  for (let i = 0; i < 200 && (await shown(page)).title !== title; i++) await new Promise((r) => setTimeout(r, 25));
  expect((await shown(page)).title).toBe(title);
}

describe('the toolbar button after the worker restarts', () => {
  let h: Harness;
  let page: Page;
  freshVaultPerTest((fresh) => ({ h, page } = fresh));

  it('keeps showing the lock state through restarts, and shows a change made after one', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    await value(page, 'lock');
    await waitForTitle(page, 'Keyfob (locked)');

    await stopServiceWorker(h, page);
    expect((await value<{ vault: string }>(page, 'getStatus')).vault).toBe('locked');
    expect(await shown(page)).toEqual({ title: 'Keyfob (locked)', recorded: 'locked' });

    await value(page, 'unlock', { password: PASSWORD });
    await waitForTitle(page, 'Keyfob');
    await stopServiceWorker(h, page);
    expect((await value<{ vault: string }>(page, 'getStatus')).vault).toBe('unlocked');
    expect(await shown(page)).toEqual({ title: 'Keyfob', recorded: 'unlocked' });
  });
});
