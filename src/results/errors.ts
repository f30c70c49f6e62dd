/**
 * The one error class of the library.
 *
 * @module
 */

import { describe, text } from './describe.js';

/**
 * What rule a record or an option broke.
 *
 * | code | meaning |
 * | --- | --- |
 * | `invalid_argument` | the input itself is not what the function takes (not an array, say) |
 * | `invalid_option` | an option is out of range, of the wrong type, or unknown (a typo: the message names the nearest key) |
 * | `invalid_record` | an entry is `null`, a hole in a sparse array, or not an object |
 * | `missing_field` | a required field is absent |
 * | `invalid_timestamp` | unparseable, non-finite, non-integer, or outside 1970–2200 |
 * | `missing_offset` | an ISO string without an offset and no `timeZone` to read it in |
 * | `unknown_time_zone` | not an IANA zone this runtime knows |
 * | `event_before_creation` | a message, status change or reply precedes `createdAt` |
 * | `unknown_status` | a status that is neither canonical nor mapped by `statusMap` |
 * | `invalid_value` | a field has a value outside its domain (unknown author, negative count, ...) |
 * | `conflicting_fields` | `events` and summary fields on the same ticket |
 * | `duplicate_id` | two records share an id |
 * | `out_of_range` | a score, amount or count outside its allowed range |
 * | `mixed_currencies` | costs in several currencies without conversion rates |
 * | `inconsistent` | fields that contradict each other (resolved before first response, ...) |
 * | `callback_failed` | a user callback (`isQualifyingReply`, `eligible`, a `by` key function) threw; `cause` holds what it threw |
 * | `epoch_seconds` | an epoch number (or `Date`) before 1975: probably Unix seconds read as milliseconds |
 * | `internal` | a bug in the library: please report it (never expected) |
 *
 * @category Errors
 */
export type MetricsErrorCode =
  | 'invalid_argument'
  | 'invalid_option'
  | 'invalid_record'
  | 'missing_field'
  | 'invalid_timestamp'
  | 'missing_offset'
  | 'unknown_time_zone'
  | 'event_before_creation'
  | 'unknown_status'
  | 'invalid_value'
  | 'conflicting_fields'
  | 'duplicate_id'
  | 'out_of_range'
  | 'mixed_currencies'
  | 'inconsistent'
  | 'callback_failed'
  | 'epoch_seconds'
  | 'internal';

/**
 * Where and why an error happened.
 *
 * @category Errors
 */
export interface MetricsErrorDetails {
  /** The rule broken. */
  readonly code: MetricsErrorCode;
  /** The public function that raised it, such as `'firstResponseTime'`. */
  readonly functionName: string;
  /** A short statement of the rule, such as `'reply at 2026-03-01T09:00:00.000Z precedes createdAt'`. */
  readonly rule: string;
  /** The offending record's id, when it has one. */
  readonly recordId?: string | undefined;
  /** The offending record's position in the input. */
  readonly recordIndex?: number | undefined;
  /** The offending field's path (`'events[3].at'`), or the option's name. */
  readonly field?: string | undefined;
  /** The name of the input collection (`'tickets'`, `'calls'`, `'responses'`). */
  readonly collection?: string | undefined;
  /** What a user callback threw (code `callback_failed`), or the underlying failure. */
  readonly cause?: unknown;
}

/**
 * Thrown for bad input or options. Carries the rule broken (`code`), the record (`recordId`,
 * `recordIndex`) and the `field`.
 *
 * @category Errors
 * @example
 * ```ts
 * import { firstResponseTime, MetricsError } from 'helpdesk-metrics';
 * try {
 *   firstResponseTime([{ id: 'T-1', createdAt: 'yesterday', events: [] }]);
 * } catch (e) {
 *   if (e instanceof MetricsError) console.log(e.code, e.recordId, e.field);
 *   //=> 'invalid_timestamp' 'T-1' 'createdAt'
 * }
 * ```
 */
export class MetricsError extends Error {
  /** The rule broken. */
  readonly code: MetricsErrorCode;
  /** The public function that raised it. */
  readonly functionName: string;
  /** The rule, in words. */
  readonly rule: string;
  /** The offending record's id (or `#index` when it has none). */
  readonly recordId: string | undefined;
  /** The offending record's position in the input. */
  readonly recordIndex: number | undefined;
  /** The offending field or option. */
  readonly field: string | undefined;

  constructor(details: MetricsErrorDetails) {
    // Details of any shape (a caller building one by hand) give an error, never a TypeError: every part is
    // read once and printed with the one formatter.
    const d: Partial<Record<keyof MetricsErrorDetails, unknown>> = details !== null && typeof details === 'object' ? details : {};
    const norm: MetricsErrorDetails = {
      code: d.code as MetricsErrorCode, // echoed as given (a hand-built error may carry anything)
      functionName: typeof d.functionName === 'string' ? d.functionName : 'helpdesk-metrics',
      rule: d.rule === undefined ? (details === undefined ? 'no details given' : describe(details)) : text(d.rule),
      recordId: d.recordId === undefined ? undefined : text(d.recordId),
      recordIndex: typeof d.recordIndex === 'number' ? d.recordIndex : undefined,
      field: d.field === undefined ? undefined : text(d.field),
      collection: d.collection === undefined ? undefined : text(d.collection),
      cause: d.cause,
    };
    super(formatMessage(norm), norm.cause === undefined ? undefined : { cause: norm.cause });
    this.name = 'MetricsError';
    this.code = norm.code;
    this.functionName = norm.functionName;
    this.rule = norm.rule;
    this.recordId = norm.recordId;
    this.recordIndex = norm.recordIndex;
    this.field = norm.field;
  }
}

function formatMessage(d: MetricsErrorDetails): string {
  let where = '';
  if (d.recordIndex !== undefined) {
    where = `${d.collection ?? 'records'}[${d.recordIndex}]`;
    if (d.recordId !== undefined) where += ` (id ${JSON.stringify(d.recordId)})`;
    where += ': ';
  } else if (d.recordId !== undefined) {
    where = `id ${JSON.stringify(d.recordId)}: `;
  }
  const field = d.field !== undefined ? `${d.field}: ` : '';
  return `${d.functionName}: ${where}${field}${d.rule} [${text(d.code)}]`;
}
