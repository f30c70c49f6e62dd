/**
 * Exact money: parsing amounts into the private Decimal, and splitting an amount into parts that add up to
 * it exactly (largest remainder method).
 *
 * @internal
 * @module
 */
import type { Decimal } from 'decimal.js';
import { D } from './decimal.js';
import { describe } from './options.js';

/**
 * @internal The grammar of an amount written as a string, the one the validator applies and the message
 * quotes: an optional sign, digits, and optionally one '.' followed by digits. No exponent, no spaces, no
 * currency symbols or thousands separators, no empty integer part ('.5') and no trailing point ('5.').
 */
export const AMOUNT_GRAMMAR = /^[+-]?\d+(?:\.\d+)?$/;

/** @internal The most digits an amount or a rate may have (no money needs more; it keeps every sum fast). */
export const MAX_AMOUNT_DIGITS = 1000;

/**
 * @internal Reads an amount: a decimal string in {@link AMOUNT_GRAMMAR}, exactly as written, or a finite
 * number by its shortest round-trip decimal string (`String(n)`: 0.1 is "0.1", not 0.1000000000000000055…).
 * −0 reads as 0. Returns the rule broken instead when it is not an amount.
 */
export function parseAmount(value: unknown): Decimal | string {
  let d: Decimal;
  if (typeof value === 'string') {
    if (!AMOUNT_GRAMMAR.test(value)) {
      return `${describe(value)} is not a decimal amount: optional sign, digits, optionally '.' and digits (${AMOUNT_GRAMMAR.source}); no exponent, spaces, symbols or separators`;
    }
    const digits = value.length - (value[0] === '+' || value[0] === '-' ? 1 : 0) - (value.includes('.') ? 1 : 0);
    if (digits > MAX_AMOUNT_DIGITS) return `${describe(value)} has more than ${MAX_AMOUNT_DIGITS} digits`;
    d = new D(value); // the constructor does not round: every digit is kept
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${describe(value)} is not a finite amount`;
    d = new D(String(value));
  } else {
    return value === undefined || value === null ? 'an amount is required' : `${describe(value)} is not an amount`;
  }
  return d.isZero() ? new D(0) : d;
}

/** @internal Integer digits of `d` (at least 1) and its decimal places: how many digits it takes exactly. */
export function digitsOf(d: Decimal): { readonly integer: number; readonly places: number } {
  return { integer: Math.max(1, d.e + 1), places: d.decimalPlaces() };
}

/**
 * @internal The decimal constructor for money sized to the inputs: `digits` bounds the significant digits of
 * every exact sum and product of the computation, and quotients get 20 more (40 at least). Up to 20 digits
 * this is the library's clone itself (40 significant digits); above, one clone for the call, which never
 * prints in exponent notation. Never `Decimal.set`.
 */
export function moneyDecimal(digits: number): typeof Decimal {
  const precision = digits + 20;
  if (precision <= 40) return D;
  return D.clone({ precision, rounding: D.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
}

/** @internal `d`, with a −0 replaced by 0 (it would print as "-0.00"). */
export function positiveZero(d: Decimal): Decimal {
  return d.isZero() && d.isNegative() ? d.abs() : d;
}

/** @internal `d` × 10^places as an exact integer; `d` must have at most `places` decimal places. */
function toUnits(d: Decimal, places: number): bigint {
  return BigInt(d.toFixed(places).replace('.', ''));
}

/** @internal units × 10^−places, exactly, as a `C`; never −0. */
function fromUnits(C: typeof Decimal, units: bigint, places: number): Decimal {
  return units === 0n ? new C(0) : new C(`${units.toString()}e-${places}`);
}

/**
 * Whether a truncated quotient moves one step away from zero under decimal.js rounding mode `rounding`, given
 * its sign, how twice the remainder compares with the divisor (`half` < 0, 0 or > 0: below, at or above
 * the half) and whether the truncated quotient is odd.
 */
function roundsAway(rounding: Decimal.Rounding, negative: boolean, half: bigint, odd: boolean): boolean {
  switch (rounding) {
    case 0: // up: away from zero
      return true;
    case 1: // down: towards zero
      return false;
    case 2: // ceil
      return !negative;
    case 3: // floor
      return negative;
    case 4: // half-up
      return half >= 0n;
    case 5: // half-down
      return half > 0n;
    default: // half-even
      return half > 0n || (half === 0n && odd);
  }
}

/**
 * @internal `total / divisor` rounded to `places` decimal places by `rounding`, exactly (one integer division
 * in BigInt, then the rounding decided on the remainder: no double rounding through an intermediate
 * precision). `divisor` is a whole number > 0. Never −0.
 */
export function divideToPlaces(C: typeof Decimal, total: Decimal, divisor: number, places: number, rounding: Decimal.Rounding): Decimal {
  const k = Math.max(places, total.decimalPlaces());
  const m = toUnits(total, k);
  const den = BigInt(divisor) * 10n ** BigInt(k - places);
  let q = m / den; // truncated towards zero
  const r = m - q * den;
  if (r !== 0n) {
    const negative = m < 0n;
    const twice = 2n * (negative ? -r : r);
    if (roundsAway(rounding, negative, twice - den, q % 2n !== 0n)) q += negative ? -1n : 1n;
  }
  return fromUnits(C, q, places);
}

/**
 * Rounding modes for presented amounts.
 *
 * @category Cost
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

const MODES: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  up: 0,
  down: 1,
  ceil: 2,
  floor: 3,
  'half-up': 4,
  'half-down': 5,
  'half-even': 6,
};

/** @internal The decimal.js rounding constant of a mode, or `undefined` for an unknown one. */
export function roundingConstant(mode: unknown): Decimal.Rounding | undefined {
  return typeof mode === 'string' && Object.prototype.hasOwnProperty.call(MODES, mode) ? MODES[mode as RoundingMode] : undefined;
}

/**
 * @internal Splits `total` into parts proportional to the integer `shares`, in steps of `10^-places`,
 * so that the parts add up to `total` exactly (Hamilton / largest remainder method). `total` must be a
 * multiple of the step. Leftover steps go to the largest remainders; ties go to the larger share, then to
 * the earlier index. Shares must be integers ≥ 0 with a positive sum. Exact: integer arithmetic in BigInt,
 * whatever the number of digits; the parts are `C` decimals.
 */
export function allocateLargestRemainder(C: typeof Decimal, total: Decimal, shares: readonly number[], places: number): Decimal[] {
  const units = toUnits(total, places);
  const negative = units < 0n;
  const u = negative ? -units : units;
  let sum = 0n;
  for (const s of shares) sum += BigInt(s);
  const floors: bigint[] = [];
  const rems: bigint[] = [];
  let given = 0n;
  for (const s of shares) {
    const prod = u * BigInt(s);
    const f = prod / sum;
    floors.push(f);
    rems.push(prod - f * sum);
    given += f;
  }
  let left = u - given; // < number of shares with a positive remainder
  const order = shares.map((_, i) => i);
  order.sort((a, b) => {
    const ra = rems[a] as bigint;
    const rb = rems[b] as bigint;
    if (ra !== rb) return ra > rb ? -1 : 1;
    const sa = shares[a] as number;
    const sb = shares[b] as number;
    return sa !== sb ? sb - sa : a - b;
  });
  for (const i of order) {
    if (left === 0n) break;
    floors[i] = (floors[i] as bigint) + 1n;
    left -= 1n;
  }
  return floors.map((f) => fromUnits(C, negative ? -f : f, places));
}
