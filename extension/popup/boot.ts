// Starts the popup's opening (start/opening.ts). Built twice: as the page's first script, a small classic file of its
// own (scripts/build/popup-boot.ts) that runs as soon as it arrives, while the app's bundle and the chunks it imports
// are still loading; and as the app entry's first import, in case that file ran late (loaded async) or not at all.
import { ensureOpening } from './start/opening.ts';

ensureOpening();
