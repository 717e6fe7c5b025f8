// Reads and empties the clipboard from a document without focus (offscreen page, Firefox event page) via execCommand.
import { sha256Hex } from '../../src/shared/text-digest.ts';

export type ClearOutcome = 'cleared' | 'not-ours' | 'failed';

// navigator.clipboard needs a focused document, which an offscreen or background page never is; execCommand
// works there because the extension holds clipboardRead / clipboardWrite.
function readClipboardText(): string | null {
  const area = document.createElement('textarea');
  document.body.append(area);
  let pasted: string | null = null;
  const onPaste = (e: ClipboardEvent) => {
    pasted = e.clipboardData?.getData('text/plain') ?? null;
  };
  document.addEventListener('paste', onPaste, true);
  try {
    area.focus();
    if (!document.execCommand('paste')) return null;
    return pasted ?? area.value;
  } finally {
    document.removeEventListener('paste', onPaste, true);
    area.remove();
  }
}

function writeEmptyText(): boolean {
  // A copy with nothing selected still fires "copy"; filling clipboardData ourselves replaces what was there.
  const onCopy = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', '');
    e.preventDefault();
  };
  document.addEventListener('copy', onCopy, true);
  try {
    return document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy, true);
  }
}

/** Empties the clipboard only if it still holds the text whose SHA-256 is `codeHash`; anything else is left alone. */
export async function clearClipboardIfHolds(codeHash: string): Promise<ClearOutcome> {
  const text = readClipboardText();
  if (text === null) return 'failed';
  // The popup copies the bare digits; a paste may come back with a trailing newline on some platforms.
  if ((await sha256Hex(text.trim())) !== codeHash) return 'not-ours';
  return writeEmptyText() ? 'cleared' : 'failed';
}
