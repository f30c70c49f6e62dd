import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Call } from '../../src/model/index.js';
import type { ClockStart } from '../../src/options/calls.js';
import { recordLabel } from '../../src/_lib/records.js';
import { CallColumns, clockStart, READ_ALL, READ_ENTRY, S_BAD, S_BAD_ENTRY, S_BAD_HANDLING } from '../../src/read/callColumns.js';
import { CallReader } from '../../src/read/callReader.js';
import { createLedger, exclude, finishLedger } from '../../src/results/excluded.js';
import { fcParams } from '../support/fc.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

/** A timestamp field: mostly valid epoch ms around T0 (some before the queue entry), else every kind of bad value. */
const timeArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -60_000, max: 120_000 }).map((d) => T0 + d) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      undefined,
      null,
      '2026-03-02T09:00:30Z',
      '2026-03-02T09:00:30',
      'not a date',
      T0 + 0.5,
      -1,
      NaN,
      Infinity,
      9e15,
      new Date(T0 + 10_000),
      true,
      {},
    ),
  },
);

/** Ids in and out of order, repeated, of both types (7 and '7' are the same id), and invalid ones. */
const idArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => `C${String(n).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(7, '7', 8, '', undefined, null, NaN, -0, 0, {}, 'C05') },
);

const callArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .record(
        {
          id: idArb,
          queuedAt: timeArb,
          enteredAt: timeArb,
          answeredAt: timeArb,
          abandonedAt: timeArb,
        },
        { requiredKeys: ['id', 'queuedAt'] },
      )
      .map((c) => c as unknown),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 42, 'call') },
);

/**
 * What a reader makes of every call of `calls`: the facts of an accepted call, or false. (The reader writes
 * columns; the system entry is read, and its errors count, with the clock at system entry only.)
 */
function readAll(calls: readonly unknown[], clock: ClockStart, fastPath: boolean): { reads: unknown[]; excluded: unknown } {
  const reader = new CallReader('test', calls, { invalid: 'exclude', zone: undefined, minMs: Date.UTC(1975, 0, 1) }, fastPath);
  const c = new CallColumns();
  const system = clock === 'system';
  reader.read(c, 0, calls.length, system ? READ_ENTRY : 0);
  const ledger = createLedger<string>();
  const reads = calls.map((_, j) => {
    const bad = (c.state[j] as number) & (S_BAD | (system ? S_BAD_ENTRY : 0));
    if (bad !== 0) {
      exclude(ledger, `invalid:${c.errorOf(j, bad).code}`, recordLabel(calls[j]) ?? `#${j}`);
      return false;
    }
    return { index: j, id: c.idOf(j), queuedMs: c.queued[j], startMs: clockStart(c, j, system), outcome: c.outcome[j], dequeuedMs: c.dequeued[j] };
  });
  return { reads, excluded: finishLedger(ledger) };
}

/** A whole-ms field: mostly valid, else bad in every way. */
const msArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 120_000 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, -1, 0.5, NaN, '5', -0, 2 ** 53) },
);
/**
 * Calls that the inline checks may take (string ids, mostly increasing; epoch-ms times in order), with now and
 * then one field replaced by any value of timeArb or msArb, or a hold longer than the connected time.
 */
const fullCallArb: fc.Arbitrary<unknown> = fc
  .record({
    outcome: fc.constantFrom('answered', 'answered', 'abandoned', 'waiting'),
    waitS: fc.integer({ min: 0, max: 60 }),
    ivrS: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    talkS: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    holdS: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
    wrap: fc.option(msArb, { nil: undefined }),
    field: fc.constantFrom(undefined, undefined, undefined, 'queuedAt', 'enteredAt', 'answeredAt', 'abandonedAt', 'endedAt', 'holdMs', 'wrapUpMs'),
    time: timeArb,
    ms: msArb,
  })
  .map((r) => {
    const q = T0 + r.waitS * 997;
    const d = q + r.waitS * 1000;
    const c: Record<string, unknown> = { queuedAt: q };
    if (r.ivrS !== undefined) c.enteredAt = q - r.ivrS * 1000;
    if (r.outcome === 'answered') c.answeredAt = d;
    if (r.outcome === 'abandoned') c.abandonedAt = d;
    if (r.outcome !== 'waiting' && r.talkS !== undefined) c.endedAt = d + r.talkS * 1000;
    if (r.holdS !== undefined) c.holdMs = r.holdS * 1000;
    if (r.wrap !== undefined) c.wrapUpMs = r.wrap;
    if (r.field !== undefined) c[r.field] = r.field === 'holdMs' || r.field === 'wrapUpMs' ? r.ms : r.time;
    return c;
  });
const fullCallsArb = fc
  .array(fc.tuple(fullCallArb, fc.constantFrom('next', 'next', 'next', 'next', 'other')), { maxLength: 40 })
  .map((xs) => xs.map(([c, how], i) => (how === 'next' ? { id: `C${String(i).padStart(3, '0')}`, ...(c as object) } : { id: i % 2 === 0 ? i : 'C005', ...(c as object) })));

/** Every part of every call: the columns, and each part's state and error code. */
function readParts(calls: readonly unknown[], fastPath: boolean): unknown[] {
  const c = new CallColumns();
  new CallReader('test', calls, { invalid: 'exclude', zone: undefined, minMs: Date.UTC(1975, 0, 1) }, fastPath).read(c, 0, calls.length, READ_ALL);
  return calls.map((_, j) => {
    const st = c.state[j] as number;
    if ((st & S_BAD) !== 0) return { bad: c.errorOf(j, S_BAD).code };
    return {
      id: c.idOf(j),
      facts: [c.queued[j], c.outcome[j], c.dequeued[j]],
      entry: (st & S_BAD_ENTRY) !== 0 ? c.errorOf(j, S_BAD_ENTRY).code : c.entered[j],
      handling: (st & S_BAD_HANDLING) !== 0 ? c.errorOf(j, S_BAD_HANDLING).code : [c.ended[j], c.hold[j], c.wrapUp[j]],
    };
  });
}

describe('call reader', () => {
  it('every part read: the fast path accepts exactly what the complete checks accept, with the same facts and errors', () => {
    fc.assert(
      fc.property(fullCallsArb, (calls) => {
        expect(readParts(calls, true)).toEqual(readParts(calls, false));
      }),
      fcParams(300),
    );
  });

  it('the fast path accepts exactly what the complete checks accept, with the same facts and exclusions', () => {
    fc.assert(
      fc.property(fc.array(callArb, { maxLength: 40 }), fc.constantFrom<ClockStart>('queue', 'system'), (calls, clock) => {
        expect(readAll(calls, clock, true)).toEqual(readAll(calls, clock, false));
      }),
      fcParams(300),
    );
  });

  it('reads the usual call on the fast path the same way', () => {
    // A hand-checked case: increasing string ids, an IVR entry, each outcome.
    const calls: Call[] = [
      { id: 'A1', queuedAt: T0, enteredAt: T0 - 5_000, answeredAt: T0 + 20_000 },
      { id: 'A2', queuedAt: T0 + 1_000, abandonedAt: T0 + 3_000 },
      { id: 'A3', queuedAt: T0 + 2_000 },
      { id: 'A2', queuedAt: T0 + 3_000, answeredAt: T0 + 4_000 },
      { id: 'A4', queuedAt: T0 + 4_000, enteredAt: T0 + 5_000, answeredAt: T0 + 6_000 },
    ];
    const { reads, excluded } = readAll(calls, 'system', true);
    expect(reads).toEqual([
      { index: 0, id: 'A1', queuedMs: T0, startMs: T0 - 5_000, outcome: 1, dequeuedMs: T0 + 20_000 },
      { index: 1, id: 'A2', queuedMs: T0 + 1_000, startMs: T0 + 1_000, outcome: 2, dequeuedMs: T0 + 3_000 },
      { index: 2, id: 'A3', queuedMs: T0 + 2_000, startMs: T0 + 2_000, outcome: 0, dequeuedMs: NaN },
      false,
      false,
    ]);
    expect(excluded).toEqual({
      total: 2,
      byReason: { 'invalid:duplicate_id': 1, 'invalid:inconsistent': 1 },
      ids: { 'invalid:duplicate_id': ['A2'], 'invalid:inconsistent': ['A4'] },
    });
  });
});
