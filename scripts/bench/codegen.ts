// Bench: codes per second for 1,000 accounts through generateCode, against raw HMAC-SHA1 (node:crypto) on the same inputs, passes interleaved.
import { createHmac, randomBytes } from 'node:crypto';
import { base32Decode, base32Encode, generateCode, validateOtpAccount, type OtpAccount } from '../../src/shared/index.ts';
import { median, medianMs, runsFor, timeMs, type BenchOptions, type BenchRow } from './types.ts';
import { runIfMain } from './standalone.ts';

const ACCOUNTS = 1000;
// A fixed instant keeps every run on the same inputs; it lies well inside the 32-bit step range.
const AT_MS = 1_767_225_600_000;

interface Input {
  account: OtpAccount;
  key: Buffer;
}

function makeInputs(count: number): Input[] {
  return Array.from({ length: count }, (_, i) => {
    const key = randomBytes(20);
    const account: OtpAccount = {
      type: 'totp', issuer: `Issuer ${i}`, account: `user${i}@example.com`, secret: base32Encode(key),
      algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
    };
    return { account, key };
  });
}

/** RFC 4226 dynamic truncation over node:crypto's HMAC-SHA1: the least any TOTP implementation must do. */
function rawTotp(key: Buffer, atMs: number, period = 30, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / period)));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export async function benchCodegen(opts: BenchOptions): Promise<BenchRow[]> {
  const inputs = makeInputs(ACCOUNTS);
  const ours: string[] = [];
  const raw: string[] = [];
  const runs = runsFor(opts);
  const product = async (): Promise<void> => {
    ours.length = 0;
    for (const { account } of inputs) ours.push(await generateCode(account, AT_MS));
  };
  const baseline = (): void => {
    raw.length = 0;
    for (const { key } of inputs) raw.push(rawTotp(key, AT_MS));
  };
  // Passes alternate (and swap which goes first) so a busy moment on a shared machine lands on both
  // sides, not on whichever happened to run second; the ratio is the median of the per-pair ratios.
  for (let i = 0; i < runs.warmup; i++) { await product(); baseline(); }
  const ourMs: number[] = [];
  const rawMs: number[] = [];
  const pairRatios: number[] = [];
  for (let i = 0; i < runs.runs * 2 + 1; i++) {
    let pMs: number;
    let bMs: number;
    if (i % 2 === 0) {
      pMs = await timeMs(product);
      bMs = await timeMs(baseline);
    } else {
      bMs = await timeMs(baseline);
      pMs = await timeMs(product);
    }
    ourMs.push(pMs);
    rawMs.push(bMs);
    pairRatios.push(bMs / pMs);
  }
  // The split says where a gap comes from: our checks and decoding, or the HMAC library itself.
  const prep = await medianMs(() => {
    for (const { account } of inputs) base32Decode(validateOtpAccount(account).secret);
  }, runs);
  const agree = ours.every((code, i) => code === raw[i]);
  const perSecond = (ms: number): number => (ACCOUNTS / ms) * 1000;
  return [{
    name: `generateCode, ${ACCOUNTS} TOTP accounts`,
    value: perSecond(median(ourMs)),
    unit: 'codes/s',
    baseline: perSecond(median(rawMs)),
    baselineName: 'node:crypto HMAC-SHA1',
    note: `${agree ? 'same codes from both' : 'CODES DIFFER from the raw HMAC baseline'}; per pass ${median(ourMs).toFixed(1)} ms, `
      + `of which validation + base32 ${prep.median.toFixed(1)} ms; raw HMAC ${median(rawMs).toFixed(1)} ms; `
      + `median ratio of ${pairRatios.length} interleaved pairs ${median(pairRatios).toFixed(2)}`,
  }];
}

runIfMain(import.meta.url, benchCodegen);
