// `otp parse`: a Key URI as the OtpAccount JSON the rest of Keyfob uses.
import { parseOtpauthUri } from '../../src/shared/index.ts';
import { CliUsageError, EXIT, type CliIo, type ExitCode } from './cli-io.ts';

export function runParse(args: string[], io: CliIo): ExitCode {
  const [uri, ...rest] = args;
  if (uri === undefined || rest.length > 0) throw new CliUsageError('parse takes exactly one otpauth:// link. See otp --help.');
  io.out(JSON.stringify(parseOtpauthUri(uri), null, 2));
  return EXIT.ok;
}
