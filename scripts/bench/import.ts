// Bench: importing a 1,000-entry encrypted export of each kind, against its key derivation alone (same parameters, same
// process, runs interleaved), so the ratio says what the parsing and decryption cost beyond the KDF the file demands.
import { randomBytes } from 'node:crypto';
import { argon2id, scrypt } from 'hash-wasm';
import { importFile } from '../../src/shared/import/index.ts';
import { hashWasmImportEngines } from '../../src/shared/import/engines-hash-wasm.ts';
import { makeAccounts, type TestAccount } from '../../test/unit/shared/import/writers/accounts.ts';
import { writeAegis } from '../../test/unit/shared/import/writers/aegis.ts';
import { writeV3 } from '../../test/unit/shared/import/writers/authenticator-extension.ts';
import { bitwardenExport, writeBitwardenProtected } from '../../test/unit/shared/import/writers/bitwarden.ts';
import { enteText, writeEnte } from '../../test/unit/shared/import/writers/ente.ts';
import { andOtpList, authProBackup, protonPlain, writeAndOtpEncrypted, writeAuthProEncrypted, writeProtonEncrypted } from '../../test/unit/shared/import/writers/small-formats.ts';
import { writeTwoFas } from '../../test/unit/shared/import/writers/two-fas.ts';
import { runIfMain } from './standalone.ts';
import { median, runsFor, timeMs, type BenchOptions, type BenchRow } from './types.ts';

const ENTRIES = 1000;
const PASSWORD = 'bench password';

interface Kind {
  name: string;
  /** The file, written by the tests' independent writer with the app's real parameters. */
  file: () => Promise<Uint8Array>;
  /** The key derivation the file asks for, run alone. */
  kdf: () => Promise<unknown>;
}

const bytes = (text: string | Buffer) => (typeof text === 'string' ? new TextEncoder().encode(text) : new Uint8Array(text));
const salt = () => randomBytes(16);

async function pbkdf2(hash: 'SHA-1' | 'SHA-256', iterations: number, saltBytes = 16): Promise<void> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(PASSWORD), 'PBKDF2', false, ['deriveBits']);
  await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt: randomBytes(saltBytes), iterations }, key, 256);
}

const argon = (memorySize: number, iterations: number, parallelism = 1) => () =>
  argon2id({ password: PASSWORD, salt: salt(), memorySize, iterations, parallelism, hashLength: 32, outputType: 'binary' });

function kinds(accounts: TestAccount[]): Kind[] {
  return [
    { name: 'Aegis (scrypt N=32768, r=8)', file: async () => bytes(writeAegis(accounts, { password: PASSWORD, n: 32768, r: 8, p: 1 })),
      kdf: () => scrypt({ password: PASSWORD, salt: randomBytes(32), costFactor: 32768, blockSize: 8, parallelism: 1, hashLength: 32, outputType: 'binary' }) },
    { name: '2FAS (PBKDF2-SHA256 10,000)', file: async () => bytes(writeTwoFas(accounts, PASSWORD)), kdf: () => pbkdf2('SHA-256', 10_000, 256) },
    { name: 'Ente (Argon2id 64 MiB, 2 passes)', file: async () => bytes(await writeEnte(enteText(accounts), PASSWORD, 64 * 1024 * 1024, 2)), kdf: argon(64 * 1024, 2) },
    { name: 'Bitwarden (PBKDF2-SHA256 600,000)', file: async () => bytes(await writeBitwardenProtected(JSON.stringify(bitwardenExport(accounts)), PASSWORD, { type: 0, iterations: 600_000 })),
      kdf: () => pbkdf2('SHA-256', 600_000) },
    // v3 derives twice: the passphrase, then the check of the stored hash.
    { name: 'Authenticator-Extension v3 (2 x Argon2id 19 MiB)', file: async () => bytes(await writeV3(accounts, PASSWORD)),
      kdf: async () => { await argon(19_456, 2)(); await argon(19_456, 2)(); } },
    { name: 'andOTP (PBKDF2-SHA1 145,776)', file: async () => bytes(writeAndOtpEncrypted(JSON.stringify(andOtpList(accounts)), PASSWORD, 145_776)),
      kdf: () => pbkdf2('SHA-1', 145_776, 12) },
    { name: 'Proton (Argon2id 19 MiB, 2 passes)', file: async () => bytes(await writeProtonEncrypted(protonPlain(accounts), PASSWORD)), kdf: argon(19 * 1024, 2) },
    { name: 'Authenticator Pro (Argon2id 64 MiB, t=3, p=4)', file: async () => bytes(await writeAuthProEncrypted(JSON.stringify(authProBackup(accounts)), PASSWORD)),
      kdf: argon(64 * 1024, 3, 4) },
  ];
}

export async function benchImport(opts: BenchOptions): Promise<BenchRow[]> {
  const accounts = makeAccounts(ENTRIES);
  const { warmup, runs } = runsFor(opts);
  const rows: BenchRow[] = [];
  for (const kind of kinds(accounts)) {
    const file = await kind.file();
    let imported = 0;
    const product = async () => { imported = (await importFile(file, { password: PASSWORD, engines: hashWasmImportEngines })).accounts.length; };
    for (let i = 0; i < warmup; i++) { await product(); await kind.kdf(); }
    const ours: number[] = [];
    const kdf: number[] = [];
    // Interleaved, first side swapped each pair, so a busy moment on a shared machine lands on both.
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) { ours.push(await timeMs(product)); kdf.push(await timeMs(kind.kdf)); }
      else { kdf.push(await timeMs(kind.kdf)); ours.push(await timeMs(product)); }
    }
    rows.push({
      name: `import ${ENTRIES.toLocaleString('en-US')} entries: ${kind.name}`,
      value: median(ours),
      unit: 'ms',
      baseline: median(kdf),
      baselineName: 'the KDF alone',
      note: `${imported} accounts read; ${runs} interleaved runs; parsing and decryption ${(median(ours) - median(kdf)).toFixed(0)} ms beyond the KDF`,
    });
  }
  return rows;
}

runIfMain(import.meta.url, benchImport);
