// The one offscreen document Chromium lets an extension have at a time, shared by every job that needs one
// (emptying the clipboard, Argon2id): jobs run one after another, each in its own page, closed when it is done.

export interface OffscreenPage {
  path: string;
  reasons: chrome.offscreen.Reason[];
  justification: string;
}

let queue: Promise<unknown> = Promise.resolve();

export function hasOffscreenApi(): boolean {
  return typeof chrome !== 'undefined' && typeof chrome.offscreen?.createDocument === 'function';
}

/** Opens `page` (closing a leftover other page first), runs `job` while it is open, then closes it. */
export function withOffscreenDocument<T>(page: OffscreenPage, job: () => Promise<T>): Promise<T> {
  const run = queue.then(() => runIn(page, job), () => runIn(page, job));
  queue = run.catch(() => undefined);
  return run;
}

async function runIn<T>(page: OffscreenPage, job: () => Promise<T>): Promise<T> {
  const url = chrome.runtime.getURL(page.path);
  // A document left open (the worker stopped mid-job) is reused if it is this page, replaced if it is another.
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] });
  const reusable = open.some((c) => c.documentUrl === url);
  if (open.length > 0 && !reusable) await chrome.offscreen.closeDocument().catch(() => undefined);
  if (!reusable) await chrome.offscreen.createDocument({ url, reasons: page.reasons, justification: page.justification });
  try {
    return await job();
  } finally {
    await chrome.offscreen.closeDocument().catch(() => undefined);
  }
}
