// otpauth:// lists, steam:// links and Google Authenticator migration links come through the same import entry point.
import { describe, expect, it } from 'vitest';
import { detect, expectImportError, expectSameAccounts, importBytes } from './helpers.ts';
import { fromBase32, makeAccounts, toOtpauth } from './writers/accounts.ts';

/** A MigrationPayload protobuf written field by field (the proto Google Authenticator uses). */
function migrationLink(entries: { secret: Buffer; name: string; issuer: string; algorithm: number; digits: number; type: number }[]): string {
  const varint = (n: number) => { const out: number[] = []; while (n > 127) { out.push((n & 127) | 128); n >>>= 7; } out.push(n); return out; };
  const bytesField = (no: number, b: Buffer) => [...varint((no << 3) | 2), ...varint(b.length), ...b];
  const intField = (no: number, v: number) => [...varint(no << 3), ...varint(v)];
  const payload: number[] = [];
  for (const e of entries) {
    const otp = Buffer.from([...bytesField(1, e.secret), ...bytesField(2, Buffer.from(e.name)), ...bytesField(3, Buffer.from(e.issuer)),
      ...intField(4, e.algorithm), ...intField(5, e.digits), ...intField(6, e.type)]);
    payload.push(...bytesField(1, otp));
  }
  payload.push(...intField(2, 1), ...intField(3, 1), ...intField(4, 0), ...intField(5, 42));
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
}

describe('otpauth list import', () => {
  it('reads one link a line, Steam links included, from the text alone', async () => {
    const accounts = makeAccounts(5);
    const text = accounts.map((a) => toOtpauth(a)).join('\r\n');
    expect(detect(text)).toEqual({ format: 'otpauth-list', app: 'otpauth:// links', encrypted: false, entries: 5 });
    expectSameAccounts(await importBytes(text), accounts);
  });

  it('recognises Steam as steam://, encoder=steam and otpauth://steam/', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const text = [`steam://${secret}`, `otpauth://totp/Steam:me?secret=${secret}&issuer=Steam&encoder=steam&digits=5`, `otpauth://steam/Steam:you?secret=${secret}`].join('\n');
    const result = await importBytes(text);
    expect(result.accounts.map((a) => [a.type, a.issuer, a.account, a.digits, a.period])).toEqual([
      ['steam', 'Steam', '', 5, 30], ['steam', 'Steam', 'me', 5, 30], ['steam', 'Steam', 'you', 5, 30],
    ]);
  });

  it('reads Google Authenticator migration links and lists MD5 entries by name', async () => {
    const secret = fromBase32('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    const link = migrationLink([
      { secret, name: 'ada@example.com', issuer: 'Example', algorithm: 1, digits: 1, type: 2 },
      { secret, name: 'old', issuer: 'Legacy', algorithm: 4, digits: 1, type: 2 },
    ]);
    expect(detect(link)).toEqual({ format: 'google-migration', app: 'Google Authenticator', encrypted: false, entries: null });
    const result = await importBytes(link);
    expect(result.accounts.map((a) => [a.issuer, a.account])).toEqual([['Example', 'ada@example.com']]);
    expect(result.skipped.map((s) => s.reason)).toEqual([{ code: 'unsupported-algorithm', algorithm: 'MD5' }]);
  });

  it('lists unreadable lines without dropping the good ones', async () => {
    const [a] = makeAccounts(1);
    const result = await importBytes([toOtpauth(a!), 'otpauth://yaotp/Y:me?secret=JBSWY3DPEHPK3PXP', 'otpauth://totp/Z:me?secret=JBSW'].join('\n'));
    expect(result.accounts).toHaveLength(1);
    expect(result.skipped.map((s) => [s.name, s.reason.code])).toEqual([['Y:me', 'unsupported-type'], ['Z:me', 'invalid-entry']]);
  });
});

describe('format detection', () => {
  it('refuses files of no known format by content, whatever they would be named', async () => {
    for (const file of ['{"hello":"world"}', 'plain words\nand more', '[1,2,3]', '']) {
      await expectImportError(importBytes(file), 'unrecognised-format');
    }
    await expectImportError(importBytes(new Uint8Array(64 * 1024 * 1024)), 'too-large');
  });
});
