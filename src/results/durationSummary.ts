/**
 * `DurationSummary`: count, total, exact mean, median, min, max and percentiles of durations in ms.
 *
 * @module
 */
import type { Decimal } from 'decimal.js';
import { D } from '../_lib/decimal.js';
import { percentileOfSorted, type QuantileMethod } from '../_lib/quantile.js';
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

/** @internal The default percentiles. */
export const DEFAULT_PERCENTILES: readonly number[] = [50, 90, 95];

const SAFE = Number.MAX_SAFE_INTEGER;

let kept: DurationCollector | undefined;

/**
 * @internal Collects durations without per-value allocation; keeps the exact integer total.
 */
export class DurationCollector {
  values: Float64Array;
  n = 0;
  private sumSafe = 0;
  private sumBig = 0n;

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(16, capacity));
    // One small collector is kept for the life of the module: V8 keeps a hidden class only while some object
    // has it, and throws away the optimised code built on it (a metric's whole loop) once it is collected, so
    // that every call after a garbage collection began unoptimised. (`kept` is set before the inner
    // construction, which therefore does not recurse.)
    if (kept === undefined) {
      kept = this;
      kept = new DurationCollector(0);
      kept.add(2 ** 40); // the total field holds a double, as it does after any large sum
    }
  }

  /** Adds a whole number of ms, ≥ 0. */
  add(ms: number): void {
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = ms;
    this.sumSafe += ms;
    if (this.sumSafe > SAFE - 1e13) {
      this.sumBig += BigInt(this.sumSafe);
      this.sumSafe = 0;
    }
  }

  /** Adds a value that is not a whole number of ms (a per-ticket mean); the caller supplies the exact total. */
  push(value: number): void {
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = value;
  }

  /** The exact total of the values added with {@link DurationCollector.add}. */
  total(): bigint {
    return this.sumBig + BigInt(this.sumSafe);
  }
}

/** @internal Validates percentile and method options (throws a plain description on failure). */
export function checkSummaryOptions(options: SummaryOptions | undefined): string | undefined {
  const ps = options?.percentiles;
  if (ps !== undefined) {
    if (!Array.isArray(ps)) return 'percentiles must be an array of numbers in [0, 100]';
    for (const p of ps) {
      if (typeof p !== 'number' || !(p >= 0 && p <= 100)) return `percentile ${String(p)} is not a number in [0, 100]`;
    }
  }
  const m = options?.quantileMethod;
  if (m !== undefined && m !== 'R7' && m !== 'nearest-rank') {
    return `quantileMethod ${JSON.stringify(m)} is not 'R7' or 'nearest-rank'`;
  }
  return undefined;
}

/**
 * @internal Builds the summary. `exactTotal`, when given, replaces the collector's integer total (used when
 * the values are themselves exact ratios, such as per-ticket means).
 */
export function summarizeDurations<R extends string>(
  collector: DurationCollector,
  options: SummaryOptions | undefined,
  excluded: Excluded<R>,
  exactTotal?: Decimal,
): DurationSummary<R> {
  const method: QuantileMethod = options?.quantileMethod ?? 'R7';
  const percents = options?.percentiles ?? DEFAULT_PERCENTILES;
  const n = collector.n;
  // Object.fromEntries, not stores here: see finishLedger (src/results/excluded.ts).
  if (n === 0) {
    const percentilesMs = Object.fromEntries(percents.map((p) => [`p${p}`, undefined])) as Record<string, number | undefined>;
    return {
      count: 0,
      totalMs: undefined,
      meanMs: undefined,
      medianMs: undefined,
      minMs: undefined,
      maxMs: undefined,
      percentilesMs,
      quantileMethod: method,
      excluded,
    };
  }
  const sorted = collector.values.subarray(0, n).sort();
  const percentilesMs = Object.fromEntries(percents.map((p) => [`p${p}`, percentileOfSorted(sorted, n, p, method)])) as Record<string, number | undefined>;
  const total = exactTotal ?? new D(collector.total().toString());
  const mean = total.div(n).toNumber();
  return {
    count: n,
    totalMs: total.toNumber(),
    meanMs: mean === 0 ? 0 : mean,
    medianMs: percentileOfSorted(sorted, n, 50, method),
    minMs: sorted[0] as number,
    maxMs: sorted[n - 1] as number,
    percentilesMs,
    quantileMethod: method,
    excluded,
  };
}
