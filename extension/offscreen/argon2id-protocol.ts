// The Argon2id request the background sends to its offscreen page, the page's answer, and the built module's fixed path.
import type { Argon2idHash } from '../../src/shared/index.ts';

/** Where the build writes the Argon2id module (scripts/build/argon2id-module.ts); a fixed name both callers can find. */
export const ARGON2ID_MODULE = 'argon2id.js';
/** The offscreen page that runs the module in a dedicated worker (Chromium: service workers cannot start workers). */
export const ARGON2ID_PAGE = 'extension/offscreen/argon2id.html';

export type Argon2idInput = Parameters<Argon2idHash>[0];

/** Binary fields as base64: runtime messages are JSON-serialised in Chromium, which would mangle a Uint8Array. */
export interface Argon2idMessage {
  keyfobOffscreen: 'argon2id';
  password: string;
  salt: string;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}
export type Argon2idReply = { hash: string } | { error: string };

export function isArgon2idMessage(raw: unknown): raw is Argon2idMessage {
  if (typeof raw !== 'object' || raw === null) return false;
  const m = raw as Record<string, unknown>;
  return m.keyfobOffscreen === 'argon2id' && typeof m.password === 'string' && typeof m.salt === 'string'
    && [m.memoryKiB, m.iterations, m.parallelism].every((n) => Number.isSafeInteger(n));
}
