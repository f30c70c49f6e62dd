/**
 * Customer churn rate.
 *
 * Formula: churn = customers lost during the period / customers at its start (S) × 100; from
 * `{ customersAtStart, customersAtEnd, newCustomers }` the lost are S − (E − N), so that churn = 100 − CRR.
 * Option `newCustomers: 'include'` also counts the customers acquired and lost in the period:
 * (lost + new lost) / (S + N), the share of everyone at risk during the period.
 * Options (records): period, timeZone, invalid; newCustomers; confidence.
 *
 * @module
 */
import {
  readCustomerCounts,
  tallyCustomers,
  type CustomerCounts,
  type CustomerExclusion,
  type CustomerRecord,
  type CustomerRecordOptions,
} from '../../_lib/customers.js';
import { checkOptionKeys, describe } from '../../_lib/options.js';
import { readConfidence, readInvalid } from '../../options/shared.js';
import { MetricsError } from '../../results/errors.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * Why a customer record was left out of {@link churnRate}.
 *
 * @category Customers
 */
export type ChurnRateExclusion = CustomerExclusion;

/**
 * Churn counts given directly: customers at the start and customers lost, optionally with the new customers
 * and how many of them were lost (needed by `newCustomers: 'include'`) and the customers at the end. Counts
 * that determine each other must agree: S + N − customersLost − newCustomersLost = E.
 *
 * @category Customers
 */
export interface ChurnCounts {
  readonly customersAtStart: number;
  readonly customersLost: number;
  readonly newCustomers?: number;
  readonly newCustomersLost?: number;
  readonly customersAtEnd?: number;
}

/**
 * Options of {@link churnRate}.
 *
 * @category Customers
 */
export interface ChurnRateOptions extends CustomerRecordOptions {
  /**
   * Customers acquired and lost within the period: `'ignore'` (lost / S, the usual churn), or `'include'`
   * ((lost + new lost) / (S + N)).
   * @defaultValue `'ignore'`
   */
  readonly newCustomers?: 'ignore' | 'include';
  /** @defaultValue `0.95` */
  readonly confidence?: number;
}

/**
 * The result of {@link churnRate}: lost over at risk, as a {@link RateResult}, with the counts.
 *
 * @category Customers
 */
export interface ChurnRateResult extends RateResult<ChurnRateExclusion> {
  readonly customersAtStart: number;
  /** Customers of S lost during the period. */
  readonly customersLost: number;
  /** N, when known. */
  readonly newCustomers: number | undefined;
  /** New customers also lost in the period, when known. */
  readonly newCustomersLost: number | undefined;
  readonly newCustomersTreatment: 'ignore' | 'include';
}

const NAME = 'churnRate';
const OPTIONS: readonly (keyof ChurnRateOptions)[] = ['period', 'timeZone', 'invalid', 'newCustomers', 'confidence'];

function fail(code: 'out_of_range' | 'inconsistent' | 'invalid_option' | 'invalid_argument' | 'missing_field', field: string, rule: string): never {
  throw new MetricsError({ code, functionName: NAME, field, rule });
}

/**
 * Customer churn rate: the share of the customers at the start of a period lost during it.
 *
 * Cost: O(1) from counts, O(n) from records.
 *
 * @category Customers
 * @param input - `{ customersAtStart, customersLost }`, `{ customersAtStart, customersAtEnd, newCustomers }`,
 *   or customer records with `options.period`
 * @param options - treatment of new customers, the period for records, confidence level
 * @returns lost / customersAtStart as a {@link RateResult}
 * @throws MetricsError naming the field for impossible counts (negative, S = 0, lost > S, or counts that
 *   contradict each other: `customersLost` with S + N − lost − newLost ≠ E)
 * @example
 * ```ts
 * import { churnRate } from 'helpdesk-metrics';
 * churnRate({ customersAtStart: 200, customersLost: 20 }).percent;                     //=> 10
 * churnRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30 }).percent; //=> 10
 * ```
 */
export function churnRate(
  input: ChurnCounts | CustomerCounts | readonly CustomerRecord[],
  options?: ChurnRateOptions,
): ChurnRateResult {
  checkOptionKeys(NAME, options, OPTIONS);
  const level = readConfidence(NAME, options?.confidence);
  readInvalid(NAME, options?.invalid); // read by the records path; checked whatever the input
  const treatment = options?.newCustomers ?? 'ignore';
  if (treatment !== 'ignore' && treatment !== 'include') fail('invalid_option', 'newCustomers', `must be 'ignore' or 'include', got ${describe(treatment)}`);
  let S: number;
  let lost: number;
  let N: number | undefined;
  let newLost: number | undefined;
  let excluded: ChurnRateResult['excluded'] = { total: 0, byReason: {}, ids: {} };
  if (Array.isArray(input)) {
    const t = tallyCustomers(NAME, input, options);
    S = t.atStart;
    lost = t.lost;
    N = t.newCustomers;
    newLost = t.newLost;
    excluded = t.excluded;
  } else {
    const c = readCustomerCounts(NAME, input);
    S = c.atStart;
    N = c.newCustomers;
    newLost = c.newLost;
    if (c.lost !== undefined) lost = c.lost;
    else {
      if (c.atEnd === undefined) fail('missing_field', 'customersAtEnd', 'customersLost, or customersAtEnd and newCustomers, are required');
      if (N === undefined) fail('missing_field', 'newCustomers', 'customersLost, or customersAtEnd and newCustomers, are required');
      // E = S − lost + N − newLost (readCustomerCounts checked that 0 ≤ lost ≤ S).
      lost = S + N - (newLost ?? 0) - c.atEnd;
    }
  }
  if (S === 0) fail('out_of_range', 'customersAtStart', 'no customers at the start of the period (S = 0): churn is undefined');
  let numerator = lost;
  let denominator = S;
  if (treatment === 'include') {
    if (N === undefined || newLost === undefined) {
      fail('invalid_option', 'newCustomers', "'include' needs customer records, or newCustomers and newCustomersLost");
    }
    numerator += newLost;
    denominator += N;
  }
  return {
    ...buildRate(numerator, denominator, excluded, level),
    customersAtStart: S,
    customersLost: lost,
    newCustomers: N,
    newCustomersLost: newLost,
    newCustomersTreatment: treatment,
  };
}
