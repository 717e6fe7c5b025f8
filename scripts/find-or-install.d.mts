// Types for find-or-install.mjs, so TypeScript callers (bench) get checked signatures.
export function aptInstall(packages: string[], log?: (msg: string) => void): boolean;
export function findOrInstall<T>(opts: { find: () => T | null; packages: string[]; missing: string; install?: boolean; log?: (msg: string) => void }): T | null;
export function runAsScript<T>(metaUrl: string, ensure: () => T | null, describe?: (found: T) => string): void;
