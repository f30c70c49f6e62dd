/**
 * Quantiles of sorted samples by a named method.
 *
 * - `'R7'` (default): Hyndman & Fan type 7, linear interpolation between order statistics at
 *   h = (n − 1)·p: numpy's default, R's default, d3-array's method.
 * - `'nearest-rank'`: the smallest value whose rank is at least ⌈p·n⌉ (Hyndman & Fan type 1), always an
 *   observed value.
 *
 * h and the interpolation weight are computed exactly (decimal), so p90 of 11 values is exactly the 10th.
 *
 * @internal
 * @module
 */
import { D } from './decimal.js';

/**
 * How percentiles are computed. `'R7'`: linear interpolation (numpy, R, d3 default). `'nearest-rank'`:
 * an observed value, the smallest with rank ≥ ⌈p·n⌉.
 *
 * @category Results
 */
export type QuantileMethod = 'R7' | 'nearest-rank';

/**
 * @internal The `percent`-th percentile (0..100) of `sorted[0..n)`, ascending. `n` must be ≥ 1.
 */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  n: number,
  percent: number,
  method: QuantileMethod,
): number {
  if (n === 1 || percent <= 0) return sorted[0] as number;
  if (percent >= 100) return sorted[n - 1] as number;
  if (method === 'nearest-rank') {
    const rank = new D(percent).times(n).div(100).ceil().toNumber();
    return sorted[Math.max(1, rank) - 1] as number;
  }
  const h = new D(n - 1).times(percent).div(100);
  const lo = h.floor();
  const i = lo.toNumber();
  const a = sorted[i] as number;
  const frac = h.minus(lo);
  if (frac.isZero() || i + 1 >= n) return a;
  const b = sorted[i + 1] as number;
  const v = new D(a).plus(new D(b).minus(a).times(frac)).toNumber();
  return v === 0 ? 0 : v;
}
