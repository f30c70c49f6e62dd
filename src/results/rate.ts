/**
 * `RateResult`: a proportion that keeps its numerator and denominator, with a Wilson score interval.
 *
 * @module
 */
import { D } from '../_lib/decimal.js';
import { normalQuantile } from '../_lib/normal.js';
import type { Excluded } from './excluded.js';
import type { Grouped } from './groups.js';

/**
 * A confidence interval for a proportion, both ends in [0, 1].
 *
 * @category Results
 */
export interface RateInterval {
  readonly low: number;
  readonly high: number;
  /** The confidence level, such as 0.95. */
  readonly level: number;
  /** How it was computed. */
  readonly method: 'wilson';
}

/**
 * A rate with its audit trail. `rate` (0..1) and `percent` (0..100) are the exact quotient
 * `numerator / denominator` returned as the nearest double; all three are `undefined` when the denominator
 * is 0 (never NaN or Infinity).
 *
 * @category Results
 */
export interface RateResult<R extends string = string> extends Grouped<RateResult<R>> {
  readonly numerator: number;
  readonly denominator: number;
  readonly rate: number | undefined;
  readonly percent: number | undefined;
  /** Wilson score interval (95% unless `confidence` says otherwise); `undefined` when the denominator is 0. */
  readonly interval: RateInterval | undefined;
  /** Every input record outside the denominator, by reason. */
  readonly excluded: Excluded<R>;
}

/** @internal z for a two-sided interval at `level`. */
export function zForLevel(level: number): number {
  // From the lower tail, so a level just below 1 keeps its precision: (1 − level) / 2 stays above 0.
  return level === 0.95 ? 1.959963984540054 : -normalQuantile((1 - level) / 2);
}

/** @internal Builds a {@link RateResult}; `level` in (0, 1). */
export function buildRate<R extends string>(
  numerator: number,
  denominator: number,
  excluded: Excluded<R>,
  level = 0.95,
): RateResult<R> {
  if (denominator === 0) {
    return { numerator, denominator, rate: undefined, percent: undefined, interval: undefined, excluded };
  }
  const x = new D(numerator);
  const n = new D(denominator);
  const q = x.div(n);
  const z = new D(zForLevel(level));
  const z2 = z.times(z);
  const centre = x.plus(z2.div(2)).div(n.plus(z2));
  const half = z
    .div(n.plus(z2))
    .times(x.times(n.minus(x)).div(n).plus(z2.div(4)).sqrt());
  const clamp = (v: number): number => (v <= 0 ? 0 : v >= 1 ? 1 : v);
  return {
    numerator,
    denominator,
    rate: q.toNumber() || 0,
    percent: q.times(100).toNumber() || 0,
    interval: {
      // Exact ends where the Wilson interval touches a bound (x = 0 or x = n), not 1e-40 from rounding.
      low: numerator === 0 ? 0 : clamp(centre.minus(half).toNumber()),
      high: numerator === denominator ? 1 : clamp(centre.plus(half).toNumber()),
      level,
      method: 'wilson',
    },
    excluded,
  };
}
