// The importAccounts handler takes drafts only from extension pages and checks them as addAccounts does.
import { describe, expect, it } from 'vitest';
import { importHandlers } from '../../../extension/background/handlers/import.ts';
import { HandlerError } from '../../../extension/background/handler-types.ts';

const spec = importHandlers.importAccounts;
const account = { type: 'totp', issuer: 'Example', account: 'ada', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

function refusal(raw: unknown): string | null {
  try { spec.parse(raw); return null; } catch (e) { return e instanceof HandlerError ? e.code : 'other'; }
}

describe('importAccounts handler', () => {
  it('is for extension pages only: a content script (a page) may never add accounts', () => {
    expect(spec.allow).toEqual(['extension-page']);
  });

  it('accepts drafts with an optional note and bound origin, and names the source app', () => {
    const parsed = spec.parse({ source: 'Aegis', drafts: [{ account, notes: 'n', origins: ['https://example.com/login'] }, { account: { ...account, type: 'steam', digits: 5 } }] });
    expect(parsed.source).toBe('Aegis');
    expect(parsed.drafts.map((d) => [d.account.type, d.origins, d.notes])).toEqual([['totp', ['https://example.com'], 'n'], ['steam', undefined, undefined]]);
  });

  it('passes each entry\'s groups and favourite on to the vault, in their normal form', () => {
    const parsed = spec.parse({ source: 'Aegis', drafts: [{ account, groups: ['Work ', 'Bank'], favourite: true }, { account, favourite: false }] });
    expect(parsed.drafts.map((d) => [d.groups, d.favourite])).toEqual([[['Work', 'Bank'], true], [undefined, false]]);
    expect(refusal({ source: 'x', drafts: [{ account, groups: Array.from({ length: 33 }, (_, i) => `g${i}`) }] })).toBe('invalid_request');
  });

  it('refuses a missing source, a non-web origin, fields of the wrong kind and more than 5,000 drafts', () => {
    expect(refusal({ drafts: [{ account }] })).toBe('invalid_request');
    expect(refusal({ source: ' ', drafts: [{ account }] })).toBe('invalid_request');
    expect(refusal({ source: 'x', drafts: [{ account, origins: ['javascript:alert(1)'] }] })).toBe('invalid_request');
    expect(refusal({ source: 'x', drafts: [{ account: { ...account, digits: '6' } }] })).toBe('invalid_request');
    expect(refusal({ source: 'x', drafts: Array.from({ length: 5001 }, () => ({ account })) })).toBe('invalid_request');
  });
});
