// The one typed way the background talks to content scripts: a method of ContentApi, to one document (by its
// documentId where the browser has them) or one frame, or to every frame of a tab; the reply is checked, not trusted.
import type { ContentApi, ContentMethod, Envelope } from '../../messages.ts';

export type ContentTarget =
  | { tabId: number; documentId: string }
  | { tabId: number; frameId: number }
  | { tabId: number; allFrames: true };

function optionsFor(target: ContentTarget): chrome.tabs.MessageSendOptions | undefined {
  if ('documentId' in target) return { documentId: target.documentId };
  if ('frameId' in target) return { frameId: target.frameId };
  return undefined;
}

const REPLY_CHECKS: { [M in ContentMethod]: (value: unknown) => value is ContentApi[M]['res'] } = {
  contentPing: (v): v is ContentApi['contentPing']['res'] => typeof v === 'object' && v !== null
    && typeof (v as { href?: unknown }).href === 'string' && ['top', 'sub'].includes((v as { frame?: unknown }).frame as string),
  fillNow: (v): v is ContentApi['fillNow']['res'] => typeof v === 'object' && v !== null
    && typeof (v as { filled?: unknown }).filled === 'boolean',
};

/** Sends one command; null when no content script answered (gone, navigated, not injected) or the reply is malformed. */
export async function sendToContent<M extends ContentMethod>(
  target: ContentTarget, method: M, params: ContentApi[M]['req'],
): Promise<ContentApi[M]['res'] | null> {
  const message: Envelope = { keyfob: 1, method, params };
  const options = optionsFor(target);
  try {
    const reply: unknown = options ? await chrome.tabs.sendMessage(target.tabId, message, options)
      : await chrome.tabs.sendMessage(target.tabId, message);
    const value = typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true
      ? (reply as { value?: unknown }).value : undefined;
    return REPLY_CHECKS[method](value) ? value : null;
  } catch {
    return null;
  }
}

/** The target for a document: by documentId where the browser has one, else by frame (Firefox). */
export function documentTarget(doc: { tabId: number; frameId: number; documentId: string | null }): ContentTarget {
  return doc.documentId ? { tabId: doc.tabId, documentId: doc.documentId } : { tabId: doc.tabId, frameId: doc.frameId };
}
