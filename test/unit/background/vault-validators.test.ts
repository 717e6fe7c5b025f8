// The shapes addAccounts, importAccounts and updateAccount accept: closed, bounded, and groups in their normal form.
import { describe, expect, it } from 'vitest';
import { HandlerError } from '../../../extension/background/handler-types.ts';
import { expectDraft, expectDrafts, expectPatch } from '../../../extension/background/handlers/vault-validators.ts';
import { pngBytes, pngDataUrl } from '../shared/icon-fixtures.ts';

const account = { type: 'totp', issuer: 'Example', account: 'ada', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

function refusal(parse: () => unknown): string | null {
  try { parse(); return null; } catch (e) { return e instanceof HandlerError ? e.code : 'other'; }
}

describe('account draft validation', () => {
  it('accepts groups and a favourite flag, and hands the groups on trimmed and without repeats', () => {
    const draft = expectDraft({ account, groups: [' Work', 'Bank', 'Work ', ''], favourite: true });
    expect([draft.groups, draft.favourite]).toEqual([['Work', 'Bank'], true]);
  });

  it('leaves both out when the draft does not name them', () => {
    const draft = expectDraft({ account });
    expect([draft.groups, draft.favourite]).toEqual([undefined, undefined]);
  });

  it('refuses groups that are not a list of short names, or too many of them', () => {
    for (const groups of ['Work', [1], [null], ['x'.repeat(65)], Array.from({ length: 33 }, (_, i) => `g${i}`), { 0: 'Work' }]) {
      expect(refusal(() => expectDraft({ account, groups }))).toBe('invalid_request');
    }
  });

  it('refuses a favourite that is not true or false', () => {
    for (const favourite of ['true', 1, null, {}]) expect(refusal(() => expectDraft({ account, favourite }))).toBe('invalid_request');
  });

  it('refuses a field the contract does not name, in a draft and in a batch', () => {
    expect(refusal(() => expectDraft({ account, pinned: true }))).toBe('invalid_request');
    expect(refusal(() => expectDrafts({ drafts: [{ account }, { account, secret: 'JBSWY3DPEHPK3PXP' }] }))).toBe('invalid_request');
  });
});

describe('account patch validation', () => {
  it('lets an edit change the groups and the favourite flag alone', () => {
    expect(expectPatch({ favourite: false })).toMatchObject({ favourite: false, groups: undefined, notes: undefined });
    expect(expectPatch({ groups: [] })).toMatchObject({ groups: [], favourite: undefined });
    expect(expectPatch({ groups: ['Bank ', 'Bank'] }).groups).toEqual(['Bank']);
  });

  it('refuses bad groups, a non-boolean favourite and fields an edit may not change', () => {
    expect(refusal(() => expectPatch({ groups: ['x'.repeat(65)] }))).toBe('invalid_request');
    expect(refusal(() => expectPatch({ favourite: 'yes' }))).toBe('invalid_request');
    expect(refusal(() => expectPatch({ secret: 'JBSWY3DPEHPK3PXP' }))).toBe('invalid_request');
    expect(refusal(() => expectPatch({ counter: 0 }))).toBe('invalid_request');
  });
});

describe('account icon validation', () => {
  it('accepts a captured site icon on a draft, and a brand, none or automatic (null) on an edit', () => {
    const site = { kind: 'site', data: pngDataUrl(32, 32) };
    expect(expectDraft({ account, icon: site }).icon).toEqual(site);
    expect(expectPatch({ icon: { kind: 'brand', slug: 'github' } }).icon).toEqual({ kind: 'brand', slug: 'github' });
    expect(expectPatch({ icon: { kind: 'none' } }).icon).toEqual({ kind: 'none' });
    expect(expectPatch({ icon: null }).icon).toBeNull();
    expect(expectPatch({ notes: '' }).icon).toBeUndefined();
  });

  it('refuses an SVG, a remote URL, a big or noisy image and a null icon on a draft', () => {
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`;
    const noisy = `data:image/png;base64,${pngBytes(60, 60, true).toString('base64')}`;
    for (const data of [svg, 'https://tracker.example/icon.png', pngDataUrl(256, 256), noisy]) {
      expect(refusal(() => expectDraft({ account, icon: { kind: 'site', data } }))).toBe('invalid_request');
      expect(refusal(() => expectPatch({ icon: { kind: 'site', data } }))).toBe('invalid_request');
    }
    expect(refusal(() => expectDraft({ account, icon: null }))).toBe('invalid_request');
    expect(refusal(() => expectPatch({ icon: { kind: 'brand', slug: 'Not A Slug' } }))).toBe('invalid_request');
  });
});
