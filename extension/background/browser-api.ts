// Old path of platform/browser-api.ts, kept only for the sync files that still import it (they are being reworked
// separately); new code imports platform/browser-api.ts. Remove once nothing imports this path.
export * from './platform/browser-api.ts';
