/**
 * The library's private decimal.js constructor. A clone, so that the caller's `Decimal` settings are never
 * read nor changed (no `Decimal.set`). 40 significant digits, rounding half-even.
 *
 * @internal
 * @module
 */
import Decimal from 'decimal.js';

/** @internal */
export const D: typeof Decimal = /* @__PURE__ */ Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});

/** @internal The exact quotient `num / den` as the nearest double; `undefined` when `den` is 0. */
export function exactRatio(num: number | bigint, den: number | bigint): number | undefined {
  if (den === 0 || den === 0n) return undefined;
  const q = new D(num.toString()).div(den.toString()).toNumber();
  return q === 0 ? 0 : q; // never -0
}
