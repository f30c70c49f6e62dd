/**
 * Helpers for the partial states of accumulators (`Accumulator.save` / `Accumulator.load`, src/pipeline/collect.ts): numbers
 * that JSON cannot carry, and lists kept in input-position order across chunks.
 *
 * @internal
 * @module
 */

/**
 * @internal A double as JSON-safe data: finite numbers as they are (JSON round-trips every finite double
 * exactly), NaN, ±Infinity and −0 as strings (`'NaN'`, `'Infinity'`, `'-Infinity'`, `'-0'`).
 */
export function encodeNumber(x: number): number | string {
  if (x === 0) return Object.is(x, -0) ? '-0' : 0;
  return Number.isFinite(x) ? x : String(x);
}

/** @internal The double of `encodeNumber`'s output. */
export function decodeNumber(x: number | string): number {
  return typeof x === 'number' ? x : Number(x);
}

/** @internal A number or `undefined` as JSON-safe data (`undefined` as `null`). */
export function encodeOptional(x: number | undefined): number | string | null {
  return x === undefined ? null : encodeNumber(x);
}

/** @internal The value of `encodeOptional`'s output. */
export function decodeOptional(x: number | string | null): number | undefined {
  return x === null ? undefined : decodeNumber(x);
}

/**
 * @internal The order in which to interleave two lists sorted by position (`a` and `b`, the positions of their
 * items) into one sorted list: calls `take(fromA, k)` for each item in merged order. Linear; when every
 * position of `b` comes after those of `a` (chunks merged in input order) it is `a` then `b`.
 */
export function mergeByPosition(a: ArrayLike<number>, b: ArrayLike<number>, take: (fromA: boolean, k: number) => void): void {
  let i = 0;
  let k = 0;
  const n = a.length;
  const m = b.length;
  while (i < n && k < m) {
    if ((a[i] as number) <= (b[k] as number)) take(true, i++);
    else take(false, k++);
  }
  while (i < n) take(true, i++);
  while (k < m) take(false, k++);
}
