// The one message the background sends to its offscreen clipboard page, and the page's answer.
import type { ClearOutcome } from './clipboard-dom.ts';

export interface ClearClipboardMessage { keyfobOffscreen: 'clear-clipboard-if-holds'; codeHash: string }
export interface ClearClipboardReply { outcome: ClearOutcome }

export function isClearClipboardMessage(raw: unknown): raw is ClearClipboardMessage {
  return typeof raw === 'object' && raw !== null
    && (raw as { keyfobOffscreen?: unknown }).keyfobOffscreen === 'clear-clipboard-if-holds'
    && typeof (raw as { codeHash?: unknown }).codeHash === 'string';
}
