// Dispatches `otp <command>` and turns every typed error into one `error: <code>: <message>` line.
import { errorLine, EXIT, type CliIo, type ExitCode } from './cli-io.ts';
import { runCode } from './code-command.ts';
import { runParse } from './parse-command.ts';
import { runQr } from './qr-command.ts';
import { USAGE } from './usage.ts';

export async function runOtpCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'code':
        return await runCode(args, io);
      case 'parse':
        return runParse(args, io);
      case 'qr':
        return await runQr(args, io);
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE.trimEnd());
        return EXIT.ok;
      default:
        io.err(command === undefined ? USAGE.trimEnd() : `error: usage: Unknown command "${command.slice(0, 40)}". See otp --help.`);
        return EXIT.bad;
    }
  } catch (e) {
    io.err(errorLine(e));
    return EXIT.bad;
  }
}
