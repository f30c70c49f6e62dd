import { describe, expect, it } from 'vitest';
import { abandonmentRate } from '../../src/metrics/abandonmentRate/index.js';
import { MetricsError } from '../../src/results/errors.js';
import type { Call } from '../../src/model/index.js';

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const answered = (id: string, waitS: number, at = T0): Call => ({ id, queuedAt: at, answeredAt: at + waitS * 1000 });
const abandoned = (id: string, waitS: number, at = T0): Call => ({ id, queuedAt: at, abandonedAt: at + waitS * 1000 });

/** The shared example of docs/contact-centre.md: 105 calls. */
function sharedExample(): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < 70; i++) calls.push(answered(`W${i}`, 10));
  for (let i = 0; i < 20; i++) calls.push(answered(`L${i}`, 45));
  for (let i = 0; i < 6; i++) calls.push(abandoned(`B${i}`, 12));
  for (let i = 0; i < 4; i++) calls.push(abandoned(`S${i}`, 2));
  for (let i = 0; i < 5; i++) calls.push(abandoned(`X${i}`, 60));
  return deepFreeze(calls);
}

describe('abandonmentRate', () => {
  it('100 offered, 95 handled → 5% (rows and calls)', () => {
    const r = abandonmentRate(deepFreeze([{ offered: 100, answered: 95, abandoned: 5, shortAbandons: 0 }]));
    expect(r.numerator).toBe(5);
    expect(r.denominator).toBe(100);
    expect(r.percent).toBe(5);
    const calls: Call[] = [];
    for (let i = 0; i < 95; i++) calls.push(answered(`A${i}`, 30));
    for (let i = 0; i < 5; i++) calls.push(abandoned(`B${i}`, 30));
    expect(abandonmentRate(deepFreeze(calls)).rate).toBe(0.05);
  });

  it('the shared example: short abandons excluded by default, included on request', () => {
    const calls = sharedExample();
    const r = abandonmentRate(calls);
    expect([r.numerator, r.denominator]).toEqual([11, 101]);
    expect(r.excluded.byReason).toEqual({ short_abandon: 4 });
    expect(r.excluded.ids.short_abandon).toEqual(['S0', 'S1', 'S2', 'S3']);
    const inc = abandonmentRate(calls, { shortAbandons: 'include' });
    expect([inc.numerator, inc.denominator]).toEqual([15, 105]);
    expect(inc.excluded.total).toBe(0);
    // A 3-second short-abandon threshold: the 2-second abandons are still short.
    expect(abandonmentRate(calls, { shortAbandonMs: 3000 }).denominator).toBe(101);
    expect(abandonmentRate(calls, { shortAbandonMs: 2000 }).denominator).toBe(105);
  });

  it('the clock can start at system (IVR) entry', () => {
    const calls = deepFreeze([
      { id: 1, enteredAt: T0, queuedAt: T0 + 10_000, abandonedAt: T0 + 12_000 },
      { id: 2, queuedAt: T0, answeredAt: T0 + 5_000 },
    ]);
    expect(abandonmentRate(calls).excluded.byReason).toEqual({ short_abandon: 1 });
    expect(abandonmentRate(calls, { clockStartsAt: 'system' }).rate).toBe(0.5);
  });

  it('calls still waiting are excluded as in_queue; period filters on queuedAt', () => {
    const calls = deepFreeze([
      answered('a', 5),
      abandoned('b', 30),
      { id: 'c', queuedAt: T0 },
      abandoned('d', 30, T0 + 3_600_000),
    ]);
    const r = abandonmentRate(calls, { period: { from: T0, to: T0 + 3_600_000 } });
    expect([r.numerator, r.denominator]).toEqual([1, 2]);
    expect(r.excluded.byReason).toEqual({ in_queue: 1, out_of_period: 1 });
    expect(r.denominator + r.excluded.total).toBe(calls.length);
  });

  it('sums rows exactly instead of averaging per-row percentages', () => {
    const rows = deepFreeze([
      { id: 'quiet', offered: 2, answered: 0, abandoned: 2, shortAbandons: 0 },
      { id: 'busy', offered: 998, answered: 990, abandoned: 8, shortAbandons: 0 },
    ]);
    const r = abandonmentRate(rows);
    expect(r.percent).toBe(1); // 10 of 1000, where the mean of 100% and 0.8% would say 50.4%
  });

  it('rows: the remainder of offered is in_queue; short abandons need counting', () => {
    const r = abandonmentRate(deepFreeze([{ id: 'r1', offered: 10, answered: 6, abandoned: 3, shortAbandons: 1 }]));
    expect([r.numerator, r.denominator]).toEqual([2, 8]);
    expect(r.excluded.byReason).toEqual({ in_queue: 1, short_abandon: 1 });
    expect(r.excluded.ids).toEqual({ in_queue: ['r1'], short_abandon: ['r1'] });
    expect(() => abandonmentRate([{ offered: 10, answered: 6, abandoned: 3 }])).toThrowError(/shortAbandons/);
    expect(abandonmentRate([{ offered: 10, answered: 6, abandoned: 3 }], { shortAbandons: 'include' }).rate).toBe(3 / 9);
    expect(() => abandonmentRate([{ offered: 5, answered: 6, abandoned: 3, shortAbandons: 0 }])).toThrowError(MetricsError);
    expect(() => abandonmentRate([{ offered: 5.5, answered: 1, abandoned: 0, shortAbandons: 0 }])).toThrowError(/whole number/);
  });

  it('empty input: undefined rate, never NaN', () => {
    const r = abandonmentRate([]);
    expect(r.rate).toBeUndefined();
    expect(r.denominator).toBe(0);
  });

  it('bad records throw with index, id and field, or are excluded', () => {
    const bad = deepFreeze([
      answered('ok', 1),
      { id: 'both', queuedAt: T0, answeredAt: T0 + 1, abandonedAt: T0 + 2 },
      { id: 'early', queuedAt: T0, answeredAt: T0 - 1 },
      { id: 'ok', queuedAt: T0, answeredAt: T0 + 1 },
      { id: 'str', queuedAt: '2026-03-02T09:00:00', answeredAt: T0 + 1 },
      null,
      { id: 'ivr', enteredAt: T0 + 5, queuedAt: T0, answeredAt: T0 + 10 },
    ] as unknown as Call[]);
    try {
      abandonmentRate(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MetricsError);
      const m = e as MetricsError;
      expect([m.code, m.recordIndex, m.recordId, m.field, m.functionName]).toEqual(['conflicting_fields', 1, 'both', 'abandonedAt', 'abandonmentRate']);
    }
    const r = abandonmentRate(bad, { invalid: 'exclude' }); // enteredAt is read only with clockStartsAt: 'system'
    expect(abandonmentRate(bad, { invalid: 'exclude', clockStartsAt: 'system' }).excluded.byReason['invalid:inconsistent']).toBe(1);
    expect(r.excluded.byReason).toEqual({
      'invalid:conflicting_fields': 1,
      'invalid:event_before_creation': 1,
      'invalid:duplicate_id': 1,
      'invalid:missing_offset': 1,
      'invalid:invalid_record': 1,
    });
    expect(r.denominator + r.excluded.total).toBe(bad.length);
    // With a zone, the offset-less string is local time there.
    expect(abandonmentRate(bad.slice(4, 5), { timeZone: 'UTC' }).denominator).toBe(1);
  });

  it('numeric 7 and string "7" are the same id', () => {
    expect(() => abandonmentRate([answered('7', 1), { id: 7, queuedAt: T0, answeredAt: T0 }])).toThrowError(/more than once/);
  });

  it('validates options', () => {
    expect(() => abandonmentRate([], { shortAbandonMs: -1 })).toThrowError(MetricsError);
    expect(() => abandonmentRate([], { shortAbandons: 'no' as 'include' })).toThrowError(/shortAbandons/);
    expect(() => abandonmentRate([], { clockStartsAt: 'ivr' as 'queue' })).toThrowError(/clockStartsAt/);
    expect(() => abandonmentRate([], { timeZone: 'Mars/Base' })).toThrowError(/IANA/);
    expect(() => abandonmentRate(null as unknown as Call[])).toThrowError(/array/);
  });
});
