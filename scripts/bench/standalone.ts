// Lets each bench module run on its own (`npx tsx scripts/bench/<name>.ts [--quick]`) and print its table.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchFn } from './types.ts';
import { formatTextTable } from './table.ts';

function isMain(metaUrl: string): boolean {
  const argv1 = process.argv[1];
  if (argv1 === undefined) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(metaUrl));
  } catch {
    return false;
  }
}

/** Runs `fn` and prints its rows when the calling module is the process's entry point; otherwise does nothing. */
export function runIfMain(metaUrl: string, fn: BenchFn): void {
  if (!isMain(metaUrl)) return;
  const quick = process.argv.includes('--quick');
  fn({ quick }).then(
    (rows) => {
      console.log(formatTextTable(rows));
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
