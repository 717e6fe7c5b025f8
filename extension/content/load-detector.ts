// Loads the detector (detector.ts) into this isolated world, once, when the page first needs it. A web-accessible
// module with use_dynamic_url: a page cannot load it by a fixed URL to learn that Keyfob is installed, and the load
// does not appear in the page's resource timing (attacks/fingerprint).
import { extensionUrl } from '../messages.ts';
import { DETECTOR_FILE } from './detector-file.ts';

export type Detector = typeof import('./detector.ts');

let loading: Promise<Detector> | null = null;

export function loadDetector(): Promise<Detector> {
  loading ??= (import(/* @vite-ignore */ extensionUrl(DETECTOR_FILE)) as Promise<Detector>).catch((err: unknown) => {
    // A failed load (the extension reloaded meanwhile) is tried again at the next need, not remembered.
    loading = null;
    throw err;
  });
  return loading;
}
