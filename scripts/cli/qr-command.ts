// `otp qr`: every QR payload in PNG images (screenshots or crops).
import { PNG } from 'pngjs';
import { decodeQr } from '../../src/shared/index.ts';
import { CodedError } from '../../src/shared/coded-error.ts';
import { CliUsageError, errorLine, EXIT, type CliIo, type ExitCode } from './cli-io.ts';
import { configureQrDecoderForNode } from './node-qr-decoder.ts';

class ImageFileError extends CodedError<'unreadable-file' | 'bad-png'> {
  override name = 'ImageFileError';
}

export async function runQr(args: string[], io: CliIo): Promise<ExitCode> {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  const unknown = files.find((f) => f.startsWith('--'));
  if (unknown) throw new CliUsageError(`Unknown option "${unknown.slice(0, 40)}". See otp --help.`);
  if (files.length === 0) throw new CliUsageError('qr needs at least one PNG file. See otp --help.');
  configureQrDecoderForNode();
  let found = 0;
  let failed = false;
  for (const file of files) {
    try {
      const payloads = await decodeQr(await readPng(file, io));
      found += payloads.length;
      if (json) io.out(JSON.stringify({ file, payloads }));
      else for (const p of payloads) io.out(p);
    } catch (e) {
      failed = true;
      io.err(errorLine(e).replace(/^(error: [^:]+: )/, `$1${file}: `));
    }
  }
  if (failed) return EXIT.bad;
  return found > 0 ? EXIT.ok : EXIT.none;
}

async function readPng(file: string, io: CliIo): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    throw new ImageFileError('unreadable-file', e instanceof Error ? e.message : String(e));
  }
  try {
    // pngjs always hands back 8-bit RGBA, whatever the file's colour type.
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
  } catch (e) {
    throw new ImageFileError('bad-png', `not a readable PNG (${e instanceof Error ? e.message : String(e)}).`);
  }
}
