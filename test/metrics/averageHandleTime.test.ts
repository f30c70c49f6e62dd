import { describe, expect, it } from 'vitest';
import { averageHandleTime } from '../../src/metrics/averageHandleTime/index.js';
import type { Call } from '../../src/model/index.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

describe('averageHandleTime', () => {
  // Call 1: connected 4 min (of which 30 s hold) + 1 min wrap-up = 5 min. Call 2: connected 2 min, no wrap-up.
  const calls: readonly Call[] = Object.freeze([
    { id: 1, queuedAt: T0, answeredAt: T0 + 10_000, endedAt: T0 + 250_000, holdMs: 30_000, wrapUpMs: 60_000 },
    { id: 2, queuedAt: T0, answeredAt: T0 + 5_000, endedAt: T0 + 125_000 },
    { id: 3, queuedAt: T0, answeredAt: T0 + 5_000 },
    { id: 4, queuedAt: T0, abandonedAt: T0 + 5_000, endedAt: T0 + 5_000 },
    { id: 5, queuedAt: T0 },
  ]);

  it('talk + hold + wrap-up over handled calls', () => {
    const r = averageHandleTime(calls);
    expect(r.count).toBe(2);
    expect(r.totalMs).toBe(420_000);
    expect(r.meanMs).toBe(210_000);
    expect(r.excluded.byReason).toEqual({ in_progress: 1, abandoned: 1, in_queue: 1 });
  });

  it('hold and wrap-up can be left out', () => {
    expect(averageHandleTime(calls, { includeWrapUp: false }).totalMs).toBe(360_000);
    expect(averageHandleTime(calls, { includeHold: false }).totalMs).toBe(390_000);
    expect(averageHandleTime(calls, { includeHold: false, includeWrapUp: false }).totalMs).toBe(330_000);
  });

  it('rejects negative or fractional hold, and hold longer than the call', () => {
    expect(() => averageHandleTime([{ id: 1, queuedAt: T0, answeredAt: T0, endedAt: T0 + 10, holdMs: -1 }])).toThrowError(/holdMs/);
    expect(() => averageHandleTime([{ id: 1, queuedAt: T0, answeredAt: T0, endedAt: T0 + 10, wrapUpMs: 0.5 }])).toThrowError(/wrapUpMs/);
    expect(() => averageHandleTime([{ id: 1, queuedAt: T0, answeredAt: T0, endedAt: T0 + 10, holdMs: 11 }])).toThrowError(/exceeds the connected time/);
    expect(() => averageHandleTime([{ id: 1, queuedAt: T0, answeredAt: T0 + 10, endedAt: T0 + 5 }])).toThrowError(/precedes answer/);
    expect(() => averageHandleTime([{ id: 1, queuedAt: T0, endedAt: T0 + 5 }])).toThrowError(/neither answered nor abandoned/);
  });
});
