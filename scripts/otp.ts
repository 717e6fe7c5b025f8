// Entry point of `npm run --silent otp -- …`: wires the CLI to the real process.
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { runOtpCli } from './cli/main.ts';

const status = await runOtpCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: () => text(process.stdin),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  now: () => Date.now(),
});
process.exitCode = status;
