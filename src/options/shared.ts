/**
 * The options every metric shares, each with one interface, one reader and one message: `invalid`,
 * `confidence`, the evaluation instant `at`, the reporting `period`, time zones, instants and whole-ms
 * durations. Deprecated spellings (`asOf`, top-level `from`/`to`) are read here and nowhere else.
 *
 * @internal
 * @module
 */
import { createZoneInfo, type ZoneInfo } from '../calendar/timeZone.js';
import { checkOptionKeys, describe } from '../_lib/options.js';
import { earliestEpochMs, explainTimestamp, toEpochMs } from '../_lib/timestamp.js';
import type { Timestamp } from '../model/index.js';
import { MetricsError, type MetricsErrorCode } from '../results/errors.js';

/**
 * What to do with a record that breaks a rule: `'throw'` a {@link MetricsError}, or `'exclude'` it with
 * the reason `'invalid:<code>'`.
 *
 * @category Options
 */
export type InvalidMode = 'throw' | 'exclude';

/**
 * A half-open reporting window `[from, to)`.
 *
 * @category Options
 */
export interface Period {
  readonly from: Timestamp;
  readonly to: Timestamp;
}

/**
 * How bad records are handled.
 *
 * @category Options
 */
export interface InvalidOptions {
  /** @defaultValue `'throw'` */
  readonly invalid?: InvalidMode;
}

/**
 * The confidence level of an interval.
 *
 * @category Options
 */
export interface ConfidenceOptions {
  /** Confidence level of the interval, in (0, 1). @defaultValue `0.95` */
  readonly confidence?: number;
}

/**
 * The instant a metric is evaluated at. The library never reads the clock: a metric that needs "now" takes it.
 *
 * @category Options
 */
export interface EvaluationOptions {
  /** The evaluation instant. */
  readonly at?: Timestamp;
  /** @deprecated Use `at` (the same instant under its one name). */
  readonly asOf?: Timestamp;
}

/** @internal Throws `invalid_option` (or `code`) naming the option. */
export function optionError(functionName: string, field: string, rule: string, code: MetricsErrorCode = 'invalid_option'): never {
  throw new MetricsError({ code, functionName, field, rule });
}

/** @internal Validates that `value` is an array (the input collection). */
export function requireArray(functionName: string, value: unknown, collection: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new MetricsError({
      code: 'invalid_argument',
      functionName,
      field: collection,
      rule: `${collection} must be an array, got ${describe(value)}`,
    });
  }
}

/** @internal `invalid`: `'throw'` (default) or `'exclude'`. */
export function readInvalid(functionName: string, value: unknown): InvalidMode {
  if (value === undefined || value === 'throw') return 'throw';
  if (value === 'exclude') return 'exclude';
  return optionError(functionName, 'invalid', `must be 'throw' or 'exclude', got ${describe(value)}`);
}

/** @internal `confidence` in (0, 1), default 0.95. */
export function readConfidence(functionName: string, value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value === 'number' && value > 0 && value < 1) return value;
  return optionError(functionName, 'confidence', `must be a number strictly between 0 and 1, got ${describe(value)}`);
}

/** @internal A boolean option. */
export function readBoolean(functionName: string, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') optionError(functionName, field, `must be true or false, got ${describe(value)}`);
  return value;
}

/** @internal A whole number of ms ≥ `min` (0 by default), `fallback` when absent (required when no fallback). */
export function readWholeMs(functionName: string, field: string, value: unknown, fallback?: number, min = 0): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    optionError(functionName, field, `must be a whole number of milliseconds ≥ ${min}, got ${describe(value)}`);
  }
  return value;
}

/** @internal A whole number ≥ `min`, `fallback` when absent. */
export function readWholeNumber(functionName: string, field: string, value: unknown, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    optionError(functionName, field, `must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got ${describe(value)}`);
  }
  return value;
}

/** @internal One of `allowed`, `fallback` when absent. */
export function readChoice<T extends string>(functionName: string, field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return optionError(functionName, field, `must be ${allowed.map((a) => `'${a}'`).join(', ').replace(/, ([^,]*)$/, ' or $1')}, got ${describe(value)}`);
}

/** @internal An IANA zone option; `undefined` when absent. */
export function readZone(functionName: string, value: unknown, field = 'timeZone'): ZoneInfo | undefined {
  if (value === undefined) return undefined;
  const z = typeof value === 'string' ? createZoneInfo(value) : undefined;
  if (z === undefined) {
    optionError(functionName, field, `${describe(value)} is not an IANA time zone known to this runtime`, 'unknown_time_zone');
  }
  return z;
}

/** @internal How instants in options are read: the zone of offset-less strings and the earliest epoch number. */
export interface InstantContext {
  readonly zone: ZoneInfo | undefined;
  /** Epoch numbers before this are rejected (1975 unless early data is declared). */
  readonly minMs: number;
  /** The call's `invalid` mode (for user callbacks that fail on a record). */
  readonly invalid?: InvalidMode;
  /** The ticket flags the call excludes (for a metric that checks them itself, in its own order). */
  readonly ineligible?: number;
}

/** @internal The context for a call that reads no records (zone and early data from its options). */
export function instantContext(zone: ZoneInfo | undefined, allowEarlyTimestamps: unknown): InstantContext {
  return { zone, minMs: earliestEpochMs(allowEarlyTimestamps === true) };
}

/** @internal An instant option, parsed or `invalid_option` (`epoch_seconds`, `missing_offset` where they apply). */
export function readInstant(functionName: string, field: string, value: unknown, ctx: InstantContext): number {
  const t = toEpochMs(value, ctx.zone, ctx.minMs);
  if (t !== t) {
    const why = explainTimestamp(value, ctx.zone, ctx.minMs);
    optionError(functionName, field, why.rule, why.code === 'epoch_seconds' ? 'epoch_seconds' : 'invalid_option');
  }
  return t;
}

/**
 * @internal The evaluation instant: `at`, or its deprecated alias `asOf` (both given and different is an
 * error). `undefined` when neither is given.
 */
export function readAt(functionName: string, options: EvaluationOptions | undefined, ctx: InstantContext): number | undefined {
  const at = options?.at;
  const asOf = options?.asOf;
  if (at === undefined && asOf === undefined) return undefined;
  const a = at === undefined ? undefined : readInstant(functionName, 'at', at, ctx);
  const b = asOf === undefined ? undefined : readInstant(functionName, 'asOf', asOf, ctx);
  if (a !== undefined && b !== undefined && a !== b) {
    optionError(functionName, 'asOf', 'asOf is the deprecated name of at; give one of them');
  }
  return a ?? b;
}

/** @internal A parsed `[from, to)`. */
export interface ParsedRange {
  readonly from: number;
  readonly to: number;
}

/**
 * @internal The reporting period `{ from, to }`, or (deprecated) top-level `from`/`to` on the metrics that took
 * them. `undefined` when there is none; `from > to` is an error; either bound may be open only in the
 * deprecated form (`legacyOpen`), where the caller gives the defaults.
 */
export function readPeriodRange(
  functionName: string,
  options: { readonly period?: unknown; readonly from?: unknown; readonly to?: unknown } | undefined,
  ctx: InstantContext,
  legacy = false,
): { from: number | undefined; to: number | undefined } | undefined {
  const period = options?.period;
  const hasLegacy = legacy && (options?.from !== undefined || options?.to !== undefined);
  if (period !== undefined) {
    if (period === null || typeof period !== 'object' || Array.isArray(period)) {
      optionError(functionName, 'period', `must be { from, to }, got ${describe(period)}`);
    }
    const p = period as { from?: unknown; to?: unknown };
    checkOptionKeys(functionName, p, ['from', 'to'], 'period');
    const from = readInstant(functionName, 'period.from', p.from, ctx);
    const to = readInstant(functionName, 'period.to', p.to, ctx);
    if (from > to) optionError(functionName, 'period', `period.from ${new Date(from).toISOString()} is after period.to ${new Date(to).toISOString()}`);
    if (hasLegacy) {
      // The deprecated top-level from/to may be given too, when they say the same.
      for (const [k, v] of [['from', from], ['to', to]] as const) {
        if (options?.[k] !== undefined && readInstant(functionName, k, options[k], ctx) !== v) {
          optionError(functionName, k, `${k} is the deprecated form of period.${k} and differs from it; give period only`);
        }
      }
    }
    return { from, to };
  }
  if (!hasLegacy) return undefined;
  const from = options?.from === undefined ? undefined : readInstant(functionName, 'from', options.from, ctx);
  const to = options?.to === undefined ? undefined : readInstant(functionName, 'to', options.to, ctx);
  if (from !== undefined && to !== undefined && from > to) optionError(functionName, 'from', 'from is after to');
  return { from, to };
}

/** @internal The validated `percentiles` and `quantileMethod`. */
export interface SummarySpec {
  readonly percentiles: readonly number[];
  readonly method: 'R7' | 'nearest-rank';
}

const DEFAULT_PERCENTILES: readonly number[] = [50, 90, 95];

/** @internal `percentiles` (each in [0, 100], at most 100 of them) and `quantileMethod`. */
export function readSummary(functionName: string, options: { readonly percentiles?: unknown; readonly quantileMethod?: unknown } | undefined): SummarySpec {
  const ps = options?.percentiles;
  let percentiles = DEFAULT_PERCENTILES;
  if (ps !== undefined) {
    if (!Array.isArray(ps)) optionError(functionName, 'percentiles', `must be an array of numbers in [0, 100], got ${describe(ps)}`);
    if (ps.length > 100) optionError(functionName, 'percentiles', 'at most 100 percentiles');
    ps.forEach((p: unknown, i: number) => {
      if (typeof p !== 'number' || !(p >= 0 && p <= 100)) optionError(functionName, `percentiles[${i}]`, `must be a number in [0, 100], got ${describe(p)}`);
    });
    percentiles = (ps as number[]).map((p) => (p === 0 ? 0 : p));
  }
  const m = options?.quantileMethod;
  if (m !== undefined && m !== 'R7' && m !== 'nearest-rank') {
    optionError(functionName, 'quantileMethod', `must be 'R7' or 'nearest-rank', got ${describe(m)}`);
  }
  return { percentiles, method: (m as SummarySpec['method'] | undefined) ?? 'R7' };
}
