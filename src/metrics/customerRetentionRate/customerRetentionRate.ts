/**
 * Customer retention rate (CRR).
 *
 * Formula: CRR = (E − N) / S × 100, with S customers at the start of the period, E at the end and N new
 * during it. From customer records: the share of the customers active at the start still active at the end
 * (new customers, kept or lost, do not count; that is (E − N)/S with N counting only the new customers still
 * there at the end).
 * Options (records): period, timeZone, invalid; confidence.
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
import { checkOptionKeys } from '../../_lib/options.js';
import { readConfidence, readInvalid } from '../../options/shared.js';
import { MetricsError } from '../../results/errors.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * Why a customer record was left out of {@link customerRetentionRate}.
 *
 * @category Customers
 */
export type CustomerRetentionRateExclusion = CustomerExclusion;

/**
 * Options of {@link customerRetentionRate}.
 *
 * @category Customers
 */
export interface CustomerRetentionRateOptions extends CustomerRecordOptions {
  /**
   * Confidence level of the Wilson interval.
   * @defaultValue `0.95`
   */
  readonly confidence?: number;
}

/**
 * The result of {@link customerRetentionRate}: retained over customers at the start, as a
 * {@link RateResult}, with the counts it came from.
 *
 * @category Customers
 */
export interface CustomerRetentionRateResult extends RateResult<CustomerRetentionRateExclusion> {
  readonly customersAtStart: number;
  readonly customersAtEnd: number;
  readonly newCustomers: number;
  /** The numerator: E − N (+ newCustomersLost when given) from counts, or customers of S still active at the end (records). */
  readonly retained: number;
  /** New customers who also left during the period (records, or counts that give it). */
  readonly newCustomersLost: number | undefined;
}

const NAME = 'customerRetentionRate';
const OPTIONS: readonly (keyof CustomerRetentionRateOptions)[] = ['period', 'timeZone', 'invalid', 'confidence'];

/**
 * Customer retention rate (CRR): the share of the customers at the start of a period still customers at
 * its end.
 *
 * Cost: O(1) from counts, O(n) from records.
 *
 * @category Customers
 * @param input - `{ customersAtStart, customersAtEnd, newCustomers }`, or customer records `{ id, startedAt,
 *   endedAt? }` with `options.period`
 * @param options - the period for records, confidence level
 * @returns retained / customersAtStart as a {@link RateResult}
 * @throws MetricsError naming the field for impossible counts: negative, S = 0, E − N < 0, E − N > S, or a
 *   `customersLost` that disagrees with them (S + N − lost − newLost ≠ E)
 * @example
 * ```ts
 * import { customerRetentionRate } from 'helpdesk-metrics';
 * const crr = customerRetentionRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30 });
 * crr.percent;  //=> 90 ((210 − 30) / 200)
 * crr.retained; //=> 180
 * ```
 */
export function customerRetentionRate(
  input: CustomerCounts | readonly CustomerRecord[],
  options?: CustomerRetentionRateOptions,
): CustomerRetentionRateResult {
  checkOptionKeys(NAME, options, OPTIONS);
  const level = readConfidence(NAME, options?.confidence);
  readInvalid(NAME, options?.invalid); // read by the records path; checked whatever the input
  if (Array.isArray(input)) {
    const t = tallyCustomers(NAME, input, options);
    if (t.atStart === 0) {
      throw new MetricsError({ code: 'out_of_range', functionName: NAME, field: 'customersAtStart', rule: 'no customer was active at the start of the period (S = 0): retention is undefined' });
    }
    const retained = t.atStart - t.lost;
    return {
      ...buildRate(retained, t.atStart, t.excluded, level),
      customersAtStart: t.atStart,
      customersAtEnd: t.atEnd,
      newCustomers: t.newCustomers,
      retained,
      newCustomersLost: t.newLost,
    };
  }
  const c = readCustomerCounts(NAME, input);
  const S = c.atStart;
  const E = c.atEnd;
  const N = c.newCustomers;
  if (E === undefined) throw new MetricsError({ code: 'missing_field', functionName: NAME, field: 'customersAtEnd', rule: 'customersAtEnd is required' });
  if (N === undefined) throw new MetricsError({ code: 'missing_field', functionName: NAME, field: 'newCustomers', rule: 'newCustomers is required' });
  if (S === 0) throw new MetricsError({ code: 'out_of_range', functionName: NAME, field: 'customersAtStart', rule: 'customersAtStart is 0: retention is undefined' });
  // The retained are E without the new customers still there at the end.
  const retained = E - N + (c.newLost ?? 0);
  return {
    ...buildRate(retained, S, { total: 0, byReason: {}, ids: {} }, level),
    customersAtStart: S,
    customersAtEnd: E,
    newCustomers: N,
    retained,
    newCustomersLost: c.newLost,
  };
}
