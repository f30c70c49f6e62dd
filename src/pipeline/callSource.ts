/**
 * Where a call metric's facts come from: a prepared set (read once by {@link prepareCalls}), or a raw array
 * read in batches by the metric itself. The read options and their one validation live here.
 *
 * @module
 */
import type { Call } from '../model/index.js';
import { checkOptionKeys } from '../_lib/options.js';
import { earliestEpochMs } from '../_lib/timestamp.js';
import { optionError, readBoolean, readInvalid, readZone, requireArray, type InstantContext, type InvalidOptions } from '../options/shared.js';
import type { CallPeriodOptions } from '../options/calls.js';
import { CallColumns, READ_ALL } from '../read/callColumns.js';
import { PreparedSet, preparedConflict } from './prepared.js';
import { CallReader, type CallReadConfig } from '../read/callReader.js';
import { detectForm } from '../read/intervalRows.js';

/**
 * The read options of the call metrics. With a {@link PreparedCalls} set they are fixed at preparation: give
 * them to {@link prepareCalls}, not to the metric.
 *
 * @category Prepared input
 */
export interface PrepareCallsOptions extends InvalidOptions {
  /** IANA zone in which to read ISO strings that carry no offset. Without it such strings are errors. */
  readonly timeZone?: string;
  /**
   * Accept epoch numbers and `Date`s before 1975. Without it they are rejected (`epoch_seconds`) as probably
   * Unix seconds read as milliseconds.
   * @defaultValue `false`
   */
  readonly allowEarlyTimestamps?: boolean;
}

/**
 * Options every call metric takes for reading its input (the read options, fixed at preparation with a
 * prepared set), and the reporting period.
 *
 * @category Contact centre
 */
export interface CallInputOptions extends PrepareCallsOptions, CallPeriodOptions {}

/** @internal The read option keys (for the unknown-option check and the conflict check). */
export const CALL_READ_KEYS = ['invalid', 'timeZone', 'allowEarlyTimestamps'] as const;

/** @internal The read options, validated. */
export interface CallConfig extends CallReadConfig {
  readonly timeZoneName: string | undefined;
  readonly allowEarly: boolean;
}

/** @internal Validates the read options. */
export function readCallConfig(functionName: string, options: PrepareCallsOptions | undefined): CallConfig {
  const invalid = readInvalid(functionName, options?.invalid);
  const zone = readZone(functionName, options?.timeZone);
  const allowEarly = readBoolean(functionName, 'allowEarlyTimestamps', options?.allowEarlyTimestamps, false);
  return { invalid, zone, timeZoneName: zone?.name, minMs: earliestEpochMs(allowEarly), allowEarly };
}

/** @internal How instants in options are read with `config`. */
export function callInstants(config: CallConfig): InstantContext {
  return { zone: config.zone, minMs: config.minMs, invalid: config.invalid };
}

/**
 * A set of calls validated once and read into columns of facts (queue entry, outcome, answer or abandon, system
 * entry, end, hold, wrap-up), ready for any number of call metrics: each accepts it wherever it accepts the
 * array, with the same result. Made by {@link prepareCalls}. It refers to the calls it was made from: do not
 * change them afterwards.
 *
 * @category Prepared input
 */
export interface PreparedCalls {
  /** Always `'calls'`. */
  readonly kind: 'calls';
  /** How many calls were given (valid or not). */
  readonly count: number;
  /** How many are invalid for every metric (listed as `invalid:<code>`; only under `invalid: 'exclude'`). */
  readonly invalid: number;
  /** Bytes held by the columns of facts (the calls themselves not counted). */
  readonly bytes: number;
}

/** @internal The implementation of {@link PreparedCalls}. */
export class PreparedCallSet extends PreparedSet<CallColumns, CallConfig> implements PreparedCalls {
  readonly kind = 'calls' as const;
}

/**
 * Validates calls once and reads their facts once, into typed-array columns: every call metric
 * (`abandonmentRate`, `serviceLevel`, `averageSpeedOfAnswer`, `averageHandleTime`, `averageAbandonTime`) then
 * accepts the result in place of the array, with identical results, and pays no validation again. The read
 * options (`invalid`, `timeZone`, `allowEarlyTimestamps`) are fixed here; a metric given a different one
 * together with the set throws. Metric options (`period`, `clockStartsAt`, `by`, …) are given to each metric.
 *
 * Bad calls: an invalid core (not an object, a missing or duplicate id, a bad `queuedAt`, a bad or conflicting
 * outcome) throws here under `invalid: 'throw'`; a bad `enteredAt` or bad handling fields (`endedAt`,
 * `holdMs`, `wrapUpMs`) are kept with the call and thrown (or, under `'exclude'`, listed) only by the metrics
 * that read them, as when they are given the array: `enteredAt` by those with `clockStartsAt: 'system'`, the
 * handling fields by `averageHandleTime` (and by a time bucket of `'ended'`).
 *
 * Interval rows are not prepared: give them to the metric as they are (they are summed, not read per call).
 *
 * Cost: one pass over the calls; about 60 bytes per call (nine columns and the id).
 *
 * @category Prepared input
 * @param calls - the calls
 * @param options - the read options
 * @returns the prepared set
 * @example
 * ```ts
 * import { prepareCalls, serviceLevel, averageSpeedOfAnswer } from 'helpdesk-metrics';
 * const prepared = prepareCalls([
 *   { id: 'C-1', queuedAt: '2026-03-02T09:00:00Z', answeredAt: '2026-03-02T09:00:10Z', agentId: 'ana' },
 *   { id: 'C-2', queuedAt: '2026-03-02T09:01:00Z', answeredAt: '2026-03-02T09:01:40Z', agentId: 'ben' },
 *   { id: 'C-3', queuedAt: '2026-03-02T09:02:00Z', abandonedAt: '2026-03-02T09:02:30Z' },
 * ]);
 * serviceLevel(prepared, { thresholdMs: 20_000 }).percent;                  //=> 33.333333333333336
 * averageSpeedOfAnswer(prepared, { by: 'agent' }).groups?.map((g) => [g.key.agent, g.meanMs]);
 * //=> [['ana', 10000], ['ben', 40000], [null, undefined]]
 * ```
 */
export function prepareCalls(calls: readonly Call[], options?: PrepareCallsOptions): PreparedCalls {
  const name = 'prepareCalls';
  requireArray(name, calls, 'calls');
  checkOptionKeys(name, options, CALL_READ_KEYS);
  const config = readCallConfig(name, options);
  if (detectForm(calls) === 'rows') {
    optionError(name, 'calls', 'takes calls; give interval rows to the metric as they are (they are summed, not read per call)', 'invalid_argument');
  }
  const columns = new CallColumns();
  new CallReader(name, calls, config, true, true).read(columns, 0, calls.length, READ_ALL);
  columns.trim();
  return new PreparedCallSet(columns, config, calls);
}

/** @internal Throws when `options` gives a read option that differs from the one the set was prepared with. */
export function checkPreparedCallConflicts(functionName: string, set: PreparedCallSet, options: Record<string, unknown>): void {
  const c = set.config;
  const conflict = (field: string, given: unknown, fixed: string): never => preparedConflict(functionName, 'calls', field, given, fixed);
  if (options.invalid !== undefined && options.invalid !== c.invalid) conflict('invalid', options.invalid, `'${c.invalid}'`);
  if (options.timeZone !== undefined && options.timeZone !== c.timeZoneName) conflict('timeZone', options.timeZone, c.timeZoneName === undefined ? 'no timeZone' : `timeZone ${JSON.stringify(c.timeZoneName)}`);
  if (options.allowEarlyTimestamps !== undefined && options.allowEarlyTimestamps !== c.allowEarly) conflict('allowEarlyTimestamps', options.allowEarlyTimestamps, `allowEarlyTimestamps ${String(c.allowEarly)}`);
}
