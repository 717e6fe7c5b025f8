// A minimal protobuf writer for Google Authenticator export payloads, independent of the decoder under test.

export function varint(value: bigint | number): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
export const vfield = (n: number, value: bigint | number): number[] => [...varint((n << 3) | 0), ...varint(value)];
export const bfield = (n: number, bytes: number[] | Uint8Array): number[] => [...varint((n << 3) | 2), ...varint(bytes.length), ...bytes];
export const sfield = (n: number, s: string): number[] => bfield(n, [...new TextEncoder().encode(s)]);

export interface Params { secret: number[]; name?: string; issuer?: string; algorithm?: number; digits?: number; type?: number; counter?: number | bigint }

export function otpParameters(p: Params): number[] {
  return [
    ...bfield(1, p.secret),
    ...(p.name !== undefined ? sfield(2, p.name) : []),
    ...(p.issuer !== undefined ? sfield(3, p.issuer) : []),
    ...(p.algorithm ? vfield(4, p.algorithm) : []),
    ...(p.digits ? vfield(5, p.digits) : []),
    ...(p.type ? vfield(6, p.type) : []),
    ...(p.counter ? vfield(7, p.counter) : []),
  ];
}

export function payload(entries: Params[], batch?: { size: number; index: number; id: number }): Uint8Array {
  return new Uint8Array([
    ...entries.flatMap((e) => bfield(1, otpParameters(e))),
    ...vfield(2, 1),
    ...(batch ? [...vfield(3, batch.size), ...vfield(4, batch.index), ...vfield(5, batch.id)] : []),
  ]);
}

export function uri(bytes: Uint8Array): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
}
