// Fuzzes the two parsers a page can hand text to (otpauth:// and otpauth-migration://) with seeded mutations.
import { describe, expect, it } from 'vitest';
import {
  Base32Error, decodeMigrationUri, formatOtpauthUri, MigrationError, OtpauthError, parseOtpauthUri, validateOtpAccount,
  type OtpAccount,
} from '../../../src/shared/index.ts';
import { payload, uri as migrationUri, vfield } from '../migration-payload-writer.ts';
import { seeded } from '../../support/seeded-random.ts';

const RUNS = 10_000;
const S = 'JBSWY3DPEHPK3PXP';
const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];

type Random = ReturnType<typeof seeded>;
const below = (rnd: Random, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: Random, items: readonly T[]): T => items[below(rnd, items.length)] as T;

const VALID_URIS = [
  `otpauth://totp/Example:alice@google.com?secret=${S}&issuer=Example`,
  `otpauth://hotp/ACME%20Co:bob?secret=${S}&issuer=ACME%20Co&algorithm=sha512&digits=8&counter=42`,
  `otpauth://totp/ACME+Co:bob%2Btag?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME+Co&period=60&algorithm=SHA256`,
  `otpauth://totp/Caf%C3%A9%20%F0%9F%94%91:z%C3%BCrich?secret=${S}&issuer=Caf%C3%A9%20%F0%9F%94%91`,
  `otpauth://totp/\u{1F511}\u00e9:\u4f8b?secret=${S}`,
  `otpauth://totp/A%3AB:x%3Ay?secret=${S}&issuer=A%3AB&digits=7`,
  `otpauth://totp/:has%3Acolon?secret=${S}`,
  `otpauth://totp/OnlyIssuer:?secret=${S}&issuer=OnlyIssuer`,
  'otpauth://totp/a?secret=jbsw%20y3dp%20ehpk%203pxp%3D%3D%3D%3D&image=https%3A%2F%2Fx%2Fy.png#frag',
  `OTPAUTH://TOTP/Old:alice?SECRET=${S}&Issuer=New&PERIOD=15`,
];

// Pieces an adversary or a broken generator would put in a link: broken escapes, halves of surrogate
// pairs, separators, control characters, look-alike letters that change case oddly.
const URI_TOKENS = [
  '%', '%4', '%zz', '%G0', '%C3%28', '%ED%A0%80', '%E2%82', '%80', '%C0%AF', '%F0%9F%94%91', '%3A', '%20', '%2B',
  '%00', '%0A', '%7F', '%EF%BF%BD', '+', '&', '=', '?', '#', '/', ':', ' ', '\u00a0', '\ufeff', '\u2028',
  '\ud800', '\udc00', '\ud83d', '\u{1F600}', '\u00e9', '\u017f', '\u212a', '\u0130', '\n',
  'secret=', 'issuer=', '&issuer=X', '&issuer=', '&digits=8', '&period=', '&counter=1', '&secret=AAAA', '&algorithm=sha256',
  'A', '7', '1', 'hotp', 'TOTP',
];

function mutateText(rnd: Random, text: string, tokens: readonly string[], corpus: readonly string[]): string {
  let out = text;
  for (let n = 1 + below(rnd, 3); n > 0; n--) {
    // Positions are UTF-16 code units on purpose: cutting inside an emoji makes lone surrogates.
    const at = below(rnd, out.length + 1);
    switch (below(rnd, 7)) {
      case 0: out = out.slice(0, at) + pick(rnd, tokens) + out.slice(at + 1); break;
      case 1: out = out.slice(0, at) + pick(rnd, tokens) + out.slice(at); break;
      case 2: out = out.slice(0, at) + out.slice(at + 1 + below(rnd, 4)); break;
      case 3: out = out.slice(0, at) + out.slice(below(rnd, out.length), below(rnd, out.length)) + out.slice(at); break;
      case 4: out = out.slice(0, at); break;
      case 5: { const other = pick(rnd, corpus); out = out.slice(0, at) + other.slice(below(rnd, other.length)); break; }
      default: {
        const ch = out.charAt(at);
        out = out.slice(0, at) + (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) + out.slice(at + 1);
      }
    }
  }
  return out;
}

const isTyped = (e: unknown): boolean => e instanceof OtpauthError || e instanceof MigrationError || e instanceof Base32Error;
const codeOf = (e: unknown): string => (isTyped(e) ? (e as { code: string }).code : `UNTYPED ${String(e)}`);
const describeError = (e: unknown): string => (e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e));
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with an account the parser accepted, or null: it must be exportable and read back unchanged. */
function roundTripProblem(a: OtpAccount): string | null {
  if (LONE_SURROGATE.test(a.issuer) || LONE_SURROGATE.test(a.account)) return 'kept a lone surrogate';
  let again: OtpAccount;
  try {
    if (JSON.stringify(validateOtpAccount(a)) !== JSON.stringify(a)) return 'is not already normalised';
    again = parseOtpauthUri(formatOtpauthUri(a));
  } catch (e) {
    return `could not be exported and read back: ${describeError(e)}`;
  }
  return JSON.stringify(again) === JSON.stringify(a) ? null : `read back as ${JSON.stringify(again)}`;
}

interface Tally { accepted: number; codes: Map<string, number>; problems: string[] }

function record(tally: Tally, input: string, run: () => OtpAccount[], extraChecks: (accounts: OtpAccount[]) => string | null): void {
  let accounts: OtpAccount[];
  try {
    accounts = run();
  } catch (e) {
    tally.codes.set(codeOf(e), (tally.codes.get(codeOf(e)) ?? 0) + 1);
    if (!isTyped(e)) tally.problems.push(`${JSON.stringify(input)} threw ${describeError(e)}`);
    return;
  }
  tally.accepted++;
  const problem = extraChecks(accounts) ?? accounts.map(roundTripProblem).find((p) => p !== null) ?? null;
  if (problem) tally.problems.push(`${JSON.stringify(input)} was accepted but ${problem}`);
}

describe('parseOtpauthUri under 10,000 mutated links', () => {
  it('throws only its typed errors, and every account it accepts round-trips through formatOtpauthUri', () => {
    const rnd = seeded(0x6b657966);
    const tally: Tally = { accepted: 0, codes: new Map(), problems: [] };
    for (let i = 0; i < RUNS; i++) {
      const input = mutateText(rnd, pick(rnd, VALID_URIS), URI_TOKENS, VALID_URIS);
      record(tally, input, () => [parseOtpauthUri(input)], ([a]) => {
        // Properties of the input an accepted link must have had: no broken escape anywhere, and no U+FFFD
        // in a name unless the link itself carried one (otherwise it is mojibake from a lenient decoder).
        if (/%(?![0-9a-f]{2})/i.test(input)) return 'it holds a broken percent-escape';
        const carriesFffd = input.includes('\ufffd') || /%EF%BF%BD/i.test(input);
        if (a && !carriesFffd && (a.issuer + a.account).includes('\ufffd')) return `its names hold U+FFFD: ${JSON.stringify(a)}`;
        return null;
      });
    }
    expect(tally.problems.slice(0, 5)).toEqual([]);
    // The mutations must reach both sides and the new refusals, or the test proves nothing.
    expect(tally.accepted).toBeGreaterThan(RUNS / 10);
    expect(RUNS - tally.accepted).toBeGreaterThan(RUNS / 10);
    for (const code of ['bad-percent-encoding', 'bad-label', 'bad-issuer', 'invalid-secret', 'duplicate-parameter', 'malformed-uri']) {
      expect(tally.codes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });
});

const PAYLOADS = [
  payload([{ secret: HELLO, name: 'alice@example.com' }]),
  payload([
    { secret: HELLO, name: 'ACME:alice', issuer: 'ACME', algorithm: 2, digits: 2, type: 2 },
    { secret: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], name: 'Bank:bob', algorithm: 3, digits: 1, type: 1, counter: 42 },
    { secret: HELLO, name: 'carol', issuer: 'Example' },
  ], { size: 2, index: 1, id: 77 }),
  payload([{ secret: Array.from({ length: 20 }, (_, i) => 200 + i), name: '  Caf\u00e9 \u{1F511}:z\u00fcrich ', issuer: 'Caf\u00e9 \u{1F511}' }]),
  payload([{ secret: HELLO, name: ':has:colon' }, { secret: HELLO, name: '', issuer: 'OnlyIssuer', type: 1, counter: 2n ** 40n }]),
  new Uint8Array([...payload([{ secret: HELLO, name: '\u4f8b' }]), ...vfield(15, 9)]),
];
const BASE64S = PAYLOADS.map((p) => Buffer.from(p).toString('base64'));
const BASE64_TOKENS = ['%', '%zz', '%2B', '%3D', '=', '==', '-', '_', ' ', '+', '/', '$', '.', 'A', 'z', '9', '&data=', '&x=1', '\ud800', '\u00e9'];

function mutateBytes(rnd: Random, bytes: Uint8Array): Uint8Array {
  const out = [...bytes];
  for (let n = 1 + below(rnd, 3); n > 0; n--) {
    const at = below(rnd, out.length + 1);
    switch (below(rnd, 7)) {
      case 0: out[at] = (out[at] ?? 0) ^ (1 << below(rnd, 8)); break;
      case 1: out[at] = below(rnd, 256); break;
      case 2: out.splice(at, 0, pick(rnd, [0x00, 0x7f, 0x80, 0xff, 0xed, 0xa0, 0x0a, 0x12, 0x1a, 0x3a, below(rnd, 256)])); break;
      case 3: out.splice(at, 1 + below(rnd, 3)); break;
      case 4: out.length = at; break;
      case 5: out.splice(at, 0, ...out.slice(below(rnd, out.length), below(rnd, out.length))); break;
      // Lengths are single bytes in these payloads: nudging one misaligns every field after it.
      default: out[at] = ((out[at] ?? 0) + (rnd() < 0.5 ? 1 : 255)) & 0xff;
    }
  }
  return new Uint8Array(out);
}

describe('decodeMigrationUri under 10,000 mutated exports', () => {
  it('throws only its typed errors, and every account it returns round-trips through formatOtpauthUri', () => {
    const rnd = seeded(0x6d696772);
    const tally: Tally = { accepted: 0, codes: new Map(), problems: [] };
    for (let i = 0; i < RUNS; i++) {
      // Half the mutations hit the protobuf, half the base64 text and the link around it.
      const input = rnd() < 0.5
        ? migrationUri(mutateBytes(rnd, pick(rnd, PAYLOADS)))
        : `otpauth-migration://offline?data=${mutateText(rnd, pick(rnd, BASE64S), BASE64_TOKENS, BASE64S)}`;
      let batch = { size: 1, index: 0 };
      record(tally, input, () => {
        const result = decodeMigrationUri(input);
        batch = result.batch;
        return result.accounts;
      }, () => (batch.index >= 0 && batch.index < batch.size ? null : `its batch is ${JSON.stringify(batch)}`));
    }
    expect(tally.problems.slice(0, 5)).toEqual([]);
    expect(tally.accepted).toBeGreaterThan(RUNS / 10);
    expect(RUNS - tally.accepted).toBeGreaterThan(RUNS / 10);
    expect(tally.codes.get('malformed_payload') ?? 0).toBeGreaterThan(0);
  });
});
