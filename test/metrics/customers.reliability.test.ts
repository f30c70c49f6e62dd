/**
 * Issue 11 (retention and churn): contradictory counts accepted, −0 echoed, unknown keys ignored, values
 * printed unfaithfully. Each test failed before the fix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRate } from '../../src/metrics/churnRate/index.js';
import { customerRetentionRate } from '../../src/metrics/customerRetentionRate/index.js';
import { MetricsError } from '../../src/results/errors.js';
import { expectClean, metricsErrorOf } from '../support/clean.js';
import { fcParams } from '../support/fc.js';

describe('counts that over-determine churn must agree', () => {
  it('customersLost 50 against start/end/new that imply 20 is an error naming customersLost and the rule', () => {
    const counts = { customersAtStart: 200, customersAtEnd: 210, newCustomers: 30, customersLost: 50 };
    for (const f of [() => churnRate(counts), () => customerRetentionRate(counts)]) {
      const e = metricsErrorOf(f);
      expect([e.code, e.field]).toEqual(['inconsistent', 'customersLost']);
      expect(e.message).toContain('200 + 30 − 50 − 0 = 180, but customersAtEnd is 210');
    }
  });

  it('agreeing counts give one answer: churn 10 %, retention 90 %', () => {
    const counts = { customersAtStart: 200, customersAtEnd: 210, newCustomers: 30, customersLost: 20 };
    expect(churnRate(counts).percent).toBe(10);
    expect(customerRetentionRate(counts).percent).toBe(90);
    // New customers lost in the period are part of the identity, and do not lower retention.
    const withNewLost = { customersAtStart: 200, customersAtEnd: 200, newCustomers: 30, customersLost: 20, newCustomersLost: 10 };
    expect(churnRate(withNewLost).percent).toBe(10);
    expect(customerRetentionRate(withNewLost).percent).toBe(90);
    expect(customerRetentionRate(withNewLost).newCustomersLost).toBe(10);
    expect(churnRate(withNewLost, { newCustomers: 'include' }).rate).toBe(30 / 230);
    expect(metricsErrorOf(() => churnRate({ ...withNewLost, newCustomersLost: 0 })).field).toBe('customersLost');
  });

  it('without N, the end count still bounds the lost: S − lost customers were retained', () => {
    const e = metricsErrorOf(() => churnRate({ customersAtStart: 200, customersLost: 20, customersAtEnd: 150 }));
    expect([e.code, e.field]).toEqual(['inconsistent', 'customersLost']);
    expect(churnRate({ customersAtStart: 200, customersLost: 20, customersAtEnd: 190 }).percent).toBe(10);
  });

  it('the derivation from (S, E, N) reads newCustomersLost instead of ignoring it', () => {
    // 200 at start, 30 new of which 10 left, 200 at the end: 20 of S were lost.
    const r = churnRate({ customersAtStart: 200, customersAtEnd: 200, newCustomers: 30, newCustomersLost: 10 } as never);
    expect(r.customersLost).toBe(20);
  });

  it('property: counts built from a cohort are accepted by both, any one count changed is rejected', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 6 }),
        fc.nat(10 ** 6),
        fc.nat(10 ** 6),
        fc.nat(10 ** 6),
        fc.constantFrom('customersAtStart', 'customersAtEnd', 'newCustomers', 'customersLost', 'newCustomersLost'),
        fc.integer({ min: 1, max: 5 }),
        (S, lostRaw, N, newLostRaw, field, delta) => {
          const lost = lostRaw % (S + 1);
          const newLost = newLostRaw % (N + 1);
          const counts = { customersAtStart: S, customersAtEnd: S - lost + N - newLost, newCustomers: N, customersLost: lost, newCustomersLost: newLost };
          const churn = churnRate(counts);
          const crr = customerRetentionRate(counts);
          expect(churn.numerator).toBe(lost);
          expect(crr.numerator + churn.numerator).toBe(S);
          const changed = { ...counts, [field]: counts[field as keyof typeof counts] + delta };
          expect(() => churnRate(changed)).toThrow(MetricsError);
          expect(() => customerRetentionRate(changed)).toThrow(MetricsError);
        },
      ),
      fcParams(200),
    );
  });
});

describe('no −0 echoed, unknown keys rejected, values printed as they are', () => {
  it('-0 counts read as 0', () => {
    const churn = churnRate({ customersAtStart: 200, customersLost: -0 });
    expect(Object.is(churn.customersLost, 0)).toBe(true);
    expect(Object.is(churn.numerator, 0)).toBe(true);
    expectClean(churn);
    const crr = customerRetentionRate({ customersAtStart: 200, customersAtEnd: -0, newCustomers: -0 });
    expectClean(crr);
  });

  it('a misspelled count or option is an error with the nearest name', () => {
    const input = metricsErrorOf(() => churnRate({ customersAtStart: 200, customerLost: 20, customersAtEnd: 210, newCustomers: 30 } as never));
    expect([input.code, input.field]).toEqual(['invalid_argument', 'customerLost']);
    expect(input.message).toContain('did you mean "customersLost"?');
    const option = metricsErrorOf(() => churnRate({ customersAtStart: 200, customersLost: 2 }, { newCustomer: 'include' } as never));
    expect([option.code, option.field]).toEqual(['invalid_option', 'newCustomer']);
    expect(option.message).toContain('did you mean "newCustomers"?');
    const period = metricsErrorOf(() => customerRetentionRate([], { period: { from: '2026-01-01T00:00:00Z', too: '2026-02-01T00:00:00Z' } as never }));
    expect([period.code, period.field]).toEqual(['invalid_option', 'period.too']);
  });

  it('messages show NaN, strings and bigints as they are', () => {
    expect(metricsErrorOf(() => churnRate({ customersAtStart: NaN, customersLost: 1 })).message).toContain('got NaN');
    expect(metricsErrorOf(() => churnRate({ customersAtStart: '200', customersLost: 1 } as never)).message).toContain('got "200"');
    expect(metricsErrorOf(() => customerRetentionRate({ customersAtStart: 5n } as never)).message).toContain('got 5n');
    expect(metricsErrorOf(() => churnRate({ customersAtStart: 2, customersLost: 1 }, { confidence: '0.9' } as never)).message).toContain('got "0.9"');
    expect(metricsErrorOf(() => churnRate({ customersAtStart: 2, customersLost: 1 }, { invalid: NaN } as never)).message).toContain('got NaN');
  });

  it('a throwing getter on a customer record is a MetricsError with the cause', () => {
    const rec = Object.defineProperty({ id: 'a' }, 'startedAt', { get: () => { throw new Error('denied'); } });
    const e = metricsErrorOf(() => churnRate([rec as never], { period: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } }));
    expect([e.code, e.recordIndex]).toEqual(['invalid_record', 0]);
    expect((e.cause as Error).message).toBe('denied');
  });
});
