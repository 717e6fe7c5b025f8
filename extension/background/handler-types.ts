// Types for background handlers: each method gets a validator (the sender may be compromised) and a body.
import type { BackgroundApi, ErrorCode, Method, RequestOf, ResponseOf, SenderKind } from '../messages.ts';
import { CodedError } from '../../src/shared/coded-error.ts';

export interface SenderContext {
  kind: SenderKind;
  /**
   * Origin of the page or frame that sent it, as the browser reports it: an http(s) origin, or null for extension pages,
   * opaque (sandboxed) documents and other schemes, which are no site at all.
   */
  origin: string | null;
  url: string | null;
  tabId: number | null;
  frameId: number | null;
  /** The browser's id of the sending document (Chromium); null where the browser has none (Firefox). */
  documentId: string | null;
}

export interface HandlerSpec<M extends Method> {
  /** Which senders may call it: content scripts run inside hostile pages, so most methods are popup-only. */
  allow: readonly SenderKind[];
  /** Turns raw input into a typed request or throws a HandlerError('invalid_request'). */
  parse(raw: unknown): RequestOf<M>;
  run(req: RequestOf<M>, ctx: SenderContext): Promise<ResponseOf<M>>;
}

export type HandlerTable<K extends Method = Method> = { [M in K]: HandlerSpec<M> };
export type AllHandlers = HandlerTable<keyof BackgroundApi>;

/** A refusal a handler sends back: one of the message contract's codes, which the popup words (error-text.ts). */
export class HandlerError extends CodedError<ErrorCode> {
  override name = 'HandlerError';
}

export function expectObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new HandlerError('invalid_request', 'Expected an object');
  }
  return raw as Record<string, unknown>;
}

export function expectString(obj: Record<string, unknown>, key: string, maxLength = 4096): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.length > maxLength) {
    throw new HandlerError('invalid_request', `Field "${key}" must be a string of at most ${maxLength} characters`);
  }
  return v;
}

/** A tab id an extension page names (Keyfob's window acting for a tab). */
export function expectTabId(obj: Record<string, unknown>): number {
  const v = obj.tabId;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new HandlerError('invalid_request', 'Field "tabId" must be a tab id');
  return v;
}
