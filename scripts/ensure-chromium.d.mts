// Types for ensure-chromium.mjs, so TypeScript callers (tests, bench) get checked signatures.
export function findChromium(env?: NodeJS.ProcessEnv): string | null;
export function aptInstall(packages: string[], log?: (msg: string) => void): boolean;
export function ensureChromium(opts?: { install?: boolean; log?: (msg: string) => void }): string | null;
