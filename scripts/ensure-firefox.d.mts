// Types for ensure-firefox.mjs, so TypeScript callers (the Firefox browser test setup) get checked signatures.
export function findFirefox(env?: NodeJS.ProcessEnv): string | null;
export function ensureFirefox(opts?: { install?: boolean; log?: (msg: string) => void }): string | null;
