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
  countField,
  tallyCustomers,
  type CustomerCounts,
  type CustomerExclusion,
  type CustomerRecord,
  type CustomerRecordOptions,
} from '../../_lib/customers.js';
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
 * and how many of them were lost (needed by `newCustomers: 'include'`).
 *
 * @category Customers
 */
export interface ChurnCounts {
  readonly customersAtStart: number;
  readonly customersLost: number;
  readonly newCustomers?: number;
  readonly newCustomersLost?: number;
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

function fail(code: 'out_of_range' | 'inconsistent' | 'invalid_option' | 'invalid_argument', field: string, rule: string): never {
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
 * @throws MetricsError naming the field for impossible counts (negative, S = 0, lost > S)
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
  const level = options?.confidence ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) fail('invalid_option', 'confidence', 'must be a number strictly between 0 and 1');
  const treatment = options?.newCustomers ?? 'ignore';
  if (treatment !== 'ignore' && treatment !== 'include') fail('invalid_option', 'newCustomers', `must be 'ignore' or 'include', got ${JSON.stringify(treatment)}`);
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
    if (input === null || typeof input !== 'object') {
      fail('invalid_argument', 'input', 'must be churn counts or an array of customer records');
    }
    S = countField(NAME, input, 'customersAtStart');
    if ('customersLost' in input && input.customersLost !== undefined) {
      lost = countField(NAME, input, 'customersLost');
      if (lost > S) fail('inconsistent', 'customersLost', `customersLost (${lost}) exceeds customersAtStart (${S})`);
      const c = input as ChurnCounts;
      if (c.newCustomers !== undefined) N = countField(NAME, input, 'newCustomers');
      if (c.newCustomersLost !== undefined) {
        newLost = countField(NAME, input, 'newCustomersLost');
        if (N === undefined) fail('invalid_argument', 'newCustomers', 'newCustomersLost needs newCustomers');
        if (newLost > N) fail('inconsistent', 'newCustomersLost', `newCustomersLost (${newLost}) exceeds newCustomers (${N})`);
      }
    } else {
      const E = countField(NAME, input, 'customersAtEnd');
      N = countField(NAME, input, 'newCustomers');
      if (E - N < 0) fail('inconsistent', 'newCustomers', `newCustomers (${N}) exceeds customersAtEnd (${E})`);
      if (E - N > S) fail('inconsistent', 'customersAtEnd', `customersAtEnd − newCustomers (${E - N}) exceeds customersAtStart (${S})`);
      lost = S - (E - N);
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
