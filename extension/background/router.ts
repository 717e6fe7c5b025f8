// Routes one incoming message to its handler after checking who sent it and what it carries.
import { isEnvelope, type Reply } from '../messages.ts';
import { isCodedError } from '../../src/shared/coded-error.ts';
import { originOfUrl } from '../../src/shared/origin.ts';
import type { AllHandlers, SenderContext } from './handler-types.ts';
import { VaultError } from './vault/errors.ts';

export interface RawSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
  documentId?: string;
}

/** Establishes the sender from what the browser says, never from the payload. */
export function describeSender(sender: RawSender, extensionId: string, extensionOrigin: string): SenderContext | null {
  if (sender.id !== extensionId) return null;
  const url = sender.url ?? null;
  const isExtensionPage = url !== null && url.startsWith(extensionOrigin);
  const where = { url, tabId: sender.tab?.id ?? null, frameId: sender.frameId ?? null, documentId: sender.documentId ?? null };
  if (isExtensionPage) return { kind: 'extension-page', origin: null, ...where };
  // The browser's origin wins over the URL: a sandboxed document keeps its URL but its origin is opaque ('null'), and
  // it is no site. Only a browser that reports no origin at all falls back to the URL.
  const origin = sender.origin !== undefined ? originOfUrl(sender.origin) : originOfUrl(url);
  return { kind: 'content-script', origin, ...where };
}

export async function route(handlers: AllHandlers, raw: unknown, ctx: SenderContext | null): Promise<Reply<unknown>> {
  if (!ctx) return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
  if (!isEnvelope(raw) || !Object.hasOwn(handlers, raw.method)) {
    return { ok: false, error: { code: 'invalid_request', message: 'Unknown message' } };
  }
  const spec = handlers[raw.method as keyof AllHandlers] as AllHandlers[keyof AllHandlers];
  if (!spec.allow.includes(ctx.kind)) {
    return { ok: false, error: { code: 'forbidden', message: 'Not allowed from here' } };
  }
  try {
    const req = spec.parse(raw.params);
    // The table is keyed by method, so req and run belong together; TS cannot see that through the union.
    const value = await (spec.run as (r: unknown, c: SenderContext) => Promise<unknown>)(req, ctx);
    return { ok: true, value };
  } catch (err) {
    // A refusal of any layer (handler, vault, sync, shared parser) reaches the caller with its code and English
    // message; only the vault's own errors carry a typed reason, which the structured clone takes as plain data.
    if (err instanceof VaultError && err.reason) return { ok: false, error: { code: err.code, message: err.message, reason: err.reason } };
    if (isCodedError(err)) return { ok: false, error: { code: err.code, message: err.message } };
    // Anything else is a bug or a browser failure: its details (and anything secret they might carry) stay in the worker.
    console.error('keyfob: handler failed', raw.method, err instanceof Error ? err.name : typeof err);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Keyfob' } };
  }
}
