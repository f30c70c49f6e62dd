/**
 * Exact money: parsing amounts into the private Decimal, and splitting an amount into parts that add up to
 * it exactly (largest remainder method).
 *
 * @internal
 * @module
 */
import type { Decimal } from 'decimal.js';
import { D } from './decimal.js';

const AMOUNT_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * @internal Reads an amount: a decimal string as written, or a finite number by its shortest round-trip
 * decimal string (`String(n)`: 0.1 is "0.1", not 0.1000000000000000055…). Returns the rule broken instead
 * when it is not an amount.
 */
export function parseAmount(value: unknown): Decimal | string {
  if (typeof value === 'string') {
    const s = value.trim();
    if (!AMOUNT_RE.test(s)) return `${JSON.stringify(value)} is not a decimal amount (digits, one '.', optional sign; no symbols or separators)`;
    return new D(s);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${String(value)} is not a finite amount`;
    return new D(String(value));
  }
  return value === undefined || value === null ? 'an amount is required' : `a ${typeof value} is not an amount`;
}

/** @internal Digits after the decimal point of `d` (0 for integers). */
export function decimalPlaces(d: Decimal): number {
  return d.decimalPlaces();
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
 * the earlier index. Shares must be integers ≥ 0 with a positive sum. Exact: integer arithmetic in BigInt.
 */
export function allocateLargestRemainder(total: Decimal, shares: readonly number[], places: number): Decimal[] {
  const step = new D(10).pow(-places);
  const units = BigInt(total.div(step).toFixed(0));
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
  return floors.map((f) => {
    const part = new D((negative ? -f : f).toString()).times(step);
    return part.isZero() ? new D(0) : part;
  });
}
