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
  /** The numerator: E − N (counts), or customers of S still active at the end (records). */
  readonly retained: number;
  /** New customers who also left during the period (records only). */
  readonly newCustomersLost: number | undefined;
}

const NAME = 'customerRetentionRate';

function checkConfidence(functionName: string, value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value === 'number' && value > 0 && value < 1) return value;
  throw new MetricsError({ code: 'invalid_option', functionName, field: 'confidence', rule: 'must be a number strictly between 0 and 1' });
}

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
 * @throws MetricsError naming the field for impossible counts: negative, S = 0, E − N < 0, E − N > S
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
  const level = checkConfidence(NAME, options?.confidence);
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
  if (input === null || typeof input !== 'object') {
    throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: 'input', rule: 'must be { customersAtStart, customersAtEnd, newCustomers } or an array of customer records' });
  }
  const S = countField(NAME, input, 'customersAtStart');
  const E = countField(NAME, input, 'customersAtEnd');
  const N = countField(NAME, input, 'newCustomers');
  if (S === 0) throw new MetricsError({ code: 'out_of_range', functionName: NAME, field: 'customersAtStart', rule: 'customersAtStart is 0: retention is undefined' });
  if (E - N < 0) throw new MetricsError({ code: 'inconsistent', functionName: NAME, field: 'newCustomers', rule: `newCustomers (${N}) exceeds customersAtEnd (${E})` });
  if (E - N > S) throw new MetricsError({ code: 'inconsistent', functionName: NAME, field: 'customersAtEnd', rule: `customersAtEnd − newCustomers (${E - N}) exceeds customersAtStart (${S})` });
  return {
    ...buildRate(E - N, S, { total: 0, byReason: {}, ids: {} }, level),
    customersAtStart: S,
    customersAtEnd: E,
    newCustomers: N,
    retained: E - N,
    newCustomersLost: undefined,
  };
}
