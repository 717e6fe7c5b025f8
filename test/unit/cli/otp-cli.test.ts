// The otp CLI's commands, run in-process with captured output.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runOtpCli } from '../../../scripts/cli/main.ts';
import { drawScreenshot, type PlacedQr } from '../../fixtures/qr/screenshot.ts';

const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME';

function pngOf(codes: PlacedQr[]): Uint8Array {
  const shot = drawScreenshot({ width: 640, height: 400, codes });
  const png = new PNG({ width: shot.width, height: shot.height });
  png.data = Buffer.from(shot.data.buffer);
  return new Uint8Array(PNG.sync.write(png));
}

async function run(argv: string[], opts: { stdin?: string; files?: Record<string, Uint8Array> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runOtpCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: async () => opts.stdin ?? '',
    readFile: async (path) => {
      const file = opts.files?.[path];
      if (!file) throw new Error(`ENOENT: ${path}`);
      return file;
    },
    now: () => 59_000,
  });
  return { status, out, err };
}

describe('otp code', () => {
  it('prints the code at --at seconds (as oathtool -N @1111111109 does)', async () => {
    expect(await run(['code', URI, '--at', '1111111109'])).toEqual({ status: 0, out: ['071271'], err: [] });
  });

  it('uses the current time when --at is absent', async () => {
    expect((await run(['code', URI])).out).toEqual(['996554']);
  });

  it('prints an HOTP code at the link counter', async () => {
    expect((await run(['code', 'otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=1'])).out).toEqual(['287082']);
  });

  it.each([
    [['code'], 'usage'],
    [['code', URI, '--at', 'yesterday'], 'usage'],
    [['code', URI, '--at', '-5'], 'usage'],
    [['code', 'otpauth://totp/a?secret=JBSWY3DP'], 'secret-too-short'],
    [['code', URI, 'extra'], 'usage'],
  ])('exits 2 with a coded error for %j', async (argv, code) => {
    const result = await run(argv);
    expect(result.status).toBe(2);
    expect(result.err[0]).toMatch(new RegExp(`^error: ${code}: .+`));
  });

  it('codes a batch of JSON lines, reporting bad lines but going on', async () => {
    const stdin = [
      JSON.stringify({ uri: URI, at: 59 }),
      'not json',
      JSON.stringify({ uri: URI }),
      JSON.stringify({ uri: 'otpauth://totp/a?secret=A1', at: 1 }),
      '',
      JSON.stringify({ uri: URI, at: 1111111109 }),
      JSON.stringify({ at: 5 }),
    ].join('\n');
    const result = await run(['code', '--batch'], { stdin });
    expect(result.out).toEqual(['996554', '', '996554', '', '071271', '']);
    expect(result.err).toEqual([
      'error: bad-json: line 2: not a JSON object.',
      expect.stringMatching(/^error: invalid-secret: line 4: /),
      'error: bad-line: line 7: needs "uri" as a string.',
    ]);
    expect(result.status).toBe(2);
  });

  it('exits 0 for a clean batch', async () => {
    expect(await run(['code', '--batch'], { stdin: `${JSON.stringify({ uri: URI, at: 59 })}\n` })).toEqual({ status: 0, out: ['996554'], err: [] });
  });
});

describe('otp parse', () => {
  it('prints the account as JSON', async () => {
    const result = await run(['parse', URI]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.out.join('\n'))).toEqual({
      type: 'totp', issuer: 'ACME', account: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
    });
  });

  it('exits 2 with the error code of a bad link', async () => {
    expect(await run(['parse', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5'])).toMatchObject({
      status: 2, out: [], err: [expect.stringMatching(/^error: bad-algorithm: /)],
    });
  });
});

describe('otp qr', () => {
  const two = pngOf([{ text: URI, x: 20, y: 60 }, { text: 'hello', x: 400, y: 200 }]);
  const none = pngOf([]);

  it('prints every payload of every image', async () => {
    const result = await run(['qr', 'a.png', 'b.png'], { files: { 'a.png': two, 'b.png': pngOf([{ text: 'third', x: 300, y: 100 }]) } });
    expect(result).toEqual({ status: 0, out: [URI, 'hello', 'third'], err: [] });
  });

  it('prints one JSON object per image with --json', async () => {
    const result = await run(['qr', '--json', 'a.png', 'n.png'], { files: { 'a.png': two, 'n.png': none } });
    expect(result.out.map((l) => JSON.parse(l) as unknown)).toEqual([{ file: 'a.png', payloads: [URI, 'hello'] }, { file: 'n.png', payloads: [] }]);
  });

  it('exits 1 when no image holds a code', async () => {
    expect(await run(['qr', 'n.png'], { files: { 'n.png': none } })).toEqual({ status: 1, out: [], err: [] });
  });

  it('reports unreadable and non-PNG files and exits 2', async () => {
    const result = await run(['qr', 'missing.png', 'text.png'], { files: { 'text.png': new TextEncoder().encode('not a png') } });
    expect(result.status).toBe(2);
    expect(result.err).toEqual([expect.stringMatching(/^error: unreadable-file: missing\.png: /), expect.stringMatching(/^error: bad-png: text\.png: /)]);
  });
});

describe('otp', () => {
  it('prints usage for --help', async () => {
    const result = await run(['--help']);
    expect(result.status).toBe(0);
    expect(result.out.join('\n')).toContain('otp code <otpauth-uri> [--at <unix-seconds>]');
  });

  it('refuses an unknown command', async () => {
    expect(await run(['frobnicate'])).toMatchObject({ status: 2, err: [expect.stringMatching(/^error: usage: /)] });
  });
});
