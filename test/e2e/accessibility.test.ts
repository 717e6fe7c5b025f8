// Accessibility audit with axe-core: every popup screen (light, dark and right-to-left) and the demo server's pages
// have no serious or critical violation; right-to-left mirrors the popup's layout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMailDir } from '../../demo-server/config.ts';
import { generateCode } from '../../src/shared/index.ts';
import { launchWithExtension, type Harness } from './harness.ts';
import { startDemoSite, type DemoSite } from './demo-site.ts';
import { submit } from './demo-flows.ts';
import { callFromPage, createVaultThroughUi, fill, MASTER, press, totp, waitForText } from './popup-driver.ts';
import { bindingFor, startLab, type LabServer } from './autofill-setup.ts';
import { clickKeyfobButton } from './attacks/inline-ui-driver.ts';
import { nextKeyfobPage } from './keyfob-window.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ADMIN = { email: 'ada@example.com', password: 'a long demo password 42' };

interface Finding { id: string; impact: string; help: string; targets: string[] }

/**
 * Runs axe on the page as it is now and returns its serious and critical violations as readable lines, named by
 * `screen`. The source is evaluated over CDP, which the extension pages' CSP (script-src 'self') does not govern.
 */
async function audit(page: Page, screen: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: {
      id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }) as Finding[];
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical')
    .map((f) => `[${screen}] ${f.id} (${f.impact}): ${f.help} — ${f.targets.join(', ')}`);
}

/** How far the first element matching `selector` in the first account row is from the row's left and right edges. */
function gapsIn(page: Page, selector: string): Promise<{ left: number; right: number }> {
  return page.$eval('[role="listitem"]', (row, sel) => {
    const r = row.querySelector(sel)!.getBoundingClientRect();
    const outer = row.getBoundingClientRect();
    return { left: r.left - outer.left, right: outer.right - r.right };
  }, selector);
}

/** Replaces what a demo form field holds (a re-rendered form keeps the email typed before). */
async function typeInto(page: Page, name: string, value: string): Promise<void> {
  await page.$eval(`input[name="${name}"]`, (e) => { (e as HTMLInputElement).value = ''; });
  await page.type(`input[name="${name}"]`, value);
}

describe('accessibility', () => {
  let h: Harness;
  let site: DemoSite;
  let lab: LabServer;

  beforeAll(async () => {
    site = await startDemoSite({ ADMIN_EMAILS: ADMIN.email });
    lab = await startLab();
    h = await launchWithExtension();
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
    await lab?.close();
  });

  it('finds no serious or critical violation on any popup screen, in light, dark and right-to-left', async () => {
    const popup = await h.openPopupTab();
    const problems: string[] = [];
    await popup.waitForSelector('::-p-aria(Master password)');
    // English messages in an English browser: left to right.
    expect(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    problems.push(...await audit(popup, 'create vault'));
    await fill(popup, 'Master password', 'short');
    await waitForText(popup, '[data-testid="password-strength"]', 'Too short');
    problems.push(...await audit(popup, 'create vault, weak password'));
    await press(popup, 'Join a synced vault');
    await popup.waitForSelector('::-p-aria(Recovery kit (26 characters))');
    problems.push(...await audit(popup, 'join a synced vault'));
    await press(popup, 'Create a new vault instead');
    await createVaultThroughUi(popup);
    problems.push(...await audit(popup, 'empty list'));

    await callFromPage(popup, 'addAccounts', { drafts: [
      { account: totp('GitHub', 'dev@example.com', 'JBSWY3DPEHPK3PXA'), origins: ['https://github.com'] },
      { account: totp('Bank', 'dev@example.com', 'JBSWY3DPEHPK3PXC') },
      { account: { ...totp('Counter', 'ops', 'JBSWY3DPEHPK3PXB'), type: 'hotp' } },
    ] });
    await popup.reload();
    await popup.waitForFunction(() => /\d{3} \d{3}/.test(document.querySelector('[data-testid="code"]')?.textContent ?? ''));
    // The first screen paints before the rest of the list arrives: audit the list once it is whole, not mid-update.
    await popup.waitForSelector('[role="list"][aria-busy="false"]');
    problems.push(...await audit(popup, 'account list'));
    await popup.click('[role="listitem"] button.copy');
    await waitForText(popup, '[role="status"]', 'Copied');
    problems.push(...await audit(popup, 'account list, copied'));
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    problems.push(...await audit(popup, 'account list, dark'));
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);

    await press(popup, 'Add account');
    await popup.click('summary');
    problems.push(...await audit(popup, 'add account'));
    await fill(popup, 'Secret key', 'not base32 at all!');
    await press(popup, 'Save');
    await popup.waitForSelector('[role="alert"]');
    problems.push(...await audit(popup, 'add account, error'));
    await press(popup, 'Back');

    await press(popup, 'Details for GitHub dev@example.com');
    await popup.waitForSelector('::-p-aria(Issuer)');
    problems.push(...await audit(popup, 'account details'));
    await press(popup, 'Choose a brand icon');
    await popup.waitForSelector('[data-testid="brand-picker"][aria-busy="false"] [data-brand]');
    problems.push(...await audit(popup, 'account details, brand icon picker'));
    await press(popup, 'Delete account');
    await popup.waitForSelector('[role="alertdialog"]');
    problems.push(...await audit(popup, 'account details, confirm delete'));
    await press(popup, 'Back');

    await press(popup, 'Settings');
    await popup.waitForSelector('::-p-aria(Current master password)');
    problems.push(...await audit(popup, 'settings'));
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    problems.push(...await audit(popup, 'settings, dark'));
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await popup.locator('::-p-aria(A WebDAV folder (Nextcloud, ownCloud…))').click();
    await popup.locator('::-p-aria(Join a vault synced from another browser)').click();
    await popup.waitForSelector('::-p-aria(WebDAV address)');
    problems.push(...await audit(popup, 'settings, sync: WebDAV, join'));
    await popup.locator('::-p-aria(This browser’s own sync (Chrome Sync, Firefox Sync))').click();
    await popup.locator('::-p-aria(Start syncing this vault)').click();
    await fill(popup, 'Master password', MASTER);
    await press(popup, 'Turn on sync');
    await popup.waitForSelector('[data-testid="sync-kit"]');
    problems.push(...await audit(popup, 'settings, sync: recovery kit'));
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    problems.push(...await audit(popup, 'settings, sync: recovery kit, dark'));
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await popup.locator('::-p-aria(I have saved my recovery kit)').click();
    await press(popup, 'Done');
    await popup.waitForSelector('[data-testid="sync-on"]');
    problems.push(...await audit(popup, 'settings, sync on'));
    await press(popup, 'Turn off sync here');
    await popup.waitForSelector('::-p-aria([name="Turn on sync"][role="button"])');
    await press(popup, 'Back');

    await press(popup, 'Lock');
    await popup.waitForSelector('::-p-aria(Master password)');
    problems.push(...await audit(popup, 'unlock'));
    await fill(popup, 'Master password', 'not the password');
    await press(popup, 'Unlock');
    await waitForText(popup, '[role="alert"]', 'Wrong password');
    problems.push(...await audit(popup, 'unlock, wrong password'));
    await fill(popup, 'Master password', MASTER);
    await press(popup, 'Unlock');
    await popup.waitForFunction(() => /\d{3} \d{3}/.test(document.querySelector('[data-testid="code"]')?.textContent ?? ''));
    // Rows are measured below: wait until the list has stopped changing (the rest arrives after the first paint).
    await popup.waitForSelector('[role="list"][aria-busy="false"]');

    // A right-to-left locale is stood in for by the attribute main.tsx sets from @@bidi_dir.
    const rowParts = async () => ({ who: await gapsIn(popup, '.who'), code: await gapsIn(popup, '.code'), more: await gapsIn(popup, '.more') });
    const ltr = await rowParts();
    await popup.evaluate(() => { document.documentElement.dir = 'rtl'; });
    const rtl = await rowParts();
    expect(ltr.who.left).toBeLessThan(ltr.code.left);
    expect(ltr.more.right).toBeLessThan(ltr.code.right);
    // Mirrored: the names start at the right edge, the code follows to their left and the details button ends the row.
    for (const part of ['who', 'code', 'more'] as const) {
      expect(rtl[part].right, part).toBeCloseTo(ltr[part].left, 0);
      expect(rtl[part].left, part).toBeCloseTo(ltr[part].right, 0);
    }
    await popup.click('[role="listitem"] button.copy');
    await popup.waitForSelector('[role="listitem"] .copied');
    expect((await gapsIn(popup, '.copied')).left).toBeCloseTo(70, 0); // "Copied" flashes beside the code, on its left
    problems.push(...await audit(popup, 'account list, rtl'));
    await press(popup, 'Add account');
    const header = await popup.$eval('.screen-header', (e) => ({
      back: e.querySelector('.back')!.getBoundingClientRect().left, title: e.querySelector('h1')!.getBoundingClientRect().left }));
    expect(header.back).toBeGreaterThan(header.title);
    problems.push(...await audit(popup, 'add account, rtl'));
    await press(popup, 'Back');
    await press(popup, 'Settings');
    await popup.waitForSelector('::-p-aria(Current master password)');
    problems.push(...await audit(popup, 'settings, rtl'));
    await popup.close();

    expect(problems).toEqual([]);
  });

  it('finds no serious or critical violation on the demo server’s pages and the popup’s scan screens', async () => {
    const { base } = site;
    const page = await h.newPage();
    const problems: string[] = [];
    const visit = async (path: string, screen: string) => {
      await page.goto(`${base}${path}`);
      problems.push(...await audit(page, screen));
    };
    await visit('/', 'home, signed out');
    await visit('/register', 'register');
    await page.type('input[name="name"]', 'Ada');
    await page.type('input[name="email"]', ADMIN.email);
    await page.type('input[name="password"]', ADMIN.password);
    await page.type('input[name="password_confirmation"]', ADMIN.password);
    await submit(page, 'Register');
    problems.push(...await audit(page, 'after registering'));
    // Admin rights need a verified address: open the mailed link (the outbox file stands in for e-mail).
    const mail = readFileSync(join(defaultMailDir(site.dataDir), 'outbox.log'), 'utf8');
    const link = /https?:\/\/\S+verify-email\S*/.exec(mail)?.[0];
    if (!link) throw new Error('no verification link mailed');
    await page.goto(link);
    problems.push(...await audit(page, 'verify e-mail'));
    await submit(page, 'Verify my e-mail address');
    await visit('/forgot-password', 'forgot password');
    await visit('/login', 'login');
    await page.type('input[name="email"]', ADMIN.email);
    await page.type('input[name="password"]', 'wrong password 1');
    await submit(page, 'Sign in');
    problems.push(...await audit(page, 'login, wrong password'));
    await typeInto(page, 'email', ADMIN.email);
    await typeInto(page, 'password', ADMIN.password);
    await submit(page, 'Sign in');
    await visit('/', 'home, signed in');
    await visit('/settings', 'settings');
    await submit(page, 'Enable two-factor authentication');
    if (new URL(page.url()).pathname === '/user/confirm-password') {
      problems.push(...await audit(page, 'confirm password'));
      await page.type('input[name="password"]', ADMIN.password);
      await submit(page, 'Confirm');
      if (!(await page.$('[data-testid="two-factor-secret"]'))) await submit(page, 'Enable two-factor authentication');
    }
    problems.push(...await audit(page, '2FA setup'));

    // The popup's scan of this page: the confirm screen, and the message when a tab has no QR code.
    const ext = await h.openPopupTab();
    await callFromPage(ext, 'createVault', { password: MASTER }).catch(() => undefined); // the other test may have made it
    await callFromPage(ext, 'unlock', { password: MASTER });
    await ext.close();
    const popup = await h.openActionPopup(page);
    await press(popup, 'Scan QR code');
    await popup.waitForSelector('::-p-aria(Issuer)');
    problems.push(...await audit(popup, 'popup: scan, confirm account'));
    await popup.close();

    const secret = (await page.$eval('[data-testid="two-factor-secret"]', (e) => e.textContent ?? '')).replace(/\s/g, '');
    await page.type('input[name="code"]', '000000');
    await submit(page, 'Confirm');
    problems.push(...await audit(page, '2FA setup, wrong code'));
    await page.type('input[name="code"]', await generateCode(totp('Keyfob Demo', ADMIN.email, secret), Date.now()));
    await submit(page, 'Confirm');
    await page.waitForSelector('ul.codes');
    problems.push(...await audit(page, 'recovery codes'));
    await visit('/settings', 'settings, 2FA on');
    await visit('/admin/users', 'admin: users');
    await visit('/admin/users/1', 'admin: user');

    const other = await h.newPage(`${base}/`);
    const noQr = await h.openActionPopup(other);
    await press(noQr, 'Scan QR code');
    await noQr.waitForSelector('[data-testid="scan-message"]');
    problems.push(...await audit(noQr, 'popup: scan, no QR code'));
    await noQr.close();
    await other.close();

    await submit(page, 'Sign out');
    await page.goto(`${base}/login`);
    await page.type('input[name="email"]', ADMIN.email);
    await page.type('input[name="password"]', ADMIN.password);
    await submit(page, 'Sign in');
    await page.waitForSelector('input[name="code"]');
    problems.push(...await audit(page, '2FA challenge'));
    await page.type('input[name="code"]', '000000');
    await submit(page, 'Verify');
    problems.push(...await audit(page, '2FA challenge, wrong code'));
    await visit('/two-factor-challenge?recovery=1', '2FA challenge, recovery code');

    expect(problems).toEqual([]);
  });

  it('finds no serious or critical violation in Keyfob\'s window: choosing the account, saving recovery codes', async () => {
    const ext = await h.openPopupTab();
    await callFromPage(ext, 'createVault', { password: MASTER }).catch(() => undefined); // another test may have made it
    await callFromPage(ext, 'unlock', { password: MASTER });
    // Two accounts bound to the lab's origin: a fill asks which, and a save asks into which.
    const sessions = [await lab.newSession(), await lab.newSession()];
    const origin = bindingFor(lab.url('127.0.0.1'));
    await callFromPage(ext, 'addAccounts', { drafts: sessions.map((s) => ({ account: s.account, origins: [origin] })) });
    await ext.close();
    const problems: string[] = [];
    const auditBothWays = async (page: Page, screen: string) => {
      problems.push(...await audit(page, screen));
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      problems.push(...await audit(page, `${screen}, dark`));
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
      await page.evaluate(() => { document.documentElement.dir = 'rtl'; });
      problems.push(...await audit(page, `${screen}, rtl`));
    };

    const challenge = await h.newPage(`${lab.url('127.0.0.1')}${sessions[0]!.base}/challenge/plain`);
    let opened = nextKeyfobPage(h);
    await clickKeyfobButton(challenge);
    const chooser = await opened;
    await chooser.waitForSelector('[role="list"] [role="listitem"] button');
    await auditBothWays(chooser, 'choose account');
    await chooser.close();
    await challenge.close();

    const codesPage = await h.newPage(`${lab.url('127.0.0.1')}${sessions[0]!.base}/recovery-codes`);
    opened = nextKeyfobPage(h);
    await clickKeyfobButton(codesPage);
    const saver = await opened;
    await waitForText(saver, '[data-testid="save-recovery-question"]', 'Save 8 recovery codes from');
    await auditBothWays(saver, 'save recovery codes');
    await saver.close();
    await codesPage.close();

    expect(problems).toEqual([]);
  });
});
