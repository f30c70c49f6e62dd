/**
 * Hostile input for the rest of the public surface: customer retention and churn (counts and records),
 * ageBucketLabels, and the MetricsError class itself.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ageBucketLabels, churnRate, customerRetentionRate, MetricsError } from '../../src/index.js';
import { MetricsError as MetricsErrorFromSource } from '../../src/results/errors.js';
import { fcParams } from '../support/fc.js';
import { customerRecordsArb, DAY, dataValueArb, epochSecondsArb, hostileValueArb, MON } from './arbitraries.js';
import {
  checkAccount,
  checkError,
  describeHostile,
  documentedOptions,
  expectContract,
  expectMetricsError,
  expectResult,
  PROPERTY_TIMEOUT,
  recordsProperty,
  standardProperties,
  typoVariants,
  type FnSpec,
} from './harness.js';
import { TYPE_KEYS } from './registry.js';

const PERIOD = { from: MON, to: MON + 30 * DAY };
const sampleCustomers = (): Array<Record<string, unknown>> => [
  { id: 1, startedAt: MON - 10 * DAY },
  { id: 2, startedAt: MON - 5 * DAY, endedAt: MON + 3 * DAY },
  { id: 3, startedAt: MON + 2 * DAY },
  { id: 4, startedAt: MON + 3 * DAY, endedAt: MON + 4 * DAY },
];

function spec(name: string, call: (input: unknown, options: unknown) => unknown, options: Record<string, unknown>): FnSpec {
  return {
    name,
    call: (i, o) => call(i, o),
    arity: 2,
    valid: () => [sampleCustomers()],
    optionsIndex: 1,
    base: { period: PERIOD },
    options: documentedOptions(name, options),
    nested: { period: { keys: TYPE_KEYS.Period as readonly string[], valid: PERIOD } },
    // Another valid period can leave no customer at its start: S = 0 is an error about the counts.
    related: { period: ['customersAtStart'] },
  };
}

const RETENTION = spec('customerRetentionRate', (i, o) => customerRetentionRate(i as never, o as never), { period: PERIOD, timeZone: 'Europe/Paris', invalid: 'exclude', confidence: 0.9 });
const CHURN = spec('churnRate', (i, o) => churnRate(i as never, o as never), { period: PERIOD, timeZone: 'Europe/Paris', invalid: 'exclude', confidence: 0.9, newCustomers: 'include' });

const countArb = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(-0, -1, 0.5, NaN, Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, '5', 5n), dataValueArb);

function customerProperties(s: FnSpec): void {
  standardProperties(s);
  recordsProperty(
    s.name,
    customerRecordsArb,
    (records, invalid) => s.call(records, { period: PERIOD, invalid }),
    (records, r) =>
      checkAccount(s.name, 'customersAtStart + newCustomers', (r.customersAtStart as number) + ((r.newCustomers as number | undefined) ?? 0), (r.excluded as { total: number }).total, (records as unknown[]).length),
  );
  it('counts of any kind: a rate or a MetricsError naming the count', () => {
    fc.assert(
      fc.property(fc.record({ customersAtStart: countArb, customersAtEnd: countArb, newCustomers: countArb, customersLost: countArb, newCustomersLost: countArb }, { requiredKeys: [] }), (counts) => {
        expectContract(s.name, () => s.call(counts, undefined));
      }),
      fcParams(100),
    );
  }, PROPERTY_TIMEOUT);
  it('epoch numbers before 1975 as startedAt are rejected as epoch_seconds', () => {
    fc.assert(
      fc.property(epochSecondsArb, (t) => {
        expectMetricsError(s.name, () => s.call([{ id: 1, startedAt: t }], { period: { from: '1970-01-01T00:00:00Z', to: MON } }), 'epoch_seconds', 'startedAt');
      }),
      fcParams(30),
    );
  }, PROPERTY_TIMEOUT);
}

describeHostile('customerRetentionRate', () => {
  customerProperties(RETENTION);
  it('a misspelled key of the counts is rejected, naming it', () => {
    const counts = { customersAtStart: 100, customersAtEnd: 95, newCustomers: 10 };
    for (const key of TYPE_KEYS.CustomerCounts as readonly string[]) {
      for (const typo of typoVariants(key, TYPE_KEYS.CustomerCounts as readonly string[])) {
        expectMetricsError('customerRetentionRate', () => customerRetentionRate({ ...counts, [typo]: 10 } as never), ['invalid_option', 'invalid_argument'], new RegExp(`(^|\\.)${typo}$`));
      }
    }
  });
});

describeHostile('churnRate', () => {
  customerProperties(CHURN);
  it('customersLost that contradicts start, end and new counts is an inconsistent MetricsError naming customersLost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(500), fc.nat(500), fc.nat(500), (S, kept, N, L) => {
        const E = Math.min(kept, S) + N; // E − N ≤ S: the three counts agree
        const implied = S - (E - N);
        fc.pre(L !== implied && L <= S);
        expectMetricsError('churnRate', () => churnRate({ customersAtStart: S, customersAtEnd: E, newCustomers: N, customersLost: L } as never), 'inconsistent', /customersLost|customersAtEnd|newCustomers/);
      }),
      fcParams(100),
    );
  }, PROPERTY_TIMEOUT);
  it('the issue case: lost 50 against counts that imply 20', () => {
    expectMetricsError('churnRate', () => churnRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30, customersLost: 50 } as never), 'inconsistent', 'customersLost');
  });
  it('a misspelled key of the churn counts is rejected, naming it (newCustomer is not "no new customers")', () => {
    const counts = { customersAtStart: 100, customersLost: 5, newCustomers: 10, newCustomersLost: 2 };
    for (const key of TYPE_KEYS.ChurnCounts as readonly string[]) {
      for (const typo of typoVariants(key, [...(TYPE_KEYS.ChurnCounts as readonly string[]), 'customersAtEnd'])) {
        expectMetricsError('churnRate', () => churnRate({ ...counts, [typo]: 3 } as never), ['invalid_option', 'invalid_argument'], new RegExp(`(^|\\.)${typo}$`));
      }
    }
  });
});

describeHostile('ageBucketLabels', () => {
  it('any value: labels or a MetricsError', () => {
    fc.assert(
      fc.property(fc.oneof(hostileValueArb, fc.array(fc.oneof(fc.integer({ min: -5, max: 10 ** 9 }), dataValueArb), { maxLength: 5 })), (edges) => {
        expectContract('ageBucketLabels', () => ageBucketLabels(edges as never));
      }),
      fcParams(150),
    );
  }, PROPERTY_TIMEOUT);
  it('strictly increasing whole ms > 0: one distinct label per bucket, no NaN', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 10 ** 10 }), fc.constantFrom(1, 999, 1000, 60_000, 3_600_000, DAY, 7 * DAY)), { maxLength: 8 }), (raw) => {
        const edges = [...raw].sort((a, b) => a - b);
        const labels = expectResult<string[]>('ageBucketLabels', () => ageBucketLabels(edges));
        expect(labels.length).toBe(edges.length + 1);
        expect(new Set(labels).size).toBe(labels.length);
        for (const l of labels) expect(l).not.toMatch(/NaN|Infinity|undefined|null/);
      }),
      fcParams(100),
    );
  }, PROPERTY_TIMEOUT);
  it('edges that are not strictly increasing whole ms > 0 are a MetricsError (not a TypeError, not NaN labels)', () => {
    for (const edges of [5, [NaN, -5], [0], [-1], [2, 1], [1, 1], [1.5], [Infinity], ['1000'], [1n], null, 'abc', {}]) {
      expectMetricsError('ageBucketLabels', () => ageBucketLabels(edges as never), ['invalid_option', 'invalid_argument', 'out_of_range']);
    }
  });
});

describeHostile('MetricsError', () => {
  it('is one class: the export is the class of src/results/errors.ts, an Error named MetricsError', () => {
    expect(MetricsError).toBe(MetricsErrorFromSource);
    const e = new MetricsError({ code: 'invalid_option', functionName: 'f', rule: 'r', field: 'x' });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.field, e.message]).toEqual(['MetricsError', 'invalid_option', 'x', 'f: x: r [invalid_option]']);
    checkError('f', e);
  });
  it('details of any kind in every field: constructing never throws, and the fields echo the details', () => {
    fc.assert(
      fc.property(
        fc.record(
          { code: fc.oneof(fc.constantFrom('invalid_option', 'internal'), dataValueArb), functionName: fc.oneof(fc.string(), dataValueArb), rule: fc.oneof(fc.string(), dataValueArb), recordId: dataValueArb, recordIndex: dataValueArb, field: dataValueArb, collection: dataValueArb, cause: dataValueArb },
          { requiredKeys: [] },
        ),
        (details) => {
          let e: MetricsError;
          try {
            e = new MetricsError(details as never);
          } catch (caught) {
            throw new Error(`new MetricsError(details) threw ${(caught as Error).constructor.name}: ${(caught as Error).message}`);
          }
          expect(e).toBeInstanceOf(MetricsError);
          expect(typeof e.message).toBe('string');
          expect(e.code).toBe(details.code);
          if (details.cause !== undefined) expect(e.cause).toBe(details.cause);
        },
      ),
      fcParams(200),
    );
  }, PROPERTY_TIMEOUT);
  it('no details, or details that are not an object: a MetricsError or a MetricsError thrown, never a TypeError', () => {
    for (const details of [undefined, null, 5, 'x', Symbol('s'), [], () => 1]) {
      try {
        expect(new MetricsError(details as never)).toBeInstanceOf(MetricsError);
      } catch (caught) {
        if (!(caught instanceof MetricsError)) throw new Error(`new MetricsError(${String(typeof details)}) threw ${(caught as Error).constructor.name}: ${(caught as Error).message}`);
      }
    }
  });
});
