// The one typed request/response contract between the extension's parts; validated where received.

/** Every method the background answers: its request and its response. */
export interface BackgroundApi {
  /** Health check used by the harness and by the popup on open. */
  ping: { req: { nonce: string }; res: { nonce: string; from: 'background'; senderKind: SenderKind } };
  // ── vault, accounts, settings, import/export (issue 4) ──
  // ── autofill (issue 5) ──
}

export type Method = keyof BackgroundApi;
export type RequestOf<M extends Method> = BackgroundApi[M]['req'];
export type ResponseOf<M extends Method> = BackgroundApi[M]['res'];

export type ErrorCode =
  | 'invalid_request'
  | 'forbidden'
  | 'internal';

export interface ErrorInfo { code: ErrorCode | string; message: string }
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Who sent a message, as the background establishes it from the browser (never from the payload). */
export type SenderKind = 'extension-page' | 'content-script';

export interface Envelope { keyfob: 1; method: string; params: unknown }

export function isEnvelope(raw: unknown): raw is Envelope {
  return typeof raw === 'object' && raw !== null && (raw as { keyfob?: unknown }).keyfob === 1
    && typeof (raw as { method?: unknown }).method === 'string';
}

/** A failed call, carrying the background's error code for the UI to turn into words. */
export class BackgroundError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'BackgroundError';
  }
}

interface RuntimeLike { runtime: { sendMessage(message: unknown): Promise<unknown> } }

// Content scripts must stay tiny, so this uses the promise-returning runtime both browsers expose
// instead of importing webextension-polyfill.
function runtime(): RuntimeLike['runtime'] {
  const g = globalThis as unknown as { browser?: RuntimeLike; chrome?: RuntimeLike };
  const api = g.browser ?? g.chrome;
  if (!api) throw new BackgroundError('internal', 'Not running inside the extension');
  return api.runtime;
}

/** Calls one background method and unwraps its Reply. */
export async function callBackground<M extends Method>(method: M, params: RequestOf<M>): Promise<ResponseOf<M>> {
  const envelope: Envelope = { keyfob: 1, method, params };
  const reply = (await runtime().sendMessage(envelope)) as Reply<ResponseOf<M>> | undefined;
  if (!reply) throw new BackgroundError('internal', 'Keyfob did not answer; try again');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
  return reply.value;
}
