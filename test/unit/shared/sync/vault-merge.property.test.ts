// Property tests of the merge: random edit schedules on simulated devices, synced in random orders, converge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountOfRecord, deleteRecord, editRecord, latestClockOf, mergeStates, pruneTombstones, receiveHlc, recordFromAccount, tickHlc,
  type Hlc, type SyncRecord, type SyncState,
} from '../../../../src/shared/index.ts';
import { canonical } from '../../../../src/shared/sync/sync-record.ts';
import { syncedAccount, T0 } from './sync-fixtures.ts';

const IDS = ['r0', 'r1', 'r2', 'r3'];
const DEVICES = ['dev-a', 'dev-b', 'dev-c'];

type Op =
  | { kind: 'add'; dev: number; id: number; issuer: string }
  | { kind: 'edit'; dev: number; id: number; field: 'notes' | 'issuer' | 'origins' | 'position' | 'counter' | 'useCode' | 'newCodes' | 'groups' | 'favourite' | 'icon'; v: number }
  | { kind: 'delete'; dev: number; id: number }
  | { kind: 'sync'; from: number; to: number; only: number[] | null }
  | { kind: 'wait'; dev: number; ms: number };

const opArb = (devices: number): fc.Arbitrary<Op> => {
  const dev = fc.integer({ min: 0, max: devices - 1 });
  const id = fc.integer({ min: 0, max: IDS.length - 1 });
  return fc.oneof(
    fc.record({ kind: fc.constant('add' as const), dev, id, issuer: fc.constantFrom('ACME', 'Bank', 'Mail') }),
    fc.record({
      kind: fc.constant('edit' as const), dev, id,
      field: fc.constantFrom('notes' as const, 'issuer' as const, 'origins' as const, 'position' as const, 'counter' as const, 'useCode' as const, 'newCodes' as const,
        'groups' as const, 'favourite' as const, 'icon' as const),
      v: fc.integer({ min: 0, max: 5 }),
    }),
    fc.record({ kind: fc.constant('delete' as const), dev, id }),
    fc.record({ kind: fc.constant('sync' as const), from: dev, to: dev, only: fc.option(fc.subarray([0, 1, 2, 3]), { nil: null }) }),
    // Wall clocks that differ, stand still or jump: clocks must not need them to agree.
    fc.record({ kind: fc.constant('wait' as const), dev, ms: fc.constantFrom(0, 1, 1000, -5000) }),
  );
};

interface Device {
  name: string;
  now: number;
  clock: Hlc | null;
  state: SyncState;
}

function tick(d: Device): Hlc {
  d.clock = tickHlc(d.clock, d.now, d.name);
  return d.clock;
}

function apply(devices: Device[], op: Op): void {
  if (op.kind === 'wait') {
    devices[op.dev]!.now += op.ms;
    return;
  }
  if (op.kind === 'sync') {
    pushTo(devices[op.from]!, devices[op.to]!, op.only?.map((i) => IDS[i]!) ?? null);
    return;
  }
  const d = devices[op.dev]!;
  const id = IDS[op.id]!;
  const existing = d.state[id];
  let next: SyncRecord | null = null;
  if (op.kind === 'add') {
    const synced = syncedAccount({ account: { ...syncedAccount().account, issuer: op.issuer } });
    // Adding an id the device knows (even deleted) is a re-add: an edit of every field, which revives it.
    next = existing ? editRecord(existing, { ...synced, notes: `re-added on ${d.name}` }, tick(d)) : recordFromAccount(id, synced, tick(d));
  } else if (op.kind === 'delete') {
    if (existing) next = deleteRecord(existing, tick(d));
  } else if (existing) {
    const now = accountOfRecord(existing) ?? accountOfRecord({ ...existing, deleted: null })!;
    const changes = {
      notes: { notes: `note ${op.v} by ${d.name}` },
      issuer: { account: { ...now.account, issuer: `Issuer ${op.v}` } },
      origins: { origins: [`https://s${op.v}.example`] },
      position: { position: op.v },
      counter: { account: { ...now.account, counter: now.account.counter + op.v } },
      useCode: { recoveryCodes: now.recoveryCodes.map((c, i) => (i === op.v % Math.max(1, now.recoveryCodes.length) ? { ...c, used: true } : c)) },
      newCodes: { recoveryCodes: [0, 1, 2].map((i) => ({ code: `c${op.v}-${i}`, used: false })) },
      groups: { groups: op.v % 3 === 0 ? [] : [`g${op.v}`, 'shared'] },
      favourite: { favourite: op.v % 2 === 1 },
      icon: { icon: op.v % 3 === 0 ? null : { kind: 'brand' as const, slug: `b${op.v}` } },
    }[op.field];
    next = editRecord(existing, changes, tick(d));
  }
  if (next) d.state = { ...d.state, [id]: next };
}

/** One device reads what another pushed (all of it, or only some records: a sync cut short). */
function pushTo(from: Device, to: Device, only: string[] | null): void {
  const sent: Record<string, SyncRecord> = {};
  for (const [id, record] of Object.entries(from.state)) if (!only || only.includes(id)) sent[id] = record;
  for (const record of Object.values(sent)) to.clock = receiveHlc(to.clock, latestClockOf(record), to.now + 10 * 60_000, to.name);
  to.state = mergeStates(to.state, sent);
}

function syncEveryone(devices: Device[]): void {
  for (const a of devices) for (const b of devices) if (a !== b) pushTo(a, b, null);
}

const recordArb: (id: string) => fc.Arbitrary<SyncRecord> = (id) => {
  // Few distinct clocks, so equal clocks (with different values) and ties between fields come up often.
  const clock = fc.record({ t: fc.integer({ min: 0, max: 3 }), c: fc.integer({ min: 0, max: 1 }), n: fc.constantFrom('a', 'b') });
  const stamped = <T>(value: fc.Arbitrary<T>) => fc.record({ value, clock });
  return fc.record({
    id: fc.constant(id),
    fields: fc.record({
      issuer: stamped(fc.constantFrom('A', 'B')),
      account: stamped(fc.constantFrom('x', 'y')),
      otp: stamped(fc.constantFrom(
        { type: 'totp' as const, secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1' as const, digits: 6, period: 30 },
        { type: 'totp' as const, secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256' as const, digits: 8, period: 30 },
      )),
      counter: stamped(fc.integer({ min: 0, max: 4 })),
      origins: stamped(fc.constantFrom([], ['https://a.example'])),
      notes: stamped(fc.constantFrom('', 'n')),
      recoveryCodes: stamped(fc.constantFrom([], ['r1', 'r2'], ['r2'])),
      position: stamped(fc.integer({ min: 0, max: 2 })),
      createdAt: stamped(fc.integer({ min: 0, max: 3 })),
      groups: stamped(fc.constantFrom([], ['Work'], ['Work', 'Bank'])),
      favourite: stamped(fc.boolean()),
      icon: stamped(fc.constantFrom(null, { kind: 'none' as const }, { kind: 'brand' as const, slug: 'github' })),
    }),
    usedCodes: fc.subarray(['r1', 'r2']),
    deleted: fc.option(clock, { nil: null }),
  });
};

const stateArb: fc.Arbitrary<SyncState> = fc
  .tuple(...IDS.map((id) => fc.option(recordArb(id), { nil: null })))
  .map((records) => Object.fromEntries(records.filter((r): r is SyncRecord => r !== null).map((r) => [r.id, r])));

const same = (a: SyncState, b: SyncState) => expect(canonical(a)).toBe(canonical(b));

describe('merging vaults (properties)', () => {
  it('brings every device to the same vault, the join of all edits, whatever the schedule and sync order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(opArb(n), { maxLength: 60 }))), ([n, ops]) => {
        const devices: Device[] = DEVICES.slice(0, n).map((name, i) => ({ name, now: T0 + i * 7, clock: null, state: {} }));
        for (const op of ops) apply(devices, op);
        const join = devices.map((d) => d.state).reduce(mergeStates);
        syncEveryone(devices);
        for (const d of devices) same(d.state, join);
      }),
      { numRuns: 300 },
    );
  });

  it('is commutative, associative and idempotent over random states', () => {
    fc.assert(
      fc.property(stateArb, stateArb, stateArb, (a, b, c) => {
        same(mergeStates(a, b), mergeStates(b, a));
        same(mergeStates(mergeStates(a, b), c), mergeStates(a, mergeStates(b, c)));
        same(mergeStates(a, a), mergeStates(a, {}));
        same(mergeStates(mergeStates(a, b), b), mergeStates(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('never loses a live account to pruning, and prunes only tombstones older than the TTL', () => {
    fc.assert(
      fc.property(stateArb, fc.integer({ min: 0, max: 10 }), (state, now) => {
        const pruned = pruneTombstones(state, now, 2);
        for (const [id, record] of Object.entries(state)) {
          if (accountOfRecord(record)) expect(pruned[id]).toBe(record);
          else if (record.deleted!.t >= now - 2) expect(pruned[id]).toBe(record);
          else expect(pruned[id]).toBeUndefined();
        }
      }),
    );
  });
});
