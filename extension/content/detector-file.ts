// Where the build writes the content script's loaded-on-need part (scripts/build/content-detector.ts), and the path
// load-detector.ts asks the browser for. One constant, so the two cannot drift apart.
export const DETECTOR_FILE = 'extension/content/detector.js';
