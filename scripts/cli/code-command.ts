// `otp code`: one code from a Key URI, or a batch of them from JSON lines.
import { generateCode, parseOtpauthUri } from '../../src/shared/index.ts';
import { CodedError } from '../../src/shared/coded-error.ts';
import { CliUsageError, errorLine, EXIT, type CliIo, type ExitCode } from './cli-io.ts';

class BatchLineError extends CodedError<'bad-json' | 'bad-line'> {
  override name = 'BatchLineError';
}

export async function runCode(args: string[], io: CliIo): Promise<ExitCode> {
  if (args.includes('--batch')) {
    if (args.length !== 1) throw new CliUsageError('code --batch takes no other arguments; it reads stdin.');
    return runBatch(io);
  }
  const { uri, at } = readCodeArgs(args);
  io.out(await generateCode(parseOtpauthUri(uri), at === undefined ? io.now() : at * 1000));
  return EXIT.ok;
}

function readCodeArgs(args: string[]): { uri: string; at?: number } {
  let uri: string | undefined;
  let at: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--at') {
      at = parseSeconds(args[++i]);
    } else if (arg.startsWith('--at=')) {
      at = parseSeconds(arg.slice(5));
    } else if (uri === undefined && !arg.startsWith('--')) {
      uri = arg;
    } else {
      throw new CliUsageError(`Unexpected argument "${arg.slice(0, 40)}". See otp --help.`);
    }
  }
  if (uri === undefined) throw new CliUsageError('code needs an otpauth:// link. See otp --help.');
  return at === undefined ? { uri } : { uri, at };
}

function parseSeconds(value: string | undefined): number {
  if (value === undefined || !/^\d{1,15}(\.\d+)?$/.test(value)) {
    throw new CliUsageError(`--at needs unix seconds (a number from 0 up), not "${String(value).slice(0, 40)}".`);
  }
  return Number(value);
}

async function runBatch(io: CliIo): Promise<ExitCode> {
  const lines = (await io.readStdin()).split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop(); // the newline that ends the last line starts no new one
  let status: ExitCode = EXIT.ok;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      const { uri, at } = readBatchLine(line);
      io.out(await generateCode(parseOtpauthUri(uri), at === undefined ? io.now() : at * 1000));
    } catch (e) {
      // An empty stdout line keeps output lines aligned with input lines for the caller.
      io.out('');
      io.err(errorLine(e).replace(/^(error: [^:]+: )/, `$1line ${index + 1}: `));
      status = EXIT.bad;
    }
  }
  return status;
}

function readBatchLine(line: string): { uri: string; at?: number } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BatchLineError('bad-json', 'not a JSON object.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BatchLineError('bad-json', 'not a JSON object.');
  const { uri, at } = value as Record<string, unknown>;
  if (typeof uri !== 'string') throw new BatchLineError('bad-line', 'needs "uri" as a string.');
  if (at === undefined) return { uri };
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) throw new BatchLineError('bad-line', '"at" must be unix seconds from 0 up.');
  return { uri, at };
}
