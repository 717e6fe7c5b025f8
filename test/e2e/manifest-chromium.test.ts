// The one manifest both browsers load, as Chromium reads it: which keys it warns about, and that the worker still runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Harness } from './harness.ts';

interface ManifestWarning { manifestKey?: string; message: string }
/** The private API behind chrome://extensions (not in @types/chrome); only that page may call it. */
interface DeveloperPrivate {
  updateProfileConfiguration(update: { inDeveloperMode: boolean }, done: () => void): void;
  getExtensionInfo(id: string, done: (info: { installWarnings: string[]; manifestErrors: ManifestWarning[] }) => void): void;
}

describe('the combined manifest in Chromium', () => {
  let h: Harness;
  beforeAll(async () => { h = await launchWithExtension(); });
  afterAll(async () => { await h?.close(); });

  it('warns only that background.scripts (Firefox\'s key) is for MV2, and runs the service worker that answers', async () => {
    const page = await h.newPage('chrome://extensions');
    // chrome://extensions reports manifest warnings once developer mode is on, as a developer loading the folder sees them.
    const warnings = await page.evaluate((id) => new Promise<ManifestWarning[]>((done) => {
      const api = (chrome as unknown as { developerPrivate: DeveloperPrivate }).developerPrivate;
      api.updateProfileConfiguration({ inDeveloperMode: true }, () => {
        api.getExtensionInfo(id, (info) => done([...info.installWarnings.map((message) => ({ message })), ...info.manifestErrors]));
      });
    }), h.extensionId);
    expect(warnings.map((w) => w.message)).toEqual(["'background.scripts' requires manifest version of 2 or lower."]);

    const popup = await h.openPopupTab();
    const reply = await popup.evaluate(() => chrome.runtime.sendMessage({ keyfob: 1, method: 'ping', params: { nonce: 'combined' } }));
    expect(reply).toEqual({ ok: true, value: { nonce: 'combined', from: 'background', senderKind: 'extension-page' } });
  });
});
