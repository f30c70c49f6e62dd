/**
 * Customer counts for retention and churn: from the three counts, or from customer records with start and
 * end instants over a period.
 *
 * @internal
 * @module
 */
import { createZoneInfo, type ZoneInfo } from '../calendar/timeZone.js';
import type { Timestamp } from '../model/index.js';
import { MetricsError, type MetricsErrorCode } from '../results/errors.js';
import { createLedger, exclude, finishLedger, type Excluded, type InvalidReason } from '../results/excluded.js';
import { explainTimestamp, toEpochMs } from './timestamp.js';
import { Invalid } from './records.js';

/**
 * A customer relationship: active from `startedAt` (inclusive) until `endedAt` (exclusive; absent or `null`
 * while still a customer).
 *
 * @category Customers
 */
export interface CustomerRecord {
  readonly id: string | number;
  readonly startedAt: Timestamp;
  readonly endedAt?: Timestamp | null;
}

/**
 * The period counts: customers at the start (S), at the end (E), new during the period (N).
 *
 * @category Customers
 */
export interface CustomerCounts {
  readonly customersAtStart: number;
  readonly customersAtEnd: number;
  readonly newCustomers: number;
}

/**
 * Options for customer records.
 *
 * @category Customers
 */
export interface CustomerRecordOptions {
  /** The half-open period `[from, to)`; required with customer records. */
  readonly period?: { readonly from: Timestamp; readonly to: Timestamp };
  /** IANA zone for ISO strings without an offset. */
  readonly timeZone?: string;
  /** @defaultValue `'throw'` */
  readonly invalid?: 'throw' | 'exclude';
}

/**
 * Why a customer record was left out: `'outside_period'` (ended before the period or started at or after its
 * end), or `'invalid:<code>'` under `invalid: 'exclude'`.
 *
 * @category Customers
 */
export type CustomerExclusion = 'outside_period' | InvalidReason;

/** @internal What a period of customers holds. */
export interface CustomerTally {
  /** S: active at `from`. */
  readonly atStart: number;
  /** E: active at `to`. */
  readonly atEnd: number;
  /** N: started in `[from, to)`. */
  readonly newCustomers: number;
  /** Of S, ended in `[from, to)`. */
  readonly lost: number;
  /** Of N, ended in `[from, to)` (acquired and lost in the period). */
  readonly newLost: number;
  readonly excluded: Excluded<CustomerExclusion>;
}

/** @internal Validates a whole count ≥ 0. */
export function countField(functionName: string, input: object, field: string): number {
  const v: unknown = (input as Record<string, unknown>)[field];
  if (v === undefined) throw new MetricsError({ code: 'missing_field', functionName, field, rule: `${field} is required` });
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new MetricsError({ code: 'invalid_value', functionName, field, rule: `${field} must be a whole number, got ${String(v)}` });
  }
  if (v < 0) throw new MetricsError({ code: 'out_of_range', functionName, field, rule: `${field} is negative (${v})` });
  return v;
}

/** @internal Counts customer records over a period. Cost O(n). */
export function tallyCustomers(functionName: string, records: readonly unknown[], options: CustomerRecordOptions | undefined): CustomerTally {
  const invalid = options?.invalid ?? 'throw';
  if (invalid !== 'throw' && invalid !== 'exclude') {
    throw new MetricsError({ code: 'invalid_option', functionName, field: 'invalid', rule: `must be 'throw' or 'exclude', got ${JSON.stringify(invalid)}` });
  }
  let zone: ZoneInfo | undefined;
  if (options?.timeZone !== undefined) {
    zone = typeof options.timeZone === 'string' ? createZoneInfo(options.timeZone) : undefined;
    if (zone === undefined) {
      throw new MetricsError({ code: 'unknown_time_zone', functionName, field: 'timeZone', rule: `${JSON.stringify(options.timeZone)} is not an IANA time zone known to this runtime` });
    }
  }
  const period = options?.period;
  if (period === undefined || period === null || typeof period !== 'object') {
    throw new MetricsError({ code: 'invalid_option', functionName, field: 'period', rule: 'customer records need a period { from, to }' });
  }
  const parse = (value: unknown, field: string): number => {
    const t = toEpochMs(value, zone);
    if (t !== t) throw new MetricsError({ code: 'invalid_option', functionName, field, rule: explainTimestamp(value, zone).rule });
    return t;
  };
  const from = parse(period.from, 'period.from');
  const to = parse(period.to, 'period.to');
  if (!(from < to)) throw new MetricsError({ code: 'invalid_option', functionName, field: 'period', rule: 'period.from must be before period.to' });

  const ledger = createLedger<CustomerExclusion>();
  const seen = new Set<string>();
  let atStart = 0;
  let atEnd = 0;
  let newCustomers = 0;
  let lost = 0;
  let newLost = 0;
  for (let i = 0; i < records.length; i++) {
    const raw = records[i];
    let label = `#${i}`;
    try {
      if (raw === null || typeof raw !== 'object') throw new Invalid('invalid_record', `customers[${i}]`, 'a customer record must be an object');
      const r = raw as CustomerRecord;
      const id: unknown = r.id;
      if (typeof id === 'string' && id.length > 0) label = id;
      else if (typeof id === 'number' && Number.isFinite(id)) label = String(id);
      else throw new Invalid(id === undefined ? 'missing_field' : 'invalid_value', 'id', 'id must be a non-empty string or a finite number');
      if (seen.has(label)) throw new Invalid('duplicate_id', 'id', `id ${JSON.stringify(label)} appears more than once`);
      seen.add(label);
      const start = toEpochMs(r.startedAt, zone);
      if (start !== start) {
        const why = explainTimestamp(r.startedAt, zone);
        throw new Invalid(why.code, 'startedAt', why.rule);
      }
      let end = Infinity;
      if (r.endedAt !== undefined && r.endedAt !== null) {
        end = toEpochMs(r.endedAt, zone);
        if (end !== end) {
          const why = explainTimestamp(r.endedAt, zone);
          throw new Invalid(why.code, 'endedAt', why.rule);
        }
        if (end < start) throw new Invalid('inconsistent', 'endedAt', 'endedAt precedes startedAt');
      }
      // A customer who ended exactly at `from` was still active at `from` (S counts startedAt < from ≤ endedAt),
      // so the loss belongs to this period.
      if (end < from || start >= to || end === start) {
        exclude(ledger, 'outside_period', label);
        continue;
      }
      const endsInPeriod = end < to; // and end > from here
      if (start < from) {
        atStart++;
        if (endsInPeriod) lost++;
      } else {
        newCustomers++;
        if (endsInPeriod) newLost++;
      }
      if (!endsInPeriod) atEnd++;
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      if (invalid === 'throw') {
        throw new MetricsError({
          code: e.code,
          functionName,
          collection: 'customers',
          recordIndex: i,
          recordId: label.startsWith('#') ? undefined : label,
          field: e.field,
          rule: e.rule,
        });
      }
      exclude(ledger, `invalid:${e.code}` as InvalidReason, label);
    }
  }
  return { atStart, atEnd, newCustomers, lost, newLost, excluded: finishLedger(ledger) };
}
