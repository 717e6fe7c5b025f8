// What a CLI command needs from the outside world, injected so commands can be tested in-process.
import { CodedError } from '../../src/shared/coded-error.ts';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Whole standard input, read only by commands that need it. */
  readStdin(): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
  /** Epoch ms: read once, at the edge. */
  now(): number;
}

/** Exit statuses: 0 success, 1 nothing found (qr), 2 bad input or usage. */
export const EXIT = { ok: 0, none: 1, bad: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The one error line format: `error: <code>: <message>`, so scripts can match on the code. */
export function errorLine(e: unknown): string {
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return `error: ${e.code}: ${e.message}`;
  return `error: internal: ${e instanceof Error ? e.message : String(e)}`;
}

export class CliUsageError extends CodedError<'usage'> {
  override name = 'CliUsageError';
  constructor(message: string) {
    super('usage', message);
  }
}
