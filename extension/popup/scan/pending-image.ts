// Hand-off from the "Add to Keyfob" image context menu (background) to the popup, through
// chrome.storage.session so a worker restart in between loses nothing. Import-free on purpose:
// the background imports the key and type from here.

export const PENDING_IMAGE_KEY = 'keyfob.popup.pendingImage';

export interface PendingImageScan {
  /** The image's pixels as a data URL (read by the page or fetched by the worker). */
  dataUrl: string;
  /** The page the image was on: the scanned account is bound to its site. */
  pageUrl: string | null;
}
