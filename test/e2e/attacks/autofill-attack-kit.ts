// Shared pieces of the autofill attack tests: a challenge page that leaks whatever lands in its field to its own
// server (as a hostile page would), reading the lab's log for leaked codes, and the background's view of a tab.
import type { Frame, Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../../src/shared/index.ts';
import type { PendingFillView } from '../../../extension/messages.ts';
import { callFromExtension } from '../autofill-setup.ts';
import type { Harness } from '../harness.ts';
import { challengeForm, type AttackSites, type LabRequest } from './sites.ts';

/**
 * A challenge page whose script reports every value the code field takes to `/leak` on the page's own server: on an
 * attacker's origin this is the attacker reading the code; on the bank's origin it proves the detector works.
 */
export function leakyChallengePage(title = 'Two-factor challenge'): (req: LabRequest) => string {
  return () => `<!doctype html><title>${title}</title>
${challengeForm()}
<script>
  let last = '';
  setInterval(() => {
    const v = document.querySelector('input[name="code"]').value;
    if (v !== last) { last = v; fetch('/leak?code=' + encodeURIComponent(v)).catch(() => {}); }
  }, 50);
</script>`;
}

/** Every value the lab saw leaked from `site` (a lab site: host, scheme and host, or full origin). */
export function leakedValues(sites: AttackSites, site: string): string[] {
  return sites.hits(site, '/leak').map((r) => r.query.get('code') ?? '');
}

/** Any request `site` sent that carries a six-digit number in its query or body (a code, however it was smuggled). */
export function requestsWithCodes(sites: AttackSites, site: string): LabRequest[] {
  return sites.hits(site).filter((r) => /\d{6}/.test(`${r.query.toString()} ${r.body}`));
}

/** Waits until the page's leak script has reported `code` (polled from the lab's log, which the browser fills). */
export async function waitForLeak(sites: AttackSites, site: string, code: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (leakedValues(sites, site).includes(code)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${site} never reported ${code}`);
}

/** True when `code` is the account's code for the previous, current or next 30-second step. */
export async function isCodeOf(account: OtpAccount, code: string, now = Date.now()): Promise<boolean> {
  const near = await Promise.all([-1, 0, 1].map((k) => generateCode(account, now + k * account.period * 1000)));
  return near.includes(code);
}

export function fieldValue(scope: Page | Frame, selector = 'input[name="code"]'): Promise<string> {
  return scope.$eval(selector, (el) => (el as HTMLInputElement).value);
}

export function pendingFillOf(ext: Page, tabId: number): Promise<PendingFillView | null> {
  return callFromExtension<PendingFillView | null>(ext, 'pendingFill', { tabId });
}

/** The fills the background keeps waiting in session storage (read as the worker holds them). */
export async function storedPendingFills(h: Harness): Promise<{ tabId: number; frameId: number; origin: string; reason: string }[]> {
  return (await h.worker()).evaluate(async () => {
    const got = await chrome.storage.session.get('autofill.pending');
    return (got['autofill.pending'] ?? []) as { tabId: number; frameId: number; origin: string; reason: string }[];
  });
}

/** What chrome.commands does for the shortcut: one message to every frame of the tab (no frameId); the reply that won. */
export async function sendToAllFrames(h: Harness, tabId: number, params: unknown): Promise<unknown> {
  return (await h.worker()).evaluate(async (id: number, p: unknown) => {
    try {
      return await chrome.tabs.sendMessage(id, { keyfob: 1, method: 'fillNow', params: p });
    } catch (err) {
      return { error: String(err) };
    }
  }, tabId, params);
}

/** Sends fillNow to one frame of a tab by its extension frame id (as the old code pushed fills to a frame). */
export async function sendToFrame(h: Harness, tabId: number, frameId: number, params: unknown): Promise<unknown> {
  return (await h.worker()).evaluate(async (id: number, f: number, p: unknown) => {
    try {
      return await chrome.tabs.sendMessage(id, { keyfob: 1, method: 'fillNow', params: p }, { frameId: f });
    } catch (err) {
      return { error: String(err) };
    }
  }, tabId, frameId, params);
}

/** The Keyfob pages open right now (toolbar popup, chooser window, popup tabs), by target. */
export function keyfobTargets(h: Harness): Set<unknown> {
  const popupUrl = `chrome-extension://${h.extensionId}/extension/popup/index.html`;
  return new Set(h.browser.targets().filter((t) => t.type() === 'page' && t.url().startsWith(popupUrl)));
}

/** The first frame below `page`'s top document that `matches`, waited for up to 10 s (frames load after the page). */
export async function childFrame(page: Page, matches: (frame: Frame) => boolean | Promise<boolean>): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    for (const frame of page.frames()) {
      if (frame !== page.mainFrame() && await matches(frame)) return frame;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no such frame in the page');
}

/** The frame below `page`'s top document whose document is on `origin`. */
export function frameOnOrigin(page: Page, origin: string): Promise<Frame> {
  return childFrame(page, (f) => f.url().startsWith(origin));
}
