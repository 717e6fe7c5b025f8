// Hand-off from the "Add to Keyfob" image context menu (background) to the popup, through
// chrome.storage.session so a worker restart in between loses nothing. Shared by both sides, so it lives
// outside extension/popup/ and extension/background/.
import { SESSION_KEYS } from './session-keys.ts';

export const PENDING_IMAGE_KEY = SESSION_KEYS.pendingImage;

export interface PendingImageScan {
  /** The image's pixels as a data URL (read by the page or fetched by the worker). */
  dataUrl: string;
  /** The frame the image was shown in: the scanned account is bound to its origin. */
  frameUrl: string | null;
  /** The top page of the tab, offered next to the frame's origin when they differ. */
  pageUrl: string | null;
}
