// The router is the receiving end of every message: it must refuse what it cannot vouch for.
import { describe, expect, it } from 'vitest';
import { describeSender, route } from '../../../extension/background/router.ts';
import { HandlerError, expectObject, expectString, type AllHandlers, type SenderContext } from '../../../extension/background/handler-types.ts';
import { VaultError } from '../../../extension/background/vault/errors.ts';
import { judgePassword } from '../../../src/shared/password-policy.ts';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;

const ping = {
  allow: ['extension-page', 'content-script'],
  parse: (raw: unknown) => ({ nonce: expectString(expectObject(raw), 'nonce', 8) }),
  run: async (req: { nonce: string }, ctx: SenderContext) => ({ nonce: req.nonce, from: 'background', senderKind: ctx.kind }),
};
const popupOnly = {
  allow: ['extension-page'],
  parse: () => ({}),
  run: async () => { throw new HandlerError('locked', 'Unlock first'); },
};
const crashing = {
  allow: ['extension-page'],
  parse: () => ({}),
  run: async () => { throw new Error('secret JBSW… leaked?'); },
};
const refusing = {
  allow: ['extension-page'],
  parse: () => ({}),
  run: async () => {
    const verdict = judgePassword('password123');
    throw verdict.ok ? new Error('accepted') : new VaultError('weak_password', verdict.reason, verdict.why);
  },
};
// The real table has many more methods; the router only needs the ones a test calls.
const handlers = { ping, getStatus: popupOnly, lock: crashing, createVault: refusing } as unknown as AllHandlers;

const page: SenderContext = { kind: 'extension-page', origin: null, url: `${EXT_ORIGIN}/popup.html`, tabId: null, frameId: null, documentId: null };
const content: SenderContext = { kind: 'content-script', origin: 'https://example.com', url: 'https://example.com/', tabId: 3, frameId: 0, documentId: 'doc-1' };

describe('describeSender', () => {
  it('recognises the extension\'s own pages', () => {
    expect(describeSender({ id: EXT_ID, url: `${EXT_ORIGIN}/extension/popup/index.html` }, EXT_ID, EXT_ORIGIN)?.kind).toBe('extension-page');
  });

  it('takes a content script\'s origin from the browser, not the payload', () => {
    const ctx = describeSender({ id: EXT_ID, url: 'https://a.example.com/login', origin: 'https://a.example.com', tab: { id: 7 }, frameId: 2, documentId: 'D7' }, EXT_ID, EXT_ORIGIN);
    expect(ctx).toEqual({ kind: 'content-script', origin: 'https://a.example.com', url: 'https://a.example.com/login', tabId: 7, frameId: 2, documentId: 'D7' });
  });

  it('gives a sandboxed (opaque-origin) document no origin, whatever its URL says', () => {
    const ctx = describeSender({ id: EXT_ID, url: 'https://bank.example/frame', origin: 'null', tab: { id: 7 }, frameId: 3 }, EXT_ID, EXT_ORIGIN);
    expect(ctx?.kind).toBe('content-script');
    expect(ctx?.origin).toBeNull();
    // Nor do documents of other schemes.
    expect(describeSender({ id: EXT_ID, url: 'data:text/html,x', tab: { id: 7 } }, EXT_ID, EXT_ORIGIN)?.origin).toBeNull();
  });

  it('derives the origin from the URL when the browser gives none', () => {
    expect(describeSender({ id: EXT_ID, url: 'http://127.0.0.1:8080/x', tab: { id: 1 } }, EXT_ID, EXT_ORIGIN)?.origin).toBe('http://127.0.0.1:8080');
  });

  it('refuses messages from other extensions', () => {
    expect(describeSender({ id: 'someoneelse', url: `${EXT_ORIGIN}/x` }, EXT_ID, EXT_ORIGIN)).toBeNull();
  });
});

describe('route', () => {
  it('answers a valid request', async () => {
    expect(await route(handlers, { keyfob: 1, method: 'ping', params: { nonce: 'x' } }, page))
      .toEqual({ ok: true, value: { nonce: 'x', from: 'background', senderKind: 'extension-page' } });
  });

  it('refuses unknown senders, unknown methods and prototype keys', async () => {
    expect(await route(handlers, { keyfob: 1, method: 'ping', params: { nonce: 'x' } }, null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await route(handlers, { keyfob: 1, method: 'exportEverything', params: {} }, page)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await route(handlers, { keyfob: 1, method: 'constructor', params: {} }, page)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await route(handlers, 'ping', page)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses popup-only methods from content scripts', async () => {
    expect(await route(handlers, { keyfob: 1, method: 'getStatus', params: {} }, content)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('rejects malformed parameters with invalid_request', async () => {
    expect(await route(handlers, { keyfob: 1, method: 'ping', params: { nonce: 'far too long' } }, page)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await route(handlers, { keyfob: 1, method: 'ping', params: null }, page)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('passes typed errors through and hides unexpected ones', async () => {
    expect(await route(handlers, { keyfob: 1, method: 'getStatus', params: {} }, page)).toEqual({ ok: false, error: { code: 'locked', message: 'Unlock first' } });
    const hidden = await route(handlers, { keyfob: 1, method: 'lock', params: {} }, page);
    expect(hidden).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong inside Keyfob' } });
  });

  it('passes a refusal\'s reason with its code and English message, for the popup to word', async () => {
    expect(await route(handlers, { keyfob: 1, method: 'createVault', params: {} }, page)).toEqual({
      ok: false,
      error: { code: 'weak_password', message: 'This password is too common', reason: { code: 'password-too-common' } },
    });
  });
});
