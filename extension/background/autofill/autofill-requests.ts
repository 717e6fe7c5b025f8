// Checks of what reaches the autofill methods: the fields a content script or Keyfob's window sent, turned into typed
// requests or refused, and the asking document taken from the browser's view of the sender, never from the page.
import type { FieldKind, FillTrigger, RequestOf } from '../../messages.ts';
import type { SenderContext } from '../handler-types.ts';
import { expectObject, expectString, expectTabId, HandlerError } from '../handler-types.ts';
import type { AskingDocument } from './pending-fills.ts';

const FIELD_KINDS: readonly FieldKind[] = ['totp', 'recovery'];
const TRIGGERS: readonly FillTrigger[] = ['auto', 'click', 'command', 'unlocked', 'added', 'chosen', 'refill'];
/** Deeper than any real page nests frames; a longer chain is refused rather than read. */
const MAX_ANCESTORS = 32;
const MAX_PASSWORD = 1024;

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  const v = obj[key];
  const found = allowed.find((a) => a === v);
  if (!found) throw new HandlerError('invalid_request', `Field "${key}" must be one of ${allowed.join(', ')}`);
  return found;
}

/** The ancestor chain the asking content script read from the browser: origins (or 'null'), nearest parent first. */
function expectAncestors(obj: Record<string, unknown>): string[] {
  const raw = obj.ancestors ?? [];
  if (!Array.isArray(raw) || raw.length > MAX_ANCESTORS || !raw.every((a) => typeof a === 'string' && a.length <= 300)) {
    throw new HandlerError('invalid_request', `Field "ancestors" must be at most ${MAX_ANCESTORS} origins`);
  }
  return raw as string[];
}

export function parseCodeForField(raw: unknown): RequestOf<'codeForField'> {
  const obj = expectObject(raw);
  return { fieldKind: oneOf(obj, 'fieldKind', FIELD_KINDS), trigger: oneOf(obj, 'trigger', TRIGGERS), ancestors: expectAncestors(obj) };
}

/** Keyfob's window asking about the page in one tab. */
export function parseTabRequest(raw: unknown): { tabId: number } {
  return { tabId: expectTabId(expectObject(raw)) };
}

export function parseChoosePendingFill(raw: unknown): RequestOf<'choosePendingFill'> {
  const obj = expectObject(raw);
  const accountId = obj.accountId;
  if (typeof accountId !== 'string' || accountId.length > 128) throw new HandlerError('invalid_request', 'Field "accountId" must be an id');
  const origin = obj.origin;
  if (typeof origin !== 'string' || origin.length > 300) throw new HandlerError('invalid_request', 'Field "origin" must be the origin shown');
  const masterPassword = obj.masterPassword === undefined ? undefined : expectString(obj, 'masterPassword', MAX_PASSWORD);
  return { tabId: expectTabId(obj), origin, accountId, linkSite: obj.linkSite === true, masterPassword };
}

/** The asking document from the browser's view of the sender, never from anything the page sent; null: no origin. */
export function askingDocument(ctx: SenderContext): AskingDocument | null {
  if (!ctx.origin || ctx.tabId === null) return null;
  return { tabId: ctx.tabId, frameId: ctx.frameId ?? 0, documentId: ctx.documentId, origin: ctx.origin };
}
