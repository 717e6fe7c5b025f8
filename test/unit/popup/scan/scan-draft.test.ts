// A scanned page's favicon goes only on an account bound to that page's own origin.
import { describe, expect, it } from 'vitest';
import { scanDraft } from '../../../../extension/popup/scan/scan-draft.ts';
import type { OtpAccount } from '../../../../src/shared/index.ts';

const account: OtpAccount = { type: 'totp', issuer: 'Demo', account: 'ivy', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
const data = 'data:image/png;base64,iVBORw0KGgo=';
const binding = { origins: ['https://demo.example', 'https://frame.example'], shownBy: null, siteIcon: { origin: 'https://demo.example', data } };

describe('scanDraft', () => {
  it('attaches the page icon when the account is bound to the page that was scanned', () => {
    expect(scanDraft(account, 'https://demo.example', binding)).toEqual({ account, origins: ['https://demo.example'], icon: { kind: 'site', data } });
  });

  it('leaves it off for an account bound to a frame of another origin, or to no site', () => {
    expect(scanDraft(account, 'https://frame.example', binding)).toEqual({ account, origins: ['https://frame.example'] });
    expect(scanDraft(account, null, binding)).toEqual({ account, origins: [] });
    expect(scanDraft(account, 'https://demo.example', { origins: ['https://demo.example'], shownBy: 'https://demo.example' }))
      .toEqual({ account, origins: ['https://demo.example'] });
  });
});
