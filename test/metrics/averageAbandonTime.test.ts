import { describe, expect, it } from 'vitest';
import { averageAbandonTime } from '../../src/metrics/averageAbandonTime/index.js';
import type { Call } from '../../src/model/index.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

describe('averageAbandonTime', () => {
  const calls: readonly Call[] = Object.freeze([
    { id: 'a', queuedAt: T0, abandonedAt: T0 + 60_000 },
    { id: 'b', queuedAt: T0, abandonedAt: T0 + 2_000 },
    { id: 'c', queuedAt: T0, abandonedAt: T0 + 40_000 },
    { id: 'd', queuedAt: T0, answeredAt: T0 + 20_000 },
    { id: 'e', queuedAt: T0 },
  ]);

  it('every abandon by default (Amazon Connect), short abandons on request', () => {
    const all = averageAbandonTime(calls);
    expect([all.count, all.totalMs, all.meanMs]).toEqual([3, 102_000, 34_000]);
    expect(all.excluded.byReason).toEqual({ answered: 1, in_queue: 1 });
    const long = averageAbandonTime(calls, { shortAbandons: 'exclude' });
    expect([long.count, long.meanMs]).toEqual([2, 50_000]);
    expect(long.excluded.ids.short_abandon).toEqual(['b']);
  });

  it('percentiles are configurable', () => {
    const r = averageAbandonTime(calls, { percentiles: [0, 100], quantileMethod: 'nearest-rank' });
    expect(r.percentilesMs).toEqual({ p0: 2_000, p100: 60_000 });
    expect(() => averageAbandonTime(calls, { percentiles: [101] })).toThrowError(/percentile/);
  });
});
