// The extension's refusals share the one coded-error base, and the router sends any coded error's code to the caller.
import { describe, expect, it } from 'vitest';
import { CodedError, isCodedError } from '../../../src/shared/coded-error.ts';
import { parseOtpauthUri } from '../../../src/shared/otpauth.ts';
import { BackgroundError } from '../../../extension/messages.ts';
import { HandlerError, type AllHandlers, type SenderContext } from '../../../extension/background/handler-types.ts';
import { route } from '../../../extension/background/router.ts';
import { SyncBackendError } from '../../../extension/background/sync/backend.ts';
import { openKeyBundle } from '../../../extension/background/sync/key-bundle.ts';
import { parseXml } from '../../../extension/background/sync/webdav-xml.ts';
import { VaultError } from '../../../extension/background/vault/errors.ts';

function thrown(work: () => unknown): unknown {
  try { work(); } catch (err) { return err; }
  throw new Error('expected a throw');
}

async function rejected(work: Promise<unknown>): Promise<unknown> {
  try { await work; } catch (err) { return err; }
  throw new Error('expected a rejection');
}

describe('the extension\'s errors', () => {
  it('are CodedErrors, each keeping its own name and code', async () => {
    const cases: [unknown, string, string][] = [
      [new HandlerError('invalid_request', 'Expected an object'), 'HandlerError', 'invalid_request'],
      [new VaultError('not_found', 'No such account'), 'VaultError', 'not_found'],
      [new BackgroundError('no_answer', 'Keyfob did not answer; try again'), 'BackgroundError', 'no_answer'],
      [new SyncBackendError('quota', 'The server is out of space (507)'), 'SyncBackendError', 'quota'],
      [await rejected(openKeyBundle('not json', 'master password', 'kit')), 'KeyBundleError', 'malformed'],
      [thrown(() => parseXml('<a><b></a>')), 'XmlError', 'malformed-xml'],
    ];
    for (const [err, name, code] of cases) {
      expect(isCodedError(err)).toBe(true);
      expect(err).toBeInstanceOf(Error);
      expect((err as CodedError).name).toBe(name);
      expect((err as CodedError).code).toBe(code);
      expect((err as CodedError).message.length).toBeGreaterThan(0);
    }
  });

  it('keep what only some of them carry: the vault\'s reason, the reply\'s reason as received', () => {
    expect(new VaultError('weak_password', 'Too short', { code: 'password-too-short', min: 8 }).reason).toEqual({ code: 'password-too-short', min: 8 });
    expect(new BackgroundError('invalid_backup', 'Damaged', { code: 'backup-damaged' }).reason).toEqual({ code: 'backup-damaged' });
  });
});

const page: SenderContext = { kind: 'extension-page', origin: null, url: 'chrome-extension://x/popup.html', tabId: null, frameId: null, documentId: null };
const content: SenderContext = { kind: 'content-script', origin: 'https://example.com', url: 'https://example.com/', tabId: 3, frameId: 0, documentId: 'doc-1' };

/** A one-method table whose handler throws `err`, reachable from every sender. */
function throwing(err: () => unknown): AllHandlers {
  const spec = { allow: ['extension-page', 'content-script'], parse: () => ({}), run: async () => { throw err(); } };
  return { lock: spec } as unknown as AllHandlers;
}

async function replyTo(err: () => unknown, ctx: SenderContext = page): Promise<unknown> {
  return route(throwing(err), { keyfob: 1, method: 'lock', params: {} }, ctx);
}

describe('route with a throwing handler', () => {
  it('replies with the code and message of a coded error of any layer', async () => {
    expect(await replyTo(() => new SyncBackendError('offline', 'The server cannot be reached')))
      .toEqual({ ok: false, error: { code: 'offline', message: 'The server cannot be reached' } });
    expect(await replyTo(() => new HandlerError('sync_quota', 'Out of space')))
      .toEqual({ ok: false, error: { code: 'sync_quota', message: 'Out of space' } });
    // A shared parser's refusal that escaped a handler keeps its own code; the popup words it as unknown.
    const parserError = thrown(() => parseOtpauthUri('https://example.com'));
    expect(await replyTo(() => parserError)).toEqual({ ok: false, error: { code: 'not-otpauth', message: (parserError as Error).message } });
  });

  it('sends a vault refusal\'s reason with it, and no reason key for a vault error without one', async () => {
    expect(await replyTo(() => new VaultError('weak_password', 'Too short', { code: 'password-too-short', min: 8 })))
      .toEqual({ ok: false, error: { code: 'weak_password', message: 'Too short', reason: { code: 'password-too-short', min: 8 } } });
    expect(await replyTo(() => new VaultError('locked', 'Unlock first'))).toStrictEqual({ ok: false, error: { code: 'locked', message: 'Unlock first' } });
  });

  it('turns a TypeError into the generic internal error, to a page as to the popup', async () => {
    const generic = { ok: false, error: { code: 'internal', message: 'Something went wrong inside Keyfob' } };
    const bug = () => new TypeError('Cannot read properties of undefined (reading \'secret\')');
    expect(await replyTo(bug)).toEqual(generic);
    expect(await replyTo(bug, content)).toEqual(generic);
  });

  it('does not trust an error that merely has a code: only a CodedError is a refusal', async () => {
    const forged = () => Object.assign(new Error('JBSWY3DPEHPK3PXP'), { code: 'wrong_password' });
    expect(await replyTo(forged, content)).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong inside Keyfob' } });
  });
});
