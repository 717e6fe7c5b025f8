// The "Add to Keyfob" item on images: reads the clicked image's pixels and hands them to the popup,
// which decodes the QR code and asks for confirmation. Nothing is kept in worker variables.
import { PENDING_IMAGE_KEY, type PendingImageScan } from '../image-handoff.ts';
import { t } from '../i18n.ts';
import { openKeyfobWindow } from './platform/keyfob-window.ts';
import { sessionStore } from './platform/session-store.ts';

const MENU_ID = 'keyfob-add-image';
const MAX_IMAGE_BYTES = 6 * 1024 * 1024; // base64 grows it by a third; session storage holds 10 MB

/** Runs inside the page (activeTab, granted by the click): the image as a PNG data URL, or null if cross-origin. */
function readImageInPage(src: string): string | null {
  const img = Array.from(document.images).find((i) => i.currentSrc === src || i.src === src);
  if (!img || !img.complete || img.naturalWidth === 0) return null;
  // Session storage holds at most 10 MB: big photos are shrunk, which a QR code survives.
  const scale = Math.min(1, 2048 / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  try { return canvas.toDataURL('image/png'); } catch { return null; }
}

async function fetchAsDataUrl(src: string): Promise<string | null> {
  try {
    const res = await fetch(src, { credentials: 'include' });
    const blob = await res.blob();
    if (!res.ok || blob.size > MAX_IMAGE_BYTES || !blob.type.startsWith('image/')) return null;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `data:${blob.type};base64,${btoa(binary)}`;
  } catch {
    return null;
  }
}

async function readClickedImage(src: string, tabId: number | undefined, frameId: number | undefined): Promise<string | null> {
  if (src.startsWith('data:image/')) return src;
  if (tabId !== undefined) {
    try {
      const [first] = await chrome.scripting.executeScript({
        target: { tabId, frameIds: [frameId ?? 0] },
        func: readImageInPage,
        args: [src],
      });
      if (typeof first?.result === 'string') return first.result;
    } catch { /* the page refused scripting; try fetching the image instead */ }
  }
  return fetchAsDataUrl(src);
}

/**
 * What the popup gets for a clicked image: the frame that showed it decides the binding, not the page around it (a
 * cross-site frame is another site); the top page goes along so the popup can offer both when they differ.
 */
export function imageHandoff(info: { frameUrl?: string; pageUrl?: string }, tabUrl: string | undefined, dataUrl: string | null): PendingImageScan {
  const pageUrl = info.pageUrl ?? tabUrl ?? null;
  // Without pixels the popup still opens and says so, rather than the click doing nothing.
  return { dataUrl: dataUrl ?? 'data:,', frameUrl: info.frameUrl ?? pageUrl, pageUrl };
}

async function addImage(info: chrome.contextMenus.OnClickData, tab: chrome.tabs.Tab | undefined): Promise<void> {
  if (!info.srcUrl) return;
  const dataUrl = await readClickedImage(info.srcUrl, tab?.id, info.frameId);
  await sessionStore.set(PENDING_IMAGE_KEY, imageHandoff(info, tab?.url, dataUrl));
  await openKeyfobWindow(null);
}

/** Registers the menu item and its click listener; called once when the worker script starts. */
export function installImageContextMenu(): void {
  chrome.runtime.onInstalled.addListener(() => {
    chrome.contextMenus.create({ id: MENU_ID, title: t('contextMenuAddImage'), contexts: ['image'] }, () => void chrome.runtime.lastError);
  });
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID) void addImage(info, tab);
  });
}
