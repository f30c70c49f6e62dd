/**
 * Customer counts for retention and churn: from the three counts, or from customer records with start and
 * end instants over a period.
 *
 * @internal
 * @module
 */
import type { Timestamp } from '../model/index.js';
import { MetricsError, type MetricsErrorCode } from '../results/errors.js';
import { createLedger, exclude, finishLedger, withReasonAliases, type Excluded, type InvalidReason } from '../results/excluded.js';
import { explainTimestamp, toEpochMs } from './timestamp.js';
import { Invalid } from './records.js';
import { describe, nearestName } from './options.js';
import { readError } from './readError.js';
import { instantContext, readInvalid, readPeriodRange, readZone } from '../options/shared.js';

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
 * The period counts: customers at the start (S), at the end (E), new during the period (N); optionally the
 * customers of S lost during the period and the new customers also lost in it. When all of S, E, N and the
 * lost are given they must agree: S + N − customersLost − newCustomersLost = E.
 *
 * @category Customers
 */
export interface CustomerCounts {
  readonly customersAtStart: number;
  readonly customersAtEnd: number;
  readonly newCustomers: number;
  /** Customers of S lost during the period. */
  readonly customersLost?: number;
  /** New customers also lost during the period. @defaultValue `0` in the identity above */
  readonly newCustomersLost?: number;
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
 * Why a customer record was left out: `'out_of_period'` (`'outside_period'` is its deprecated name; ended before the period or started at or after its
 * end), or `'invalid:<code>'` under `invalid: 'exclude'`.
 *
 * @category Customers
 */
export type CustomerExclusion = 'out_of_period' | /* deprecated: the old name of out_of_period */ 'outside_period' | InvalidReason;

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

/** The count fields a counts input may carry. */
const COUNT_FIELDS = ['customersAtStart', 'customersAtEnd', 'newCustomers', 'customersLost', 'newCustomersLost'] as const;

/** @internal The counts given, validated (whole numbers ≥ 0, −0 read as 0) and checked against each other. */
export interface GivenCounts {
  /** S. */
  readonly atStart: number;
  /** E, when given. */
  readonly atEnd: number | undefined;
  /** N, when given. */
  readonly newCustomers: number | undefined;
  /** Of S, lost in the period, when given. */
  readonly lost: number | undefined;
  /** Of N, lost in the period, when given. */
  readonly newLost: number | undefined;
}

function countError(functionName: string, code: MetricsErrorCode, field: string, rule: string): never {
  throw new MetricsError({ code, functionName, field, rule });
}

function countField(functionName: string, input: Record<string, unknown>, field: string): number | undefined {
  const v = input[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) countError(functionName, 'invalid_value', field, `${field} must be a whole number, got ${describe(v)}`);
  if (v < 0) countError(functionName, 'out_of_range', field, `${field} is negative (${v})`);
  return v === 0 ? 0 : v;
}

/**
 * @internal Reads period counts: every field a whole number ≥ 0, no unknown field (a typo names the nearest
 * one), S required, and the counts consistent with E = S − lost + N − newLost wherever they determine each
 * other: N − newLost ≤ E ≤ S + N − newLost, newLost ≤ N, lost ≤ S, and equality when S, E, N and lost are all
 * given (newLost counts 0 when absent).
 */
export function readCustomerCounts(functionName: string, input: unknown): GivenCounts {
  if (input === null || typeof input !== 'object') {
    countError(functionName, 'invalid_argument', 'input', `must be customer counts or an array of customer records, got ${describe(input)}`);
  }
  const fields: Record<string, unknown> = {};
  try {
    for (const key of Object.keys(input)) {
      if (!(COUNT_FIELDS as readonly string[]).includes(key)) {
        const near = nearestName(key, COUNT_FIELDS);
        countError(functionName, 'invalid_argument', key, `unknown field ${JSON.stringify(key)}` + (near === undefined ? `; the counts are ${COUNT_FIELDS.join(', ')}` : `; did you mean ${JSON.stringify(near)}?`));
      }
      fields[key] = (input as Record<string, unknown>)[key];
    }
  } catch (e) {
    throw readError(functionName, 'input', undefined, e);
  }
  const S = countField(functionName, fields, 'customersAtStart');
  if (S === undefined) countError(functionName, 'missing_field', 'customersAtStart', 'customersAtStart is required');
  const E = countField(functionName, fields, 'customersAtEnd');
  const N = countField(functionName, fields, 'newCustomers');
  const lost = countField(functionName, fields, 'customersLost');
  const newLost = countField(functionName, fields, 'newCustomersLost');
  if (lost !== undefined && lost > S) countError(functionName, 'inconsistent', 'customersLost', `customersLost (${lost}) exceeds customersAtStart (${S})`);
  if (newLost !== undefined) {
    if (N === undefined) countError(functionName, 'invalid_argument', 'newCustomers', 'newCustomersLost needs newCustomers');
    if (newLost > N) countError(functionName, 'inconsistent', 'newCustomersLost', `newCustomersLost (${newLost}) exceeds newCustomers (${N})`);
  }
  if (E !== undefined && N !== undefined) {
    // The new customers still there at the end (N − newLost) are part of E; the rest of E (the retained) are of S.
    const stillNew = N - (newLost ?? 0);
    const newPart = newLost === undefined ? `newCustomers (${N})` : `newCustomers − newCustomersLost (${stillNew})`;
    if (E - stillNew < 0) countError(functionName, 'inconsistent', 'newCustomers', `${newPart} exceeds customersAtEnd (${E})`);
    if (E - stillNew > S) {
      countError(functionName, 'inconsistent', 'customersAtEnd', `customersAtEnd − ${newPart.replace(/ \(.*/, '')} (${E - stillNew}) exceeds customersAtStart (${S})`);
    }
    if (lost !== undefined && S + stillNew - lost !== E) {
      countError(
        functionName,
        'inconsistent',
        'customersLost',
        `customersAtStart + newCustomers − customersLost − newCustomersLost must equal customersAtEnd: ` +
          `${S} + ${N} − ${lost} − ${newLost ?? 0} = ${S + stillNew - lost}, but customersAtEnd is ${E}`,
      );
    }
  } else if (E !== undefined && lost !== undefined && E < S - lost) {
    countError(functionName, 'inconsistent', 'customersLost', `customersAtStart − customersLost (${S - lost}) exceeds customersAtEnd (${E}): those customers were retained`);
  }
  return { atStart: S, atEnd: E, newCustomers: N, lost, newLost };
}

/** @internal Counts customer records over a period. Cost O(n). */
export function tallyCustomers(functionName: string, records: readonly unknown[], options: CustomerRecordOptions | undefined): CustomerTally {
  const invalid = readInvalid(functionName, options?.invalid);
  const zone = readZone(functionName, options?.timeZone);
  const period = options?.period;
  if (period === undefined || period === null || typeof period !== 'object') {
    throw new MetricsError({ code: 'invalid_option', functionName, field: 'period', rule: `customer records need a period { from, to }, got ${describe(period)}` });
  }
  const range = readPeriodRange(functionName, options, instantContext(zone, false)) as { from: number; to: number };
  const { from, to } = range;
  if (!(from < to)) throw new MetricsError({ code: 'invalid_option', functionName, field: 'period', rule: 'period.from must be before period.to' });

  const ledger = createLedger<CustomerExclusion>();
  const seen = new Set<string>();
  let atStart = 0;
  let atEnd = 0;
  let newCustomers = 0;
  let lost = 0;
  let newLost = 0;
  for (let i = 0; i < records.length; i++) {
    let label = `#${i}`;
    try {
      const raw: unknown = records[i];
      if (raw === null || typeof raw !== 'object') throw new Invalid('invalid_record', undefined, `a customer record must be an object, got ${describe(raw)}`);
      const r = raw as CustomerRecord;
      const id: unknown = r.id;
      if (typeof id === 'string' && id.length > 0) label = id;
      else if (typeof id === 'number' && Number.isFinite(id)) label = String(id);
      else throw new Invalid(id === undefined ? 'missing_field' : 'invalid_value', 'id', `id must be a non-empty string or a finite number, got ${describe(id)}`);
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
        exclude(ledger, 'out_of_period', label);
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
      if (!(e instanceof Invalid)) throw readError(functionName, 'customers', i, e);
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
  return { atStart, atEnd, newCustomers, lost, newLost, excluded: withReasonAliases(finishLedger(ledger), { outside_period: 'out_of_period' }) };
}
