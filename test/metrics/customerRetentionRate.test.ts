import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRate } from '../../src/metrics/churnRate/index.js';
import { customerRetentionRate } from '../../src/metrics/customerRetentionRate/index.js';
import { MetricsError } from '../../src/results/errors.js';
import { fcParams } from '../support/fc.js';

describe('customerRetentionRate and churnRate: worked examples (docs/surveys.md)', () => {
  it('S 200, E 210, N 30 → CRR 90 %, churn 10 %', () => {
    const crr = customerRetentionRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30 });
    expect(crr.percent).toBe(90);
    expect(crr.retained).toBe(180);
    expect(churnRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30 }).percent).toBe(10);
    expect(churnRate({ customersAtStart: 200, customersLost: 20 }).percent).toBe(10);
  });

  it('impossible counts name the field', () => {
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(MetricsError);
        return (e as MetricsError).field;
      }
      return 'no error';
    };
    expect(field(() => customerRetentionRate({ customersAtStart: 0, customersAtEnd: 5, newCustomers: 5 }))).toBe('customersAtStart');
    expect(field(() => customerRetentionRate({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 6 }))).toBe('newCustomers');
    expect(field(() => customerRetentionRate({ customersAtStart: 10, customersAtEnd: 50, newCustomers: 6 }))).toBe('customersAtEnd');
    expect(field(() => customerRetentionRate({ customersAtStart: -1, customersAtEnd: 5, newCustomers: 5 }))).toBe('customersAtStart');
    expect(field(() => churnRate({ customersAtStart: 10, customersLost: 11 }))).toBe('customersLost');
    expect(field(() => churnRate({ customersAtStart: 0, customersLost: 0 }))).toBe('customersAtStart');
  });

  it('from customer records over March 2026', () => {
    const period = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    const customers = Object.freeze([
      { id: 'a', startedAt: '2025-01-01T00:00:00Z' }, // at start, stays
      { id: 'b', startedAt: '2025-06-01T00:00:00Z', endedAt: '2026-03-10T00:00:00Z' }, // at start, lost
      { id: 'c', startedAt: '2025-06-01T00:00:00Z', endedAt: '2026-04-01T00:00:00Z' }, // at start, leaves at `to`: kept
      { id: 'd', startedAt: '2026-03-05T00:00:00Z' }, // new, stays
      { id: 'e', startedAt: '2026-03-05T00:00:00Z', endedAt: '2026-03-20T00:00:00Z' }, // new, lost
      { id: 'f', startedAt: '2024-01-01T00:00:00Z', endedAt: '2026-02-01T00:00:00Z' }, // gone before
    ]);
    const crr = customerRetentionRate(customers, { period });
    expect([crr.customersAtStart, crr.customersAtEnd, crr.newCustomers, crr.retained, crr.newCustomersLost]).toEqual([3, 3, 2, 2, 1]);
    expect(crr.rate).toBeCloseTo(2 / 3, 15);
    expect(crr.excluded.byReason.outside_period).toBe(1); // the deprecated name, through its alias
    expect(crr.excluded.byReason).toEqual({ out_of_period: 1 });
    expect(churnRate(customers, { period }).rate).toBeCloseTo(1 / 3, 15);
    expect(churnRate(customers, { period, newCustomers: 'include' }).rate).toBe(2 / 5);
    expect(() => customerRetentionRate([{ id: 'x', startedAt: '2026-03-02' }], { period })).toThrow(/offset/);
  });

  it('closed cohort: churn = 100 − CRR, both in [0, 100]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 6 }), fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 0, max: 10 ** 6 }), (S, lostRaw, N) => {
        const lost = lostRaw % (S + 1);
        const input = { customersAtStart: S, customersAtEnd: S - lost + N, newCustomers: N };
        const crr = customerRetentionRate(input);
        const churn = churnRate(input);
        expect(crr.numerator + churn.numerator).toBe(S);
        expect(crr.percent! + churn.percent!).toBeCloseTo(100, 9);
        expect(crr.percent!).toBeGreaterThanOrEqual(0);
        expect(churn.percent!).toBeLessThanOrEqual(100);
      }),
      fcParams(100),
    );
  });
});
