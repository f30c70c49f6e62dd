/**
 * The library's private decimal.js constructor. A clone, so that the caller's `Decimal` settings are never
 * read nor changed (no `Decimal.set`). 40 significant digits, rounding half-even.
 *
 * @internal
 * @module
 */
import { Decimal } from 'decimal.js';

/**
 * A few decimals kept as long as the constructor: V8 keeps the hidden class of a decimal only while some
 * decimal has it, and throws away the optimised code of every metric that made one (the rate or mean at the
 * end of its loop) when the class is collected, so that a metric called again after a garbage collection began
 * unoptimised. These few keep the classes alive.
 */
const KEPT: Decimal[] = [];

/** @internal */
export const D: typeof Decimal = /* @__PURE__ */ cloneDecimal();

function cloneDecimal(): typeof Decimal {
  const C = Decimal.clone({
    precision: 40,
    rounding: Decimal.ROUND_HALF_EVEN,
    toExpNeg: -40,
    toExpPos: 40,
  });
  KEPT.push(new C(0), new C(3), new C(2.5), new C('2.5'), new C(7).div(3), new C(-1).times(new C('0.1')), new C(2).sqrt(), new C(1).plus(new C(2)).minus(4));
  return C;
}

/** @internal The exact quotient `num / den` as the nearest double; `undefined` when `den` is 0. */
export function exactRatio(num: number | bigint, den: number | bigint): number | undefined {
  if (den === 0 || den === 0n) return undefined;
  return toDouble(new D(num.toString()).div(den.toString()));
}

/** @internal `x` with −0 read as 0: a result never carries −0 (`-0 === 0`, but `Object.is` and `1 / x` tell). */
export function plusZero(x: number): number {
  return x === 0 ? 0 : x;
}

/** @internal A decimal as the nearest double, never −0. */
export function toDouble(d: Decimal): number {
  return plusZero(d.toNumber());
}
