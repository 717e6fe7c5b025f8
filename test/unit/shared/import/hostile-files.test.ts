// Mutated and truncated exports of every format: an import either reads entries or refuses with a coded ImportError,
// never throws anything else, and never takes a password it was not given.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../src/shared/import/index.ts';
import { formatAegisExport } from '../../../../src/shared/import/aegis-export.ts';
import { importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';
import { writeAegis } from './writers/aegis.ts';
import { writePlain, writeV1 } from './writers/authenticator-extension.ts';
import { bitwardenExport, writeBitwardenCsv, writeBitwardenProtected } from './writers/bitwarden.ts';
import { enteText } from './writers/ente.ts';
import { andOtpList, authProBackup, protonPlain, writeAndOtpEncrypted, writeFreeOtpPlus, writeLastPass } from './writers/small-formats.ts';
import { writeTwoFas } from './writers/two-fas.ts';
import { seeded } from '../../../support/seeded-random.ts';

const accounts = makeAccounts(4);

async function samples(): Promise<[string, Uint8Array][]> {
  const enc = new TextEncoder();
  const files: [string, string | Uint8Array][] = [
    ['aegis plain', formatAegisExport(accounts.map((account) => ({ account, notes: '', groups: [], favourite: false })), randomUUID)],
    ['aegis encrypted', writeAegis(accounts, { password: 'pw', n: 16 })],
    ['2fas plain', writeTwoFas(accounts)],
    ['ente plain', enteText(accounts)],
    ['bitwarden json', JSON.stringify(bitwardenExport(accounts, 1))],
    ['bitwarden csv', writeBitwardenCsv(accounts)],
    ['bitwarden protected', await writeBitwardenProtected(JSON.stringify(bitwardenExport(accounts)), 'pw', { type: 0, iterations: 10 })],
    ['authenticator-extension', writePlain(accounts)],
    ['authenticator-extension v1', writeV1(accounts, 'pw')],
    ['andotp', JSON.stringify(andOtpList(accounts))],
    ['andotp encrypted', writeAndOtpEncrypted(JSON.stringify(andOtpList(accounts)), 'pw', 10)],
    ['freeotp+', writeFreeOtpPlus(accounts.filter((a) => a.type === 'totp'))],
    ['lastpass', writeLastPass(accounts.filter((a) => a.type === 'totp'))],
    ['proton', protonPlain(accounts)],
    ['authenticator pro', JSON.stringify(authProBackup(accounts))],
  ];
  return files.map(([name, file]) => [name, typeof file === 'string' ? enc.encode(file) : new Uint8Array(file)]);
}

function mutate(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const kind = Math.floor(rnd() * 3);
  if (kind === 0) return out.subarray(0, Math.floor(rnd() * out.length));
  const flips = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(rnd() * out.length);
    out[at] = kind === 1 ? Math.floor(rnd() * 256) : '{}[]",:0a"'.charCodeAt(Math.floor(rnd() * 10));
  }
  return out;
}

describe('hostile import files', () => {
  it('every truncation and byte change of every format is read or refused with a coded ImportError', async () => {
    const rnd = seeded(22);
    let refused = 0;
    let read = 0;
    for (const [name, file] of await samples()) {
      for (let i = 0; i < 300; i++) {
        const bad = mutate(file, rnd);
        try {
          const result = await importBytes(bad, 'pw');
          read++;
          // Whatever was read is accounted for: every entry imported or listed.
          for (const s of result.skipped) expect(typeof s.message, name).toBe('string');
        } catch (e) {
          if (!(e instanceof ImportError)) throw new Error(`${name}, mutation ${i}: ${String(e)}`);
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
    expect(read).toBeGreaterThan(100);
  });

  it('an encrypted file with no password is refused as needing one, before any other work', async () => {
    for (const [name, file] of await samples()) {
      if (!/encrypted|protected|v1/.test(name)) continue;
      const error = await importBytes(file).catch((e: unknown) => e);
      expect((error as ImportError).code, name).toBe('password-required');
    }
  });
});
