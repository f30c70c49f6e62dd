/**
 * `DurationSummary`: count, total, exact mean, median, min, max and percentiles of durations in ms.
 *
 * @module
 */
import type { QuantileMethod } from '../_lib/quantile.js';
import type { Excluded } from './excluded.js';
import type { Grouped } from './groups.js';

/**
 * A summary of durations in milliseconds. Every statistic is `undefined` when `count` is 0 (never 0 or NaN).
 *
 * - `meanMs` is the exact total divided once by `count`, returned as the nearest double.
 * - `medianMs` and `percentilesMs` use `quantileMethod` (R-7 by default, as numpy, R and d3 do).
 *
 * @category Results
 */
export interface DurationSummary<R extends string = string> extends Grouped<DurationSummary<R>> {
  /** How many durations were measured. */
  readonly count: number;
  /** Their sum. */
  readonly totalMs: number | undefined;
  readonly meanMs: number | undefined;
  readonly medianMs: number | undefined;
  readonly minMs: number | undefined;
  readonly maxMs: number | undefined;
  /** Keyed `p50`, `p90`, `p95` (or as chosen by the `percentiles` option). */
  readonly percentilesMs: Readonly<Record<string, number | undefined>>;
  /** The quantile method used for `medianMs` and `percentilesMs`. */
  readonly quantileMethod: QuantileMethod;
  /** Every input record not measured, by reason. */
  readonly excluded: Excluded<R>;
}

/**
 * Options shared by every function returning a {@link DurationSummary}.
 *
 * @category Options
 */
export interface SummaryOptions {
  /**
   * Percentiles to report, each in [0, 100]; keys are `p` + the number (`p50`, `p99.9`).
   * @defaultValue `[50, 90, 95]`
   */
  readonly percentiles?: readonly number[];
  /** @defaultValue `'R7'` */
  readonly quantileMethod?: QuantileMethod;
}
