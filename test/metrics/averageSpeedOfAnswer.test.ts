import { describe, expect, it } from 'vitest';
import { averageSpeedOfAnswer } from '../../src/metrics/averageSpeedOfAnswer/index.js';
import type { Call } from '../../src/model/index.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

describe('averageSpeedOfAnswer', () => {
  const calls: readonly Call[] = Object.freeze([
    { id: 1, queuedAt: T0, answeredAt: T0 + 10_000 },
    { id: 2, enteredAt: T0 - 30_000, queuedAt: T0, answeredAt: T0 + 30_000 },
    { id: 3, queuedAt: T0, answeredAt: T0 + 50_000 },
    { id: 4, queuedAt: T0, abandonedAt: T0 + 60_000 },
    { id: 5, queuedAt: T0 },
  ]);

  it('mean, median and percentiles of queue → answer, answered calls only', () => {
    const r = averageSpeedOfAnswer(calls);
    expect(r.count).toBe(3);
    expect(r.meanMs).toBe(30_000);
    expect(r.medianMs).toBe(30_000);
    expect(r.percentilesMs.p90).toBe(46_000); // R7: 30 s + 0.8 × 20 s
    expect(r.excluded.byReason).toEqual({ abandoned: 1, in_queue: 1 });
    expect(r.count + r.excluded.total).toBe(calls.length);
  });

  it('from system entry with clockStartsAt: system', () => {
    expect(averageSpeedOfAnswer(calls, { clockStartsAt: 'system' }).meanMs).toBe(40_000);
  });

  it('empty: every statistic undefined', () => {
    const r = averageSpeedOfAnswer([]);
    expect([r.count, r.meanMs, r.medianMs]).toEqual([0, undefined, undefined]);
  });

  it('rejects interval rows', () => {
    expect(() => averageSpeedOfAnswer([{ offered: 1, answered: 1, abandoned: 0 }] as unknown as Call[])).toThrowError(/interval rows/);
  });
});
